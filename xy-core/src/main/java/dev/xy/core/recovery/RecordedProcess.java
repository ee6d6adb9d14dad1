package dev.xy.core.recovery;

import dev.xy.core.supervisor.ExitStatus;
import dev.xy.core.supervisor.LaunchedProcess;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A launched process whose record is removed once it has exited and its tree is gone. The removal is tried
 * before the exit is passed on, and again whenever the supervisor finds the tree gone, so that a daemon that
 * shuts down right after its servers' stops leaves no record behind.
 */
final class RecordedProcess implements LaunchedProcess {
    private final LaunchedProcess process;
    private final ProcessRecord record;
    private final RecordingProcessLauncher records;
    private final CompletableFuture<ExitStatus> exit;
    private volatile boolean forgotten;

    RecordedProcess(LaunchedProcess process, ProcessRecord record, RecordingProcessLauncher records) {
        this.process = process;
        this.record = record;
        this.records = records;
        this.exit = process.exit().whenComplete((status, error) -> {
            if (!forget()) {
                records.watchUntilGone(record);
            }
        });
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public OptionalLong processGroup() {
        return process.processGroup();
    }

    @Override
    public void captureOutput() {
        process.captureOutput();
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
        return exit;
    }

    @Override
    public boolean terminate() {
        return process.terminate();
    }

    @Override
    public boolean anyAlive() {
        boolean alive = process.anyAlive();
        if (!alive && process.exit().isDone()) {
            forget();
        }
        return alive;
    }

    @Override
    public void kill() {
        process.kill();
    }

    private boolean forget() {
        if (!forgotten) {
            forgotten = records.forgetIfGone(record);
        }
        return forgotten;
    }
}
