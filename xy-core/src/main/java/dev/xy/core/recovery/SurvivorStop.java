package dev.xy.core.recovery;

import dev.xy.core.config.Durations;
import dev.xy.core.supervisor.ProcessGroups;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stops what is left of one recorded tree the way a normal stop does: SIGTERM to its process group and to each
 * survivor outside it, up to {@code grace} for them to go, then SIGKILL to whatever is left, and a last wait until
 * nothing is running. Every look at the process table decides afresh which processes are ours (see
 * {@link SurvivorMatch}); processes found at the first look stay targets for as long as they run with the same
 * start time, even once their leader has gone and nothing else ties them to the record.
 */
final class SurvivorStop {
    private static final Duration POLL = Duration.ofMillis(50);

    private final ProcessTable table;
    private final Duration killWait;

    SurvivorStop(ProcessTable table, Duration killWait) {
        this.table = table;
        this.killWait = killWait;
    }

    ReapOutcome stop(ProcessRecord record, Duration grace) throws IOException {
        ProcessSnapshot first = table.snapshot();
        SurvivorMatch match = SurvivorMatch.decide(record, first);
        if (match instanceof SurvivorMatch.NotOurs notOurs) {
            return new ReapOutcome(record.name(), ReapOutcome.Kind.LEFT_ALONE, List.of(), notOurs.reason());
        }
        if (match instanceof SurvivorMatch.Gone gone) {
            return new ReapOutcome(
                    record.name(),
                    ReapOutcome.Kind.NOTHING_LEFT,
                    List.of(),
                    gone.reason() + " (" + record.describe() + ")");
        }
        Map<Long, StartTime> targets = new TreeMap<>();
        for (long pid : ((SurvivorMatch.Ours) match).pids()) {
            first.find(pid).ifPresent(p -> targets.put(pid, p.start()));
        }
        List<Long> stopped = new ArrayList<>(targets.keySet());
        signal((SurvivorMatch.Ours) match, targets, "TERM");
        if (waitUntilGone(record, targets, grace)) {
            return new ReapOutcome(record.name(), ReapOutcome.Kind.STOPPED, stopped, "");
        }
        SurvivorMatch.Ours stubborn = remaining(record, targets);
        signal(stubborn, targets, "KILL");
        if (waitUntilGone(record, targets, killWait)) {
            return new ReapOutcome(
                    record.name(),
                    ReapOutcome.Kind.STOPPED,
                    stopped,
                    "SIGKILL after " + Durations.format(grace) + " to " + new TreeSet<>(stubborn.pids()));
        }
        return new ReapOutcome(
                record.name(),
                ReapOutcome.Kind.STILL_RUNNING,
                List.copyOf(new TreeSet<>(remaining(record, targets).pids())),
                "still running " + Durations.format(killWait) + " after SIGKILL");
    }

    /**
     * Our processes now: what the record matches, plus the earlier targets that still run (new matches become
     * targets too). The group to signal is kept only while the record still vouches for it.
     */
    private SurvivorMatch.Ours remaining(ProcessRecord record, Map<Long, StartTime> targets) throws IOException {
        ProcessSnapshot now = table.snapshot();
        Set<Long> pids = new HashSet<>();
        Optional<Long> group = Optional.empty();
        if (SurvivorMatch.decide(record, now) instanceof SurvivorMatch.Ours ours) {
            pids.addAll(ours.pids());
            group = ours.group();
            ours.pids().forEach(pid -> now.find(pid).ifPresent(p -> targets.putIfAbsent(pid, p.start())));
        }
        targets.forEach((pid, start) -> now.find(pid)
                .filter(p -> p.start().equals(start) && !p.zombie())
                .ifPresent(p -> pids.add(pid)));
        return new SurvivorMatch.Ours(pids, group);
    }

    /** Signals the group as a whole, and each process outside it that is still the one we found. */
    private void signal(SurvivorMatch.Ours ours, Map<Long, StartTime> targets, String signal) throws IOException {
        ours.group().ifPresent(group -> ProcessGroups.signal(group, signal));
        ProcessSnapshot now = table.snapshot();
        for (long pid : ours.pids()) {
            Optional<ProcessEntry> process = now.find(pid);
            boolean reachedByGroup = process.isPresent()
                    && ours.group().filter(g -> g == process.get().pgid()).isPresent();
            boolean stillTheSame = process.isPresent() && process.get().start().equals(targets.get(pid));
            if (!reachedByGroup && stillTheSame) {
                // The JDK checks the start time again when it signals: a pid reused meanwhile is not hit.
                ProcessHandle.of(pid).ifPresent(handle -> {
                    if (signal.equals("KILL")) {
                        handle.destroyForcibly();
                    } else {
                        handle.destroy();
                    }
                });
            }
        }
    }

    private boolean waitUntilGone(ProcessRecord record, Map<Long, StartTime> targets, Duration limit)
            throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!remaining(record, targets).pids().isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
