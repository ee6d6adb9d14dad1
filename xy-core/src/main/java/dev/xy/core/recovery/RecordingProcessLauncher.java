package dev.xy.core.recovery;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.LogStream;
import dev.xy.core.supervisor.LaunchedProcess;
import dev.xy.core.supervisor.ProcessLauncher;
import dev.xy.core.supervisor.SpawnException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ProcessLauncher} that keeps a {@link ProcessRecord} of every server it launches, for crash recovery:
 * written as soon as the process runs, removed once it has exited and nothing of its tree runs any more. If the
 * daemon dies in between, the record stays, and the next daemon's {@link SurvivorReaper} uses it. The supervisor
 * is unaware of it: it sees the launcher and the processes it wraps.
 *
 * <p>Each server has one record, the newest launch's; a process's late cleanup never removes its successor's.
 */
public final class RecordingProcessLauncher implements ProcessLauncher, AutoCloseable {
    /** After an exit with leftovers, how soon to look again, doubling up to {@link #LAST_LOOK_EVERY}. */
    private static final Duration FIRST_LOOK_AFTER = Duration.ofMillis(50);

    private static final Duration LAST_LOOK_EVERY = Duration.ofSeconds(1);

    private final ProcessLauncher launcher;
    private final ProcessRecordStore store;
    private final ProcessTable table;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "xy-process-records");
        thread.setDaemon(true);
        return thread;
    });

    public RecordingProcessLauncher(ProcessLauncher launcher, ProcessRecordStore store) {
        this(launcher, store, ProcessTable.forThisSystem());
    }

    RecordingProcessLauncher(ProcessLauncher launcher, ProcessRecordStore store, ProcessTable table) {
        this.launcher = launcher;
        this.store = store;
        this.table = table;
    }

    @Override
    public LaunchedProcess launch(ServerConfig config, LogHub logs) throws SpawnException {
        LaunchedProcess launched = launcher.launch(config, logs);
        Optional<ProcessEntry> leader = table.find(launched.pid());
        if (leader.isEmpty()) {
            logs.publish(LogStream.XY, "not recorded for crash recovery: pid " + launched.pid() + " is gone already");
            return launched;
        }
        ProcessRecord record = recordOf(config, launched, leader.get());
        try {
            store.write(record);
        } catch (IOException | RuntimeException e) {
            logs.publish(
                    LogStream.XY,
                    "cannot record pid " + launched.pid() + " for crash recovery in " + store.dir() + ": " + e);
            return launched;
        }
        return new RecordedProcess(launched, record, this);
    }

    private static ProcessRecord recordOf(ServerConfig config, LaunchedProcess launched, ProcessEntry leader) {
        List<String> command = new ArrayList<>(List.of(config.command()));
        command.addAll(config.args());
        // Read from the launcher, not the OS: right after the spawn the exec-in-place wrapper may not yet have
        // made the server a leader. Its setsid makes a session and a group, both numbered after the server.
        OptionalLong group = launched.processGroup();
        return new ProcessRecord(
                config.name(),
                launched.pid(),
                group,
                group,
                leader.start(),
                ProcessHandle.of(launched.pid()).flatMap(p -> p.info().startInstant()),
                command,
                Instant.now());
    }

    /**
     * One look: removes the record if nothing of its tree runs (or the pid is someone else's already).
     *
     * @return whether the tree is gone
     */
    boolean forgetIfGone(ProcessRecord record) {
        try {
            if (!(SurvivorMatch.decide(record, table.snapshot()) instanceof SurvivorMatch.Ours)) {
                store.deleteIfCurrent(record);
                return true;
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable table or store: look again later; at worst the next start finds a stale record.
        }
        return false;
    }

    /**
     * Looks again and again, less and less often, until the tree is gone or a newer launch of the server has
     * replaced the record. Its supervisor stops what is left (SIGKILL after the grace), so this ends.
     */
    void watchUntilGone(ProcessRecord record) {
        watchUntilGone(record, FIRST_LOOK_AFTER);
    }

    private void watchUntilGone(ProcessRecord record, Duration delay) {
        watcher.schedule(
                () -> {
                    if (!forgetIfGone(record)
                            && store.read(record.name())
                                    .filter(record::sameProcess)
                                    .isPresent()) {
                        Duration twice = delay.multipliedBy(2);
                        watchUntilGone(record, twice.compareTo(LAST_LOOK_EVERY) > 0 ? LAST_LOOK_EVERY : twice);
                    }
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Ends the watcher thread: for when the engine that launched through this is gone (an app may host again). */
    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
