package dev.xy.core.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How xy makes each server the leader of its own process group, and signals that group.
 *
 * <p>Why a process group: {@code Process.destroy()} signals only the direct child, so a {@code sh -c} or
 * {@code npx} wrapper's children survive, reparented to init, still holding the port. Walking
 * {@code ProcessHandle.descendants()} misses processes that double-fork and cannot find anything once the
 * wrapper itself has died. A process group keeps every descendant that does not deliberately leave it, even
 * after the leader's death, and one {@code kill -SIG -- -pgid} reaches them all, on Linux and macOS alike.
 *
 * <p>The JDK cannot call {@code setsid()} itself, so the command is started through a tiny exec-in-place
 * wrapper: {@code setsid} (util-linux, on Linux) or, where that is missing (macOS), {@code perl}, which both
 * systems ship. Both replace themselves with the server, so the pid Java sees is the server's and pgid = pid.
 */
public final class ProcessGroups {
    private static final List<String> SETSID = List.of("/usr/bin/setsid", "/bin/setsid");
    private static final List<String> PERL = List.of("/usr/bin/perl", "/bin/perl");
    private static final String KILL = Files.isExecutable(Path.of("/bin/kill")) ? "/bin/kill" : "/usr/bin/kill";

    private static final Duration PS_TIMEOUT = Duration.ofSeconds(5);

    private ProcessGroups() {}

    /** The words to put before a command so that it runs as the leader of a new session and process group. */
    public static Optional<List<String>> leaderPrefix() {
        for (String setsid : SETSID) {
            if (Files.isExecutable(Path.of(setsid))) {
                return Optional.of(List.of(setsid));
            }
        }
        for (String perl : PERL) {
            if (Files.isExecutable(Path.of(perl))) {
                return Optional.of(List.of(
                        perl, "-e", "use POSIX (); POSIX::setsid(); exec { $ARGV[0] } @ARGV or die \"exec: $!\\n\""));
            }
        }
        return Optional.empty();
    }

    /**
     * Which of group {@code pgid} and of {@code pids} are still running, leaving out zombies: an orphan that has
     * exited stays a zombie until init reaps it, and some containers' init never does. Empty when {@code ps}
     * cannot be run, in which case callers fall back to {@link #signal} with {@code 0}.
     */
    static Optional<Set<Long>> running(long pgid, Set<Long> pids) {
        return table().map(rows -> {
            Set<Long> running = new HashSet<>();
            for (Row row : rows) {
                if (!row.zombie() && (row.pgid() == pgid || pids.contains(row.pid()))) {
                    running.add(row.pid());
                }
            }
            return running;
        });
    }

    /**
     * Which of {@code pids} are running outside group {@code pgid} (they called {@code setsid} or {@code setpgid}):
     * a signal to the group does not reach them. Empty when {@code ps} cannot be run.
     */
    static Optional<Set<Long>> outsideGroup(long pgid, Set<Long> pids) {
        if (pids.isEmpty()) {
            return Optional.of(Set.of());
        }
        return table().map(rows -> {
            Set<Long> outside = new HashSet<>();
            for (Row row : rows) {
                if (!row.zombie() && pids.contains(row.pid()) && row.pgid() != pgid) {
                    outside.add(row.pid());
                }
            }
            return outside;
        });
    }

    /** One process in the table: its pid, its group, and whether it is a zombie. */
    record Row(long pid, long pgid, boolean zombie) {}

    /**
     * The rows of {@code ps -o pid=,pgid=,stat=}: columns apart by any white space, rows with fewer columns left
     * out.
     *
     * @throws NumberFormatException when a pid or pgid is not a number
     */
    static List<Row> rows(String table) {
        List<Row> rows = new ArrayList<>();
        for (String row : table.split("\n")) {
            String[] columns = row.trim().split("\\s+");
            if (columns.length >= 3) {
                rows.add(new Row(Long.parseLong(columns[0]), Long.parseLong(columns[1]), columns[2].startsWith("Z")));
            }
        }
        return rows;
    }

    /** Every process, from {@code ps}; empty when it cannot be run. */
    private static Optional<List<Row>> table() {
        try {
            return Optional.of(rows(CommandOutput.of(List.of("ps", "-A", "-o", "pid=,pgid=,stat="), PS_TIMEOUT)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends {@code signal} (such as {@code TERM}, {@code KILL}, or {@code 0} to probe) to every process in group
     * {@code pgid}, through the system's {@code kill}.
     *
     * @return whether the group had any process to receive it
     */
    public static boolean signal(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder(KILL, "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return true;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
