package dev.xy.core.daemon;

import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ExitStatus;
import dev.xy.core.supervisor.ServerStatus;
import dev.xy.core.supervisor.Transition;
import java.time.Duration;
import java.time.Instant;

/** Turns supervisor snapshots into the protocol's records. */
final class WireViews {
    private WireViews() {}

    static Wire.ServerSummary summary(ServerStatus status, Instant now) {
        return new Wire.ServerSummary(
                status.name(),
                status.state().wireName(),
                status.pid().isPresent() ? status.pid().getAsLong() : null,
                status.port(),
                uptime(status, now),
                status.restartCount(),
                status.lastExit().map(WireViews::lastExit).orElse(null));
    }

    static Wire.ServerDetail detail(ServerStatus status, Instant now) {
        Wire.ServerSummary s = summary(status, now);
        return new Wire.ServerDetail(
                s.name(),
                s.state(),
                s.pid(),
                s.port(),
                s.uptimeSecs(),
                s.restartCount(),
                s.lastExit(),
                status.transitions().stream().map(WireViews::transition).toList());
    }

    static Wire.TransitionView transition(Transition t) {
        return new Wire.TransitionView(t.from().wireName(), t.to().wireName(), t.at().toEpochMilli(), t.reason());
    }

    static Wire.StateEvent stateEvent(Transition t) {
        return new Wire.StateEvent(
                t.server(), t.from().wireName(), t.to().wireName(), t.at().toEpochMilli(), t.reason());
    }

    private static Long uptime(ServerStatus status, Instant now) {
        return status.startedAt()
                .map(started -> Math.max(0, Duration.between(started, now).toSeconds()))
                .orElse(null);
    }

    private static Wire.LastExit lastExit(ExitStatus exit) {
        return new Wire.LastExit(exit.code().orElse(null), exit.signal().orElse(null));
    }
}
