package dev.xy.core.supervisor;

import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.LogStream;
import dev.xy.core.logs.StreamPump;
import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A running server and its descendants. Signals go to the server's process group (see {@link ProcessGroups});
 * descendants seen while the server was alive are also signalled one by one, which catches the few that left
 * the group by starting their own session.
 */
final class OsProcessTree implements LaunchedProcess {
    /** After the server exits, how long its output may still take to drain before the exit is reported. */
    private static final Duration DRAIN_WAIT = Duration.ofMillis(500);

    private final Process process;
    private final boolean ownGroup;
    private final LogHub logs;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final Set<ProcessHandle> seenDescendants = new HashSet<>();

    OsProcessTree(Process process, boolean ownGroup, LogHub logs) {
        this.process = process;
        this.ownGroup = ownGroup;
        this.logs = logs;
    }

    @Override
    public void captureOutput() {
        StreamPump out = StreamPump.start(process.getInputStream(), logs, LogStream.STDOUT);
        StreamPump err = StreamPump.start(process.getErrorStream(), logs, LogStream.STDERR);
        // The exit is reported once the output is drained, so the log reads in order; but a leftover child
        // holding the pipes open must not delay it for long.
        process.onExit()
                .thenCompose(p -> CompletableFuture.allOf(out.done(), err.done())
                        .completeOnTimeout(null, DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .thenRun(() -> exit.complete(ExitStatus.fromExitValue(process.exitValue())));
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public OptionalLong processGroup() {
        return ownGroup ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
        return exit;
    }

    @Override
    public synchronized boolean terminate() {
        if (!anyAlive()) {
            return false;
        }
        // One SIGTERM per process: a second one makes many servers (uvicorn, Node apps with shutdown hooks) skip
        // their graceful shutdown. So the group, then only what left it; the leader alone if there is no group.
        boolean groupSignalled = ownGroup && ProcessGroups.signal(process.pid(), "TERM");
        if (!groupSignalled) {
            // Through the handle: Process.destroy() also closes our ends of the pipes, which loses what the server
            // still had in them and what it says while shutting down, and kills it with SIGPIPE if it says anything.
            process.toHandle().destroy();
        }
        Set<Long> seen = seenDescendants.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        Set<Long> outside =
                groupSignalled ? ProcessGroups.outsideGroup(process.pid(), seen).orElse(seen) : seen;
        seenDescendants.stream().filter(h -> outside.contains(h.pid())).forEach(ProcessHandle::destroy);
        return true;
    }

    @Override
    public synchronized boolean anyAlive() {
        rememberDescendants();
        if (process.isAlive()) {
            return true; // our own child: the JDK reaps it, so this is exact
        }
        Set<Long> pids = seenDescendants.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        return ProcessGroups.running(ownGroup ? process.pid() : -1, pids)
                .map(running -> !running.isEmpty())
                .orElseGet(() -> (ownGroup && ProcessGroups.signal(process.pid(), "0"))
                        || seenDescendants.stream().anyMatch(ProcessHandle::isAlive));
    }

    @Override
    public synchronized void kill() {
        rememberDescendants();
        if (ownGroup) {
            ProcessGroups.signal(process.pid(), "KILL");
        }
        process.toHandle().destroyForcibly();
        seenDescendants.forEach(ProcessHandle::destroyForcibly);
    }

    private void rememberDescendants() {
        if (process.isAlive()) {
            process.descendants().forEach(seenDescendants::add);
        }
        seenDescendants.removeIf(handle -> !handle.isAlive());
    }
}
