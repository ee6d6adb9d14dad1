package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogRingTest {
    private static LineBatch lines(LogStream stream, String... texts) {
        LineBatch batch = new LineBatch(stream, texts.length);
        StringBuilder joined = new StringBuilder();
        for (String text : texts) {
            joined.append(text).append('\n');
        }
        byte[] bytes = joined.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        batch.reset(bytes);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                batch.add(start, i);
                start = i + 1;
            }
        }
        return batch;
    }

    @Test
    void aQuietServersRingHoldsNoMemory() {
        LogRing ring = new LogRing(LogHub.RING_BYTES);
        assertThat(ring.allocatedBytes()).isZero();
        assertThat(ring.tail("alpha", 10)).isEmpty();
    }

    @Test
    void givesBackTimeStreamAndTextOfEachLineOldestFirst() {
        LogRing ring = new LogRing(LogHub.RING_BYTES);
        ring.add(lines(LogStream.STDOUT, "one", "", "drei ü €"), 1_000);
        ring.add(lines(LogStream.STDERR, "𝄞 four"), 2_000);
        ring.add(lines(LogStream.XY, "five"), -3);

        assertThat(ring.tail("alpha", 4))
                .extracting(LogLine::server, LogLine::stream, LogLine::text, LogLine::tsUnixMs)
                .containsExactly(
                        tuple("alpha", LogStream.STDOUT, "", 1_000L),
                        tuple("alpha", LogStream.STDOUT, "drei ü €", 1_000L),
                        tuple("alpha", LogStream.STDERR, "𝄞 four", 2_000L),
                        tuple("alpha", LogStream.XY, "five", -3L));
    }

    @Test
    void keepsTheNewestLinesAndNeverMoreThanItsBudget() {
        LogRing ring = new LogRing(LogHub.RING_BYTES);
        for (int i = 0; i < 100_000; i++) {
            ring.add(lines(LogStream.STDOUT, "line " + i), i);
            assertThat(ring.allocatedBytes()).isLessThanOrEqualTo(LogHub.RING_BYTES);
        }
        List<LogLine> all = ring.tail("alpha", Integer.MAX_VALUE);
        // 23 bytes a line: at least the budget less one block's worth of lines
        assertThat(all.size())
                .isBetween((int) ((LogHub.RING_BYTES - LogRing.BLOCK_BYTES) / 23), (int) (LogHub.RING_BYTES / 23));
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).text()).isEqualTo("line " + (100_000 - all.size() + i));
        }
    }

    @Test
    void aLineLongerThanABlockIsKeptWhole() {
        LogRing ring = new LogRing(LogHub.RING_BYTES);
        String huge = "y".repeat(StreamPump.MAX_LINE_BYTES);
        ring.add(lines(LogStream.STDOUT, "before"), 1);
        ring.add(lines(LogStream.STDOUT, huge), 2);
        ring.add(lines(LogStream.STDOUT, "after"), 3);

        assertThat(ring.tail("alpha", 3))
                .extracting(line -> line.text().length() > 20 ? line.text().equals(huge) + "" : line.text())
                .containsExactly("before", "true", "after");
    }

    @Test
    void theNewestLineStaysEvenWhenItAloneIsOverTheBudget() {
        LogRing ring = new LogRing(LogRing.BLOCK_BYTES);
        ring.add(lines(LogStream.STDOUT, "old"), 1);
        ring.add(lines(LogStream.STDOUT, "z".repeat(LogRing.BLOCK_BYTES + 1)), 2);

        assertThat(ring.tail("alpha", 5))
                .extracting(line -> line.text().length())
                .containsExactly(LogRing.BLOCK_BYTES + 1);
    }
}
