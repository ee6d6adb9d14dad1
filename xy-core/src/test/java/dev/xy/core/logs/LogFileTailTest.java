package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTailTest {
    @TempDir
    Path dir;

    @Test
    void readsTheNewestLinesBackThroughRotatedFilesOldestFirst() throws Exception {
        Files.writeString(
                dir.resolve("alpha.log.1"),
                "2026-11-27T03:00:00.000Z stdout one\n2026-11-27T03:00:01.000Z stderr two\n");
        Files.writeString(
                dir.resolve("alpha.log"),
                "2026-11-27T03:00:02.000Z xy exited with code 3\n2026-11-27T03:00:03.000Z stdout four\n");

        assertThat(LogFileTail.read(dir, "alpha", 3))
                .extracting(line -> line.stream().wireName() + " " + line.text())
                .containsExactly("stderr two", "xy exited with code 3", "stdout four");
        assertThat(LogFileTail.read(dir, "alpha", 100)).hasSize(4);
        assertThat(LogFileTail.read(dir, "beta", 10)).isEmpty();
    }
}
