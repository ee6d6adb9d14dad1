package dev.xy.core.recovery;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads the system's process table: which processes run, in which group and session, since when. Every reading
 * of one table uses the same {@link StartTime} clock, so that a start time recorded through it can be matched
 * later.
 */
public interface ProcessTable {
    /** The process with this pid (perhaps a zombie), if there is one. */
    Optional<ProcessEntry> find(long pid);

    /** Every process at this moment. */
    ProcessSnapshot snapshot() throws IOException;

    /** {@code /proc} where there is one (Linux), else {@code ps} with the JDK's start times (macOS). */
    static ProcessTable forThisSystem() {
        return ProcFsTable.forThisSystem().<ProcessTable>map(table -> table).orElseGet(PsTable::new);
    }
}
