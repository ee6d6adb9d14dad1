package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamPumpTest {
    @TempDir
    Path dir;

    private List<String> pump(byte[] input) throws IOException {
        LogHub hub = new LogHub("alpha", new RotatingLogFile(dir.resolve("alpha.log"), 1 << 30, 2), () -> 0L);
        new StreamPump(new ByteArrayInputStream(input), hub, LogStream.STDOUT).run();
        return hub.tail(Integer.MAX_VALUE).stream().map(LogLine::text).toList();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnNewlinesDropsCrBeforeLfAndKeepsALastLineWithoutNewline() throws IOException {
        assertThat(pump(utf8("one\r\ntwo\n\nthree"))).containsExactly("one", "two", "", "three");
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws IOException {
        byte[] bad = {'a', (byte) 0xFF, 'b', '\n', (byte) 0xC3, '\n', 'o', 'k', '\n'};
        assertThat(pump(bad)).containsExactly("a\uFFFDb", "\uFFFD", "ok");
    }

    @Test
    void linesOverSixtyFourKilobytesAreSplitWithoutLosingABytes() throws IOException {
        String longLine = "x".repeat(StreamPump.MAX_LINE_BYTES * 2 + 10);
        List<String> lines = pump(utf8(longLine + "\nafter\n"));
        assertThat(lines).hasSize(4);
        assertThat(String.join("", lines.subList(0, 3))).isEqualTo(longLine);
        assertThat(lines.get(3)).isEqualTo("after");
    }

    @Test
    void splittingNeverCutsAMultiByteCharacter() throws IOException {
        // "é" is two bytes: an odd prefix pushes one of them across the 64 KB boundary.
        String text = "a" + "é".repeat(StreamPump.MAX_LINE_BYTES);
        List<String> lines = pump(utf8(text + "\n"));
        assertThat(String.join("", lines)).isEqualTo(text);
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\uFFFD"));
    }

    @Test
    void binaryGarbageNeverStopsThePump() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 300_000; i++) {
            bytes.write(i * 31 % 256);
        }
        bytes.write(utf8("\nthe end\n"));
        assertThat(pump(bytes.toByteArray())).last().isEqualTo("the end");
    }
}
