package dev.xy.core.recovery;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What crash recovery did about one record file.
 *
 * @param subject the server name, or the file name when the file could not be read
 * @param pids the processes stopped (for {@link Kind#STOPPED}) or still running (for {@link Kind#STILL_RUNNING})
 * @param detail why, in words
 */
public record ReapOutcome(String subject, Kind kind, List<Long> pids, String detail) {
    public enum Kind {
        /** Survivors were found and stopped; the record is removed. */
        STOPPED,
        /** Nothing of the tree was running; the record is removed. */
        NOTHING_LEFT,
        /** The pid belongs to another process now, which was left alone; the record is removed. */
        LEFT_ALONE,
        /** The file could not be read as a record; it is removed. */
        UNREADABLE,
        /** Survivors outlived SIGKILL, or could not be looked for; the record is kept for the next start. */
        STILL_RUNNING
    }

    public ReapOutcome {
        pids = List.copyOf(pids);
    }

    /** One line for the daemon's log. */
    public String describe() {
        String prefix = "crash recovery: " + subject + ": ";
        return prefix
                + switch (kind) {
                    case STOPPED -> "stopped " + pids.size() + " process(es) left running by an earlier xy (pids "
                            + join(pids) + ")" + (detail.isEmpty() ? "" : "; " + detail);
                    case NOTHING_LEFT -> "record removed, " + detail;
                    case LEFT_ALONE -> "record stale: " + detail + "; left alone";
                    case UNREADABLE -> "unreadable record removed: " + detail;
                    case STILL_RUNNING -> "not stopped: " + detail
                            + (pids.isEmpty() ? "" : " (pids " + join(pids) + ")") + "; record kept for the next start";
                };
    }

    private static String join(List<Long> pids) {
        return pids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
