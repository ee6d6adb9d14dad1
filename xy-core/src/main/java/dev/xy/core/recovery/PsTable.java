package dev.xy.core.recovery;

import dev.xy.core.supervisor.CommandOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The portable process table, for systems without {@code /proc} (macOS): {@code ps} for parents, groups and
 * states, the JDK for start times ({@link ProcessHandle.Info#startInstant()}, which macOS keeps as the fixed
 * wall-clock time of the fork). Sessions are not read: macOS's {@code ps} shows a session as a kernel address, not
 * as the pid of its leader. Processes whose start the JDK cannot read are left out; nothing can be proven of
 * them.
 */
final class PsTable implements ProcessTable {
    static final String CLOCK = "epoch-ms";

    @Override
    public Optional<ProcessEntry> find(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> start(pid)
                .map(start -> new ProcessEntry(
                        pid,
                        handle.parent().map(ProcessHandle::pid).orElse(0L),
                        pgidOf(pid).orElse(-1),
                        OptionalLong.empty(),
                        start,
                        false)));
    }

    @Override
    public ProcessSnapshot snapshot() throws IOException {
        List<ProcessEntry> processes = new ArrayList<>();
        for (String row : ps("-A", "-o", "pid=,ppid=,pgid=,stat=").split("\n")) {
            String[] columns = row.trim().split("\\s+");
            if (columns.length < 4) {
                continue;
            }
            try {
                long pid = Long.parseLong(columns[0]);
                long ppid = Long.parseLong(columns[1]);
                long pgid = Long.parseLong(columns[2]);
                boolean zombie = columns[3].startsWith("Z");
                start(pid)
                        .ifPresent(start ->
                                processes.add(new ProcessEntry(pid, ppid, pgid, OptionalLong.empty(), start, zombie)));
            } catch (NumberFormatException e) {
                // a header or a garbled row: skip it
            }
        }
        return new ProcessSnapshot(CLOCK, ProcessHandle.current().pid(), processes);
    }

    private static Optional<StartTime> start(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().startInstant())
                .map(Instant::toEpochMilli)
                .map(ms -> new StartTime(CLOCK, ms));
    }

    private static OptionalLong pgidOf(long pid) {
        try {
            String out = ps("-o", "pgid=", "-p", Long.toString(pid)).trim();
            return out.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(out));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String ps(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ps"));
        command.addAll(List.of(args));
        return CommandOutput.of(command, Duration.ofSeconds(5));
    }
}
