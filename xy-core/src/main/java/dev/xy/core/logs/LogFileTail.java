package dev.xy.core.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The last lines of a server's log files read straight from the disk, for when no daemon is there to ask (it
 * stopped, or crashed — just when the log is wanted) or the server is no longer configured: {@code <name>.log},
 * then {@code <name>.log.1} and older, from the end, at most {@link LogHub#HISTORY_BYTES} of them, each line parsed
 * back into time, stream and text as the daemon's own tail does ({@link LogHistory#readBack}). Nothing else may be
 * writing them.
 */
public final class LogFileTail {
    private LogFileTail() {}

    /** Up to {@code count} lines, oldest first; empty when the server has no log file there. */
    public static List<LogLine> read(Path logDir, String server, int count) {
        Path current = logDir.resolve(server + ".log");
        return LogHistory.readBack(
                index -> open(index == 0 ? current : current.resolveSibling(current.getFileName() + "." + index)),
                server,
                0,
                count,
                System.currentTimeMillis(),
                LogHub.HISTORY_BYTES);
    }

    private static Optional<LogHistory.OpenFile> open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            FileChannel channel = FileChannel.open(file);
            return Optional.of(new LogHistory.OpenFile(channel, channel.size()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
