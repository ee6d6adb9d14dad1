package dev.xy.core.recovery;

import java.util.OptionalLong;

/**
 * One process as the OS shows it: enough to tell whether it belongs to a recorded server tree.
 *
 * @param sid its session, when the system tells (Linux does; the portable fallback does not)
 * @param start when it started, on the snapshot's clock
 * @param zombie whether it has exited and only waits for its parent to collect it: it holds no port and needs no
 *     signal, and an orphan stays like this for good under an init that never reaps
 */
public record ProcessEntry(long pid, long ppid, long pgid, OptionalLong sid, StartTime start, boolean zombie) {}
