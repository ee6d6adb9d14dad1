package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** Serves its input in pieces of the given sizes, as a pipe does when the writer is slow: no more is available. */
    private static final class ChunkedInput extends InputStream {
        private final byte[] bytes;
        private final int[] sizes;
        private int position;
        private int chunk;
        private int chunkEnd;

        ChunkedInput(byte[] bytes, int... sizes) {
            this.bytes = bytes;
            this.sizes = sizes;
        }

        @Override
        public int read() {
            if (position == chunkEnd) {
                if (position == bytes.length) {
                    return -1;
                }
                chunkEnd = Math.min(bytes.length, position + sizes[chunk++ % sizes.length]);
            }
            return bytes[position++] & 0xFF;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (position == chunkEnd) {
                int next = read();
                if (next < 0) {
                    return -1;
                }
                into[off] = (byte) next;
                return 1;
            }
            int n = Math.min(len, chunkEnd - position);
            System.arraycopy(bytes, position, into, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return chunkEnd - position;
        }
    }

    private List<String> pumpInPieces(byte[] input, int... sizes) throws IOException {
        LogHub hub = new LogHub("alpha", new RotatingLogFile(dir.resolve("alpha.log"), 1 << 30, 2), () -> 0L);
        new StreamPump(new ChunkedInput(input, sizes), hub, LogStream.STDOUT).run();
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

    @Test
    void linesCutAcrossReadsAtAnyByteComeOutWhole() throws IOException {
        String text = "plain\r\nüñí €uro 𝄞\n\nlast one\r\n" + "x".repeat(300) + "\nend";
        List<String> expected = List.of("plain", "üñí €uro 𝄞", "", "last one", "x".repeat(300), "end");
        for (int size = 1; size <= 12; size++) {
            assertThat(pumpInPieces(utf8(text), size))
                    .as("pieces of %d bytes", size)
                    .isEqualTo(expected);
            Files.delete(dir.resolve("alpha.log"));
        }
        assertThat(pumpInPieces(utf8(text), 3, 1, 7, 300, 2)).isEqualTo(expected);
    }

    @Test
    void aNewlineOrANonAsciiByteIsFoundAtEveryPlaceInAWord() throws IOException {
        // Lines are scanned eight bytes at a time: put "é", a malformed byte and the line ends at every offset.
        for (int length = 1; length <= 20; length++) {
            for (int at = 0; at < length; at++) {
                String ascii = "a".repeat(length);
                String accented = ascii.substring(0, at) + "é" + ascii.substring(at + 1);
                ByteArrayOutputStream input = new ByteArrayOutputStream();
                input.write(utf8(ascii + "\n" + accented + "\n" + "x".repeat(at) + "\n"));
                byte[] malformed = utf8(ascii + "\n");
                malformed[at] = (byte) 0xFF;
                input.write(malformed);
                String replaced = ascii.substring(0, at) + "\uFFFD" + ascii.substring(at + 1);
                assertThat(pump(input.toByteArray()))
                        .as("length %d, at %d", length, at)
                        .containsExactly(ascii, accented, "x".repeat(at), replaced);
                // The file too gets U+FFFD, not the malformed byte (the ring would decode either the same way).
                assertThat(Files.readString(dir.resolve("alpha.log"), StandardCharsets.ISO_8859_1))
                        .as("length %d, at %d", length, at)
                        .doesNotContain("\u00FF");
                Files.delete(dir.resolve("alpha.log"));
            }
        }
    }

    @Test
    void theFileGetsEachLineAsItsTimeItsStreamAndItsText() throws IOException {
        byte[] bad = {'a', (byte) 0xFF, 'b', '\n'};
        byte[] input = java.nio.ByteBuffer.allocate(64)
                .put(utf8("héllo\r\n"))
                .put(bad)
                .put(utf8("tail"))
                .flip()
                .array();
        LogHub hub = new LogHub(
                "alpha", new RotatingLogFile(dir.resolve("alpha.log"), 1 << 30, 2), () -> 1_764_165_000_123L);
        new StreamPump(new ChunkedInput(java.util.Arrays.copyOf(input, 8 + 4 + 4), 5), hub, LogStream.STDERR).run();

        assertThat(Files.readString(dir.resolve("alpha.log")))
                .isEqualTo("2025-11-26T13:50:00.123Z stderr héllo\n"
                        + "2025-11-26T13:50:00.123Z stderr a\uFFFDb\n"
                        + "2025-11-26T13:50:00.123Z stderr tail\n");
    }

    @Test
    void aPumpGivesItsBufferBackWhenItsInputRunsDry() throws IOException {
        BufferPool pool = new BufferPool(4);
        LogHub hub = new LogHub("alpha", new RotatingLogFile(dir.resolve("alpha.log"), 1 << 30, 2), () -> 0L);
        new StreamPump(new ChunkedInput(utf8("one\ntwo\nthree\n"), 4), hub, LogStream.STDOUT, pool).run();

        assertThat(pool.idle()).isEqualTo(1); // lent and given back at each quiet spell: one array did it all
        assertThat(hub.tail(5)).extracting(LogLine::text).containsExactly("one", "two", "three");
    }
}
