package dev.xy.core.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The last lines of a server's log files read straight from the disk, for when no daemon is there to ask (it
 * stopped, or crashed — just when the log is wanted) or the server is no longer configured: {@code <name>.log},
 * then {@code <name>.log.1} and older, from the end, at most {@link LogHub#HISTORY_BYTES} of them, each line parsed
 * back into time, stream and text as the daemon's own tail does. Nothing else may be writing them.
 */
public final class LogFileTail {
    private LogFileTail() {}

    /** Up to {@code count} lines, oldest first; empty when the server has no log file there. */
    public static List<LogLine> read(Path logDir, String server, int count) throws IOException {
        List<LogLine> newestFirst = new ArrayList<>();
        long budget = LogHub.HISTORY_BYTES;
        long ts = System.currentTimeMillis();
        Path current = logDir.resolve(server + ".log");
        for (int index = 0; newestFirst.size() < count && budget > 0; index++) {
            Optional<FileChannel> opened =
                    open(index == 0 ? current : current.resolveSibling(current.getFileName() + "." + index));
            if (opened.isEmpty()) {
                break;
            }
            try (FileChannel channel = opened.get()) {
                ReverseLineReader lines = new ReverseLineReader(channel, channel.size(), budget);
                Optional<String> text;
                while (newestFirst.size() < count && (text = lines.next()).isPresent()) {
                    LogLine line = LogLineParser.parse(server, text.get(), ts);
                    ts = line.tsUnixMs();
                    newestFirst.add(line);
                }
                budget = lines.budgetLeft();
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static Optional<FileChannel> open(Path file) throws IOException {
        try {
            return Files.isRegularFile(file) ? Optional.of(FileChannel.open(file)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
