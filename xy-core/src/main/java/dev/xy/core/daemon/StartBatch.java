package dev.xy.core.daemon;

import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.PortInUseException;
import dev.xy.core.supervisor.ServerSupervisor;
import dev.xy.core.supervisor.SpawnException;
import dev.xy.core.supervisor.StartOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Starts (or restarts) several servers concurrently and tells, for each, what came of it: started, already
 * running, or failed with the reason. Failures are also written to the daemon's log.
 */
final class StartBatch {
    private final List<String> started = new ArrayList<>();
    private final List<String> alreadyRunning = new ArrayList<>();
    private final List<Wire.Failure> failed = new ArrayList<>();
    /** Servers retired before their start could run (xy shutting down, a reload removing them); also failed. */
    private final List<String> retired = new ArrayList<>();

    private boolean allPortConflicts = true;

    private StartBatch() {}

    /**
     * @param untilReady whether to wait for each server to be ready, or only for its process to be spawned
     */
    static StartBatch run(
            List<ServerSupervisor> chosen, String reason, boolean restart, boolean untilReady, Consumer<String> log) {
        List<CompletableFuture<StartOutcome>> attempts = chosen.stream()
                .map(s -> restart ? s.restart(untilReady) : s.start(reason, untilReady))
                .toList();
        return collect(chosen, attempts, log);
    }

    /** What came of attempts already under way, {@code attempts.get(i)} being {@code chosen.get(i)}'s. */
    static StartBatch collect(
            List<ServerSupervisor> chosen, List<CompletableFuture<StartOutcome>> attempts, Consumer<String> log) {
        StartBatch batch = new StartBatch();
        for (int i = 0; i < chosen.size(); i++) {
            StartOutcome outcome;
            try {
                outcome = attempts.get(i).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof ServerSupervisor.RetiredException retired) {
                    batch.failed.add(new Wire.Failure(chosen.get(i).name(), retired.getMessage()));
                    batch.retired.add(chosen.get(i).name());
                    batch.allPortConflicts = false;
                    continue;
                }
                throw e;
            }
            batch.record(chosen.get(i), outcome, log);
        }
        return batch;
    }

    private void record(ServerSupervisor supervisor, StartOutcome outcome, Consumer<String> log) {
        switch (outcome) {
            case STARTED -> started.add(supervisor.name());
            case ALREADY_RUNNING -> alreadyRunning.add(supervisor.name());
            case SPAWN_FAILED -> {
                Optional<SpawnException> why = supervisor.lastSpawnFailure();
                allPortConflicts &= why.isPresent() && why.get() instanceof PortInUseException;
                String reason = why.map(Throwable::getMessage).orElseGet(() -> lastReason(supervisor));
                failed.add(new Wire.Failure(supervisor.name(), reason));
                // Not logged here: the transition to failed says "cannot start: …" in the daemon's log already.
            }
            case NOT_READY -> {
                allPortConflicts = false;
                String why = supervisor.lastStartFailure().orElseGet(() -> lastReason(supervisor));
                String reason = why.startsWith("not ready") ? why : "not ready: " + why;
                failed.add(new Wire.Failure(supervisor.name(), reason));
                log.accept(supervisor.name() + ": " + reason);
            }
        }
    }

    private static String lastReason(ServerSupervisor supervisor) {
        var transitions = supervisor.status().transitions();
        return transitions.isEmpty()
                ? "failed"
                : transitions.get(transitions.size() - 1).reason();
    }

    List<String> started() {
        return List.copyOf(started);
    }

    List<String> alreadyRunning() {
        return List.copyOf(alreadyRunning);
    }

    List<Wire.Failure> failed() {
        return List.copyOf(failed);
    }

    List<String> retired() {
        return List.copyOf(retired);
    }

    /** One error for the whole batch, whose data says what happened to every server. */
    void throwIfAnyFailed() throws RpcException {
        if (failed.isEmpty()) {
            return;
        }
        String reasons = String.join(
                "; ", failed.stream().map(f -> f.name() + ": " + f.reason()).toList());
        throw new RpcException(
                allPortConflicts ? ErrorCodes.PORT_CONFLICT : ErrorCodes.SPAWN_FAILED,
                "cannot start " + reasons,
                new Wire.StartFailure(started(), alreadyRunning(), failed()));
    }
}
