package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {
    @TempDir
    Path dir;

    private static LogLine line(String text) {
        return new LogLine("alpha", LogStream.STDOUT, text, 1_764_165_000_123L);
    }

    @Test
    void writesTimestampStreamAndTextPrivately() throws IOException {
        Path logs = dir.resolve("state/logs");
        try (RotatingLogFile file = new RotatingLogFile(logs.resolve("alpha.log"), 1 << 20, 3)) {
            file.append(line("hello"));
            file.append(new LogLine("alpha", LogStream.XY, "started pid 7", 1_764_165_001_005L));
        }
        assertThat(Files.readAllLines(logs.resolve("alpha.log")))
                .containsExactly("2025-11-26T13:50:00.123Z stdout hello", "2025-11-26T13:50:01.005Z xy started pid 7");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs.resolve("alpha.log"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)))
                .isEqualTo("rwx------");
    }

    @Test
    void rotationKeepsEveryLineWholeAndOnlyKeepFiles() throws IOException {
        Path path = dir.resolve("alpha.log");
        try (RotatingLogFile file = new RotatingLogFile(path, 4096, 1000)) {
            for (int i = 0; i < 10_000; i++) {
                file.append(line("line " + i));
            }
        }
        List<String> all = new ArrayList<>();
        for (int i = 1000; i >= 1; i--) {
            Path rotated = dir.resolve("alpha.log." + i);
            if (Files.exists(rotated)) {
                assertThat(Files.size(rotated)).isLessThanOrEqualTo(4096);
                all.addAll(Files.readAllLines(rotated));
            }
        }
        all.addAll(Files.readAllLines(path));
        assertThat(all).hasSize(10_000);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i)).endsWith(" stdout line " + i);
        }
    }

    @Test
    void onlyKeepRotatedFilesRemain() throws IOException {
        Path path = dir.resolve("alpha.log");
        try (RotatingLogFile file = new RotatingLogFile(path, 1024, 2)) {
            for (int i = 0; i < 1000; i++) {
                file.append(line("line " + i));
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("alpha.log", "alpha.log.1", "alpha.log.2");
        }
        assertThat(Files.readAllLines(path)).last().asString().endsWith("line 999");
    }

    @Test
    void reopeningAppendsToTheExistingFile() throws IOException {
        Path path = dir.resolve("alpha.log");
        try (RotatingLogFile file = new RotatingLogFile(path, 1 << 20, 2)) {
            file.append(line("first run"));
        }
        try (RotatingLogFile file = new RotatingLogFile(path, 1 << 20, 2)) {
            file.append(line("second run"));
        }
        assertThat(Files.readAllLines(path)).hasSize(2);
    }
}
