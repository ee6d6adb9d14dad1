package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up in the middle of a write, as a real one does (a short write, then ENOSPC), and is freed
 * later: the fake beside {@code LogDiskFaultsIT}'s real {@code /dev/full}, with a clock the test moves, so that
 * the counting and the retries can be checked exactly.
 */
class FailingDiskTest {
    private static final Pattern BACK =
            Pattern.compile("xy could not write (\\d+) lines? to \\S+ from .*; writing again");

    @TempDir
    Path dir;

    /** Writes through to the real file until its budget of bytes is spent, then fails as a full disk does. */
    private final class Disk implements LogChannel.Opener {
        long freeBytes = Long.MAX_VALUE;
        int opens;

        @Override
        public WritableByteChannel openForAppend(Path file) throws IOException {
            opens++;
            FileChannel real = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (freeBytes <= 0) {
                        throw new IOException("No space left on device");
                    }
                    ByteBuffer part = src.slice();
                    part.limit((int) Math.min(part.remaining(), freeBytes));
                    int written = real.write(part);
                    src.position(src.position() + written);
                    freeBytes -= written;
                    return written;
                }

                @Override
                public boolean isOpen() {
                    return real.isOpen();
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        }
    }

    private final Disk disk = new Disk();
    private final long[] nanos = {0};
    private final List<String> told = new CopyOnWriteArrayList<>();

    private LogHub hub() throws IOException {
        RotatingLogFile file = new RotatingLogFile(dir.resolve("alpha.log"), 1L << 30, 2, disk);
        LogHub hub = new LogHub("alpha", file, () -> 1_764_165_000_000L, () -> nanos[0], FollowerBudget.unbounded());
        hub.onFileNotice(told::add);
        return hub;
    }

    private List<String> fileLines() throws IOException {
        return Files.readAllLines(dir.resolve("alpha.log")).stream()
                .map(line -> line.substring(line.indexOf(' ') + 1))
                .toList();
    }

    @Test
    void everyLineIsWrittenWholeOrCountedAndTheFileSaysHowManyWhenTheDiskIsBack() throws Exception {
        LogHub hub = hub();
        int line = 0;
        for (; line < 100; line++) {
            hub.publish(LogStream.STDOUT, "line " + line);
        }
        hub.flush();
        disk.freeBytes = 1000; // room for about 30 more lines, and then part of one
        for (; line < 5000; line++) {
            hub.publish(LogStream.STDOUT, "line " + line);
        }
        hub.flush();
        nanos[0] += LogFileWriter.RETRY.toNanos();
        hub.publish(LogStream.STDOUT, "line " + line++); // tried again: still full
        disk.freeBytes = Long.MAX_VALUE;
        nanos[0] += LogFileWriter.RETRY.toNanos();
        for (int last = line + 10; line < last; line++) {
            hub.publish(LogStream.STDOUT, "line " + line);
        }
        hub.flush();

        List<String> lines = fileLines();
        int back = -1;
        List<Integer> before = new ArrayList<>();
        for (int i = 0; i < lines.size() && back < 0; i++) {
            if (BACK.matcher(lines.get(i)).matches()) {
                back = i;
            } else if (lines.get(i).matches("stdout line \\d+")) {
                before.add(Integer.parseInt(lines.get(i).substring("stdout line ".length())));
            }
        }
        assertThat(back).as("the note when the disk is back, in %s", lines).isPositive();
        assertThat(lines.get(back - 1))
                .as("the line cut short by the full disk")
                .doesNotMatch("stdout line \\d+");
        Matcher note = BACK.matcher(lines.get(back));
        assertThat(note.matches()).isTrue();
        int missed = Integer.parseInt(note.group(1));
        // Whole lines 0..k, then exactly the missed ones, then the rest: nothing lost without being counted.
        for (int i = 0; i < before.size(); i++) {
            assertThat(before.get(i)).isEqualTo(i);
        }
        assertThat(lines.get(back + 1)).isEqualTo("stdout line " + (before.size() + missed));
        assertThat(lines).last().isEqualTo("stdout line " + (line - 1));
        assertThat(hub.tail(Integer.MAX_VALUE))
                .filteredOn(l -> l.stream() == LogStream.STDOUT)
                .hasSize(line);
        assertThat(told).hasSize(2);
        assertThat(told.get(0)).startsWith("cannot write " + dir.resolve("alpha.log") + ": No space left on device");
        assertThat(told.get(1)).startsWith("could not write " + missed + " lines to ");
        assertThat(hub.fileTrouble()).isEmpty();
    }

    @Test
    void aFailedFileIsTriedAgainOnceASecondNotOnEveryLine() throws Exception {
        LogHub hub = hub();
        disk.freeBytes = 0;
        hub.publish(LogStream.XY, "started pid 7"); // events are flushed at once: this one fails
        assertThat(hub.fileTrouble()).hasValueSatisfying(t -> assertThat(t)
                .startsWith("cannot write " + dir.resolve("alpha.log") + " since ")
                .endsWith("No space left on device; 1 line not written so far, kept in memory"));
        int opens = disk.opens;

        for (int i = 0; i < 1000; i++) {
            hub.publish(LogStream.STDOUT, "line " + i);
            hub.flush();
        }
        assertThat(disk.opens).isEqualTo(opens);
        nanos[0] += LogFileWriter.RETRY.toNanos();
        for (int i = 0; i < 1000; i++) {
            hub.publish(LogStream.STDOUT, "line " + i);
        }

        assertThat(disk.opens).isEqualTo(opens + 1);
        assertThat(told).hasSize(1);
        assertThat(hub.fileTrouble()).hasValueSatisfying(t -> assertThat(t).contains("2001 lines not written"));
        assertThat(hub.tail(Integer.MAX_VALUE)).hasSize(1 + 1 + 2000); // the note, the event, the lines
    }
}
