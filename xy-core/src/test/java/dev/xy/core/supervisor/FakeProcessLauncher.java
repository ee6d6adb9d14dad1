package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogHub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Launches pretend processes that exit only when a test says so (or on SIGTERM, unless told to ignore it). */
final class FakeProcessLauncher implements ProcessLauncher {
    final List<FakeProcess> launched = new ArrayList<>();
    final List<ServerConfig> configs = new ArrayList<>();
    String failWith;
    private long nextPid = 1000;

    @Override
    public LaunchedProcess launch(ServerConfig config, LogHub logs) throws SpawnException {
        if (failWith != null) {
            throw new SpawnException(failWith);
        }
        FakeProcess process = new FakeProcess(nextPid++);
        launched.add(process);
        configs.add(config);
        return process;
    }

    FakeProcess last() {
        return launched.get(launched.size() - 1);
    }

    static final class FakeProcess implements LaunchedProcess {
        private final long pid;
        private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        boolean ignoresTerm;
        boolean leavesChildren;
        int terms;
        int kills;

        FakeProcess(long pid) {
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public void captureOutput() {}

        @Override
        public CompletableFuture<ExitStatus> exit() {
            return exit;
        }

        void exitWith(int code) {
            exit.complete(ExitStatus.code(code));
        }

        @Override
        public boolean terminate() {
            terms++;
            boolean alive = anyAlive();
            if (!ignoresTerm) {
                leavesChildren = false;
                exit.complete(ExitStatus.signal("SIGTERM"));
            }
            return alive;
        }

        @Override
        public boolean anyAlive() {
            return !exit.isDone() || leavesChildren;
        }

        @Override
        public void kill() {
            kills++;
            leavesChildren = false;
            exit.complete(ExitStatus.signal("SIGKILL"));
        }
    }
}
