package dev.xy.core.recovery;

import dev.xy.core.config.ConfigSet;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Crash recovery at start-up: for every process record left in the state directory, finds what still runs of
 * that server's tree ({@link SurvivorMatch}), stops it like a normal stop ({@link SurvivorStop}) and removes the
 * record, so that the servers about to be started are the only copies. A pid that now belongs to another process
 * is left alone. A file that cannot be read as a record is reported and removed; nothing here stops the daemon
 * from starting. Records are handled concurrently, so ten servers with a 5-second grace take 5 seconds, not 50.
 *
 * <p>Call it while holding the daemon lock and before starting any server: nothing else may write records then.
 */
public final class SurvivorReaper {
    /** The grace for a server that is no longer configured. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    /** How long processes may take to disappear after SIGKILL. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final ProcessRecordStore store;
    private final ProcessTable table;

    public SurvivorReaper(ProcessRecordStore store, ProcessTable table) {
        this.store = store;
        this.table = table;
    }

    public static SurvivorReaper forThisSystem(ProcessRecordStore store) {
        return new SurvivorReaper(store, ProcessTable.forThisSystem());
    }

    /** Reaps with the stop grace of each server as configured in {@code configs}. */
    public List<ReapOutcome> reap(ConfigSet configs) {
        return reap(name -> configs.servers().stream()
                .filter(config -> config.name().equals(name))
                .findFirst()
                .map(config -> config.stop().grace()));
    }

    /**
     * Handles every record and returns what was done, in file-name order.
     *
     * @param graceOf the configured stop grace of a server, if it is still configured
     */
    public List<ReapOutcome> reap(Function<String, Optional<Duration>> graceOf) {
        List<ProcessRecordStore.Entry> entries;
        try {
            entries = store.readAll();
        } catch (IOException e) {
            return List.of(new ReapOutcome(
                    store.dir().toString(), ReapOutcome.Kind.UNREADABLE, List.of(), "cannot list: " + e.getMessage()));
        }
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "xy-crash-recovery");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<ReapOutcome>> outcomes = new ArrayList<>();
            for (ProcessRecordStore.Entry entry : entries) {
                outcomes.add(CompletableFuture.supplyAsync(() -> handle(entry, graceOf), threads));
            }
            return outcomes.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
    }

    private ReapOutcome handle(ProcessRecordStore.Entry entry, Function<String, Optional<Duration>> graceOf) {
        ReapOutcome outcome;
        if (entry instanceof ProcessRecordStore.Readable readable) {
            ProcessRecord record = readable.record();
            try {
                outcome = new SurvivorStop(table, KILL_WAIT)
                        .stop(record, graceOf.apply(record.name()).orElse(DEFAULT_GRACE));
            } catch (IOException | RuntimeException e) {
                return new ReapOutcome(
                        record.name(),
                        ReapOutcome.Kind.STILL_RUNNING,
                        List.of(),
                        "cannot read the process table: " + e.getMessage());
            }
        } else {
            ProcessRecordStore.Unreadable unreadable = (ProcessRecordStore.Unreadable) entry;
            outcome = new ReapOutcome(
                    entry.file().getFileName().toString(),
                    ReapOutcome.Kind.UNREADABLE,
                    List.of(),
                    unreadable.problem());
        }
        if (outcome.kind() != ReapOutcome.Kind.STILL_RUNNING) {
            try {
                store.delete(entry.file());
            } catch (IOException e) {
                return new ReapOutcome(
                        outcome.subject(),
                        outcome.kind(),
                        outcome.pids(),
                        outcome.detail() + " (but the record could not be removed: " + e.getMessage() + ")");
            }
        }
        return outcome;
    }
}
