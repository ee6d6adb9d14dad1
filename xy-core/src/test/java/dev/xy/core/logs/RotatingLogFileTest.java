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
    void rotationKeepsEveryLineWholeAndOnlyTheNewestKeepFiles() throws IOException {
        Path path = dir.resolve("alpha.log");
        // About 110 lines fit in a file, so 10,000 lines rotate about 90 times: far past the keep limit of 5.
        try (RotatingLogFile file = new RotatingLogFile(path, 4096, 5)) {
            for (int i = 0; i < 10_000; i++) {
                file.append(line("line " + i));
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "alpha.log", "alpha.log.1", "alpha.log.2", "alpha.log.3", "alpha.log.4", "alpha.log.5");
        }
        List<String> kept = new ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            Path rotated = dir.resolve("alpha.log." + i);
            assertThat(Files.size(rotated)).isBetween(4096L - 64, 4096L);
            kept.addAll(Files.readAllLines(rotated));
        }
        kept.addAll(Files.readAllLines(path));
        // What is kept is the newest lines, each whole, none missing in between.
        int first = 10_000 - kept.size();
        assertThat(first).isGreaterThan(9_000);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i)).isEqualTo("2025-11-26T13:50:00.123Z stdout line " + (first + i));
        }
    }

    @Test
    void aSmallerKeepRemovesTheOlderFilesAtTheNextRotation() throws IOException {
        Path path = dir.resolve("alpha.log");
        try (RotatingLogFile file = new RotatingLogFile(path, 1024, 4)) {
            for (int i = 0; i < 1000; i++) {
                file.append(line("line " + i));
            }
            assertThat(dir.resolve("alpha.log.4")).exists();
            file.reconfigure(1024, 2);
            for (int i = 0; i < 100; i++) {
                file.append(line("line " + i));
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("alpha.log", "alpha.log.1", "alpha.log.2");
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
    void reopeningAFileCutMidLineEndsThatLineFirst() throws IOException {
        Path path = Files.writeString(dir.resolve("alpha.log"), "2025-11-26T13:50:00.123Z stdout half a li");
        try (RotatingLogFile file = new RotatingLogFile(path, 1 << 20, 2)) {
            file.append(line("next run"));
        }
        assertThat(Files.readAllLines(path))
                .containsExactly(
                        "2025-11-26T13:50:00.123Z stdout half a li", "2025-11-26T13:50:00.123Z stdout next run");
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

    @Test
    void aRotationThatCannotRenameKeepsEveryLineInTheCurrentFileAndSaysSoOnce() throws IOException {
        Path path = dir.resolve("alpha.log");
        // A directory with something in it where alpha.log.1 must go: no rename can replace it, even as root.
        Files.createDirectories(dir.resolve("alpha.log.1/in-the-way"));
        try (RotatingLogFile file = new RotatingLogFile(path, 1024, 1)) {
            for (int i = 0; i < 100; i++) {
                file.append(line("line " + i));
            }
            assertThat(file.takeRotationFailure()).isPresent();
            for (int i = 100; i < 200; i++) {
                file.append(line("line " + i));
            }
            assertThat(file.takeRotationFailure()).as("told once").isEmpty();
        }
        List<String> lines = Files.readAllLines(path);
        assertThat(lines).hasSize(200);
        assertThat(lines.get(199)).endsWith("line 199");
    }

    @Test
    void aFileRemovedUnderItIsNoticedAndReopenedWithTheBufferedLines() throws IOException {
        Path path = dir.resolve("logs/alpha.log");
        try (RotatingLogFile file = new RotatingLogFile(path, 1 << 20, 2)) {
            file.append(line("before"));
            file.flush();
            assertThat(file.isStillAtItsPath()).isTrue();
            Files.delete(path);
            Files.delete(path.getParent());
            file.append(line("buffered while it was gone"));
            assertThat(file.isStillAtItsPath()).isFalse();

            file.reopen();
            file.append(line("after"));
        }
        assertThat(Files.readAllLines(path))
                .containsExactly(
                        "2025-11-26T13:50:00.123Z stdout buffered while it was gone",
                        "2025-11-26T13:50:00.123Z stdout after");
    }
}
