package dev.xy.core.recovery;

import dev.xy.core.config.ServerConfig;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What identifies one launched server's process tree beyond its pid, which the kernel reuses: kept in the state
 * directory while the tree runs, so that a daemon starting after a crash can find what the dead one left running.
 *
 * @param name the server
 * @param pid the server process, the leader of the tree
 * @param pgid the process group the tree lives in; absent when the server was not started as a group leader
 * @param sid the session, likewise (xy starts each server with {@code setsid}: pgid = sid = pid)
 * @param start when the leader started, on {@code start.clock()}; with the pid, this names one process only
 * @param startedAt the same moment as a wall-clock time, for people reading the file
 * @param command the command as configured, for people reading the file (a server may exec something else)
 * @param writtenAt when the record was written
 */
public record ProcessRecord(
        String name,
        long pid,
        OptionalLong pgid,
        OptionalLong sid,
        StartTime start,
        Optional<Instant> startedAt,
        List<String> command,
        Instant writtenAt) {
    public ProcessRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pgid, "pgid");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(writtenAt, "writtenAt");
        if (!ServerConfig.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid server name: " + name);
        }
        if (pid < 1) {
            throw new IllegalArgumentException("invalid pid: " + pid);
        }
        if (pgid.isPresent() && pgid.getAsLong() < 1 || sid.isPresent() && sid.getAsLong() < 1) {
            throw new IllegalArgumentException("invalid process group or session id");
        }
        command = List.copyOf(command);
    }

    /** Whether this and {@code other} describe the same process: the same pid started at the same time. */
    public boolean sameProcess(ProcessRecord other) {
        return pid == other.pid && start.equals(other.start);
    }

    /** "pid 4242", or "pid 4242, group 4242" when it leads its own group, for messages. */
    public String describe() {
        return "pid " + pid
                + pgid.stream().mapToObj(g -> ", group " + g).findFirst().orElse("");
    }
}
