package dev.xy.core.logs;

import java.io.IOException;

/**
 * A write to a log file that the disk refused: the file is closed until it is reopened, and {@link #linesLost}
 * lines, whole or in part, are not in it.
 */
public final class LogWriteFailedException extends IOException {
    private final int linesLost;

    LogWriteFailedException(IOException cause, int linesLost) {
        super(cause.getMessage(), cause);
        this.linesLost = linesLost;
    }

    /** The same failure, counting {@code more} lines lost with it. */
    LogWriteFailedException plus(int more) {
        return new LogWriteFailedException(reason(), linesLost + more);
    }

    /** What the OS said. */
    IOException reason() {
        return (IOException) getCause();
    }

    public int linesLost() {
        return linesLost;
    }
}
