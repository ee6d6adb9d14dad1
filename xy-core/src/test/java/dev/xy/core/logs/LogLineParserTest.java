package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLineParserTest {
    private static final long FALLBACK = 42L;

    @TempDir
    Path dir;

    private static LogLine parse(String line) {
        return LogLineParser.parse("alpha", line, FALLBACK);
    }

    @Test
    void readsBackWhatTheFileWrites() {
        assertThat(parse("2025-11-26T13:50:00.123Z stdout hello world"))
                .isEqualTo(new LogLine("alpha", LogStream.STDOUT, "hello world", 1_764_165_000_123L));
        assertThat(parse("2025-11-26T13:50:01.005Z xy started pid 7"))
                .isEqualTo(new LogLine("alpha", LogStream.XY, "started pid 7", 1_764_165_001_005L));
        assertThat(parse("1970-01-01T00:00:00.000Z stderr ")).isEqualTo(new LogLine("alpha", LogStream.STDERR, "", 0L));
        assertThat(parse("2025-11-26T13:50:00.123Z stdout  two  spaces kept "))
                .extracting(LogLine::text)
                .isEqualTo(" two  spaces kept ");
        // An empty text whose trailing space was lost (an editor trimmed it) is still an empty line.
        assertThat(parse("2025-11-26T13:50:00.123Z stderr"))
                .isEqualTo(new LogLine("alpha", LogStream.STDERR, "", 1_764_165_000_123L));
    }

    @Test
    void roundTripsEveryStreamThroughTheRealWriter() throws Exception {
        Path path = dir.resolve("alpha.log");
        List<LogLine> lines = List.of(
                new LogLine("alpha", LogStream.STDOUT, "out é ✓", 1_764_165_000_123L),
                new LogLine("alpha", LogStream.STDERR, "", 1_764_165_000_999L),
                new LogLine("alpha", LogStream.XY, "exited with code 3", 1_764_165_001_000L));
        try (RotatingLogFile file = new RotatingLogFile(path, 1 << 20, 1)) {
            for (LogLine line : lines) {
                file.append(line);
            }
        }
        assertThat(Files.readAllLines(path).stream().map(LogLineParserTest::parse))
                .containsExactlyElementsOf(lines);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain text from an older format",
                "2025-11-26T13:50:00.123Z",
                "2025-11-26T13:50:00.123Z stdouthello",
                "2025-11-26T13:50:00.123Z info something",
                "2025-13-26T13:50:00.123Z stdout month 13",
                "2025-02-30T13:50:00.123Z stdout February 30",
                "2025-11-26 13:50:00.123Z stdout a space for the T",
                "2025-11-26T13:50:00.12Z stdout short millis",
                "２０２５-11-26T13:50:00.123Z stdout wide digits",
                "\uFFFD\uFFFD half a line cut by a crash"
            })
    void aLineThatDoesNotParseIsStdoutTextAsIs(String line) {
        assertThat(parse(line)).isEqualTo(new LogLine("alpha", LogStream.STDOUT, line, FALLBACK));
    }
}
