package dev.xy.core.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads back the lines of a server's log files that precede a {@link RotatingLogFile.Mark}: the file current at
 * the mark up to its marked size, then the rotated files before it, newest first, from the end and within a byte
 * budget. The writer goes on meanwhile, and may rotate: a file is found by how many rotations happened since
 * the mark, and opened before that count is checked again, so a rename in between is noticed and retried.
 */
final class LogHistory {
    private final RotatingLogFile log;
    private final RotatingLogFile.Mark mark;
    private final String server;

    LogHistory(RotatingLogFile log, RotatingLogFile.Mark mark, String server) {
        this.log = log;
        this.mark = mark;
        this.server = server;
    }

    /**
     * Up to {@code count} lines before the newest {@code skip} lines at the mark, oldest first. A line that does
     * not parse takes the time of the line after it, the newest one {@code newerTs}. I/O errors end the history
     * early: what was read is returned.
     */
    List<LogLine> read(int skip, int count, long newerTs, long budgetBytes) {
        return readBack(this::openAtMark, server, skip, count, newerTs, budgetBytes);
    }

    /** One of a server's log files, open, and where its lines end. */
    record OpenFile(FileChannel channel, long end) {}

    /** Opens {@code <name>.log.<index>} (0: the current file), or none when there is no such file. */
    @FunctionalInterface
    interface FileOpener {
        Optional<OpenFile> open(int index) throws IOException;
    }

    /**
     * Up to {@code count} lines before the newest {@code skip}, oldest first, read from the end of file 0, then 1
     * and older, within {@code budgetBytes} of them. A line that does not parse takes the time of the line after
     * it, the newest one {@code newerTs}. I/O errors end the history early: what was read is returned.
     */
    static List<LogLine> readBack(
            FileOpener files, String server, int skip, int count, long newerTs, long budgetBytes) {
        List<LogLine> newestFirst = new ArrayList<>(Math.min(count, 1024));
        long budget = budgetBytes;
        long ts = newerTs;
        int skipped = 0;
        try {
            for (int index = 0; newestFirst.size() < count && budget > 0; index++) {
                Optional<OpenFile> opened = files.open(index);
                if (opened.isEmpty()) {
                    break;
                }
                try (FileChannel channel = opened.get().channel()) {
                    ReverseLineReader lines =
                            new ReverseLineReader(channel, opened.get().end(), budget);
                    Optional<String> text;
                    while (newestFirst.size() < count && (text = lines.next()).isPresent()) {
                        if (skipped < skip) {
                            skipped++;
                            continue;
                        }
                        LogLine line = LogLineParser.parse(server, text.get(), ts);
                        ts = line.tsUnixMs();
                        newestFirst.add(line);
                    }
                    budget = lines.budgetLeft();
                }
            }
        } catch (IOException e) {
            // A file that vanished or cannot be read ends the history: older lines are a bonus, not a promise.
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The file current at the mark up to its marked size, then the rotated ones whole. */
    private Optional<OpenFile> openAtMark(int index) throws IOException {
        Optional<FileChannel> opened = open(index);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        FileChannel channel = opened.get();
        try {
            return Optional.of(
                    new OpenFile(channel, index == 0 ? Math.min(mark.size(), channel.size()) : channel.size()));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The file that was {@code <name>.log.<index>} at the mark (0: the current one), wherever it is now. */
    private Optional<FileChannel> open(int index) throws IOException {
        while (true) {
            long rotations = log.rotations();
            long now = index + rotations - mark.rotations();
            if (now > log.keep()) {
                return Optional.empty();
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(log.rotated((int) now));
            } catch (NoSuchFileException e) {
                if (log.rotations() == rotations) {
                    return Optional.empty();
                }
                continue;
            }
            if (log.rotations() == rotations) {
                return Optional.of(channel); // an open channel keeps reading the same file across later renames
            }
            channel.close();
        }
    }
}
