package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogHistoryTest {
    @TempDir
    Path dir;

    private static LogLine line(int i) {
        return new LogLine("alpha", LogStream.STDOUT, "line " + i, 1_764_165_000_000L + i);
    }

    @Test
    void rotationsAfterTheMarkDoNotShiftWhatIsReadBack() throws IOException {
        try (RotatingLogFile file = new RotatingLogFile(dir.resolve("alpha.log"), 1024, 10)) {
            for (int i = 0; i < 60; i++) {
                file.append(line(i));
            }
            RotatingLogFile.Mark mark = file.mark();
            long rotationsAtMark = file.rotations();
            for (int i = 60; i < 150; i++) {
                file.append(line(i)); // the writer goes on and rotates while the history is wanted
            }
            file.flush();
            assertThat(file.rotations()).isGreaterThan(rotationsAtMark + 1);

            List<LogLine> lines = new LogHistory(file, mark, "alpha").read(5, 40, 0, 1 << 20);

            assertThat(lines)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(15, 55)
                            .mapToObj(LogHistoryTest::line)
                            .toList());
        }
    }

    @Test
    void historyEndsWhereTheKeptFilesEnd() throws IOException {
        try (RotatingLogFile file = new RotatingLogFile(dir.resolve("alpha.log"), 1024, 2)) {
            for (int i = 0; i < 200; i++) {
                file.append(line(i));
            }
            List<LogLine> lines = new LogHistory(file, file.mark(), "alpha").read(0, 1000, 0, 1 << 20);

            assertThat(lines).isNotEmpty().hasSizeLessThan(200);
            assertThat(lines.get(lines.size() - 1)).isEqualTo(line(199));
            int first = 200 - lines.size();
            assertThat(lines)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(first, 200)
                            .mapToObj(LogHistoryTest::line)
                            .toList());
        }
    }

    @Test
    void aLineThatDoesNotParseTakesTheTimeOfTheLineAfterIt() throws IOException {
        Path path = dir.resolve("alpha.log");
        java.nio.file.Files.writeString(path, "garbage\n2025-11-26T13:50:00.123Z stdout fine\nmore garbage\n");
        try (RotatingLogFile file = new RotatingLogFile(path, 1 << 20, 2)) {
            List<LogLine> lines = new LogHistory(file, file.mark(), "alpha").read(0, 10, 99L, 1 << 20);

            assertThat(lines)
                    .containsExactly(
                            new LogLine("alpha", LogStream.STDOUT, "garbage", 1_764_165_000_123L),
                            new LogLine("alpha", LogStream.STDOUT, "fine", 1_764_165_000_123L),
                            new LogLine("alpha", LogStream.STDOUT, "more garbage", 99L));
        }
    }
}
