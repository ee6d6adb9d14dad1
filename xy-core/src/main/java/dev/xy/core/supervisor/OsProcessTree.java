package dev.xy.core.supervisor;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A running server and its descendants. Signals go to the server's process group (see {@link ProcessGroups});
 * descendants seen while the server was alive are also signalled one by one, which catches the few that left
 * the group by starting their own session.
 */
final class OsProcessTree implements LaunchedProcess {
    private final Process process;
    private final boolean ownGroup;
    private final CompletableFuture<ExitStatus> exit;
    private final Set<ProcessHandle> seenDescendants = new HashSet<>();

    OsProcessTree(Process process, boolean ownGroup, CompletableFuture<ExitStatus> exit) {
        this.process = process;
        this.ownGroup = ownGroup;
        this.exit = exit;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
        return exit;
    }

    @Override
    public synchronized boolean terminate() {
        rememberDescendants();
        boolean any = ownGroup && ProcessGroups.signal(process.pid(), "TERM");
        if (process.isAlive()) {
            process.destroy();
            any = true;
        }
        for (ProcessHandle descendant : seenDescendants) {
            any |= descendant.isAlive() && descendant.destroy();
        }
        return any;
    }

    @Override
    public synchronized boolean anyAlive() {
        rememberDescendants();
        return process.isAlive()
                || (ownGroup && ProcessGroups.signal(process.pid(), "0"))
                || seenDescendants.stream().anyMatch(ProcessHandle::isAlive);
    }

    @Override
    public synchronized void kill() {
        rememberDescendants();
        if (ownGroup) {
            ProcessGroups.signal(process.pid(), "KILL");
        }
        process.destroyForcibly();
        seenDescendants.forEach(ProcessHandle::destroyForcibly);
    }

    private void rememberDescendants() {
        if (process.isAlive()) {
            process.descendants().forEach(seenDescendants::add);
        }
        seenDescendants.removeIf(handle -> !handle.isAlive());
    }
}
