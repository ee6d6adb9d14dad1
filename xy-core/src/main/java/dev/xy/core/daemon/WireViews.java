package dev.xy.core.daemon;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.McpIdentity;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ExitStatus;
import dev.xy.core.supervisor.ServerState;
import dev.xy.core.supervisor.ServerStatus;
import dev.xy.core.supervisor.Transition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Turns supervisor snapshots into the protocol's records. */
final class WireViews {
    private WireViews() {}

    /**
     * {@code uptime} is the supervisor's, measured on the monotonic clock: a stepped wall clock must not move it.
     * {@code logTrouble} says why the log file cannot be written, while it cannot.
     */
    static Wire.ServerSummary summary(
            ServerStatus status, ServerConfig config, Optional<Duration> uptime, Optional<String> logTrouble) {
        return new Wire.ServerSummary(
                status.name(),
                status.state(),
                status.ready().orElse(null),
                status.pid().isPresent() ? status.pid().getAsLong() : null,
                status.port(),
                config.url(),
                uptime.map(Duration::toSeconds).orElse(null),
                status.restartCount(),
                status.lastExit().map(WireViews::lastExit).orElse(null),
                reason(status, logTrouble),
                status.mcp().map(WireViews::mcp).orElse(null));
    }

    static Wire.ServerDetail detail(
            ServerStatus status,
            ServerConfig config,
            Optional<Duration> uptime,
            Optional<String> logTrouble,
            Path logFile) {
        return Wire.ServerDetail.of(
                summary(status, config, uptime, logTrouble),
                status.mcp().map(McpIdentity::tools).orElse(null),
                config.file().toString(),
                logFile.toString(),
                status.transitions().stream().map(WireViews::transition).toList());
    }

    static Wire.TransitionView transition(Transition t) {
        return new Wire.TransitionView(t.from(), t.to(), t.at().toEpochMilli(), t.reason());
    }

    static Wire.StateEvent transitionEvent(Transition t, Wire.ServerSummary server) {
        return new Wire.StateEvent(
                null,
                Wire.EventKind.TRANSITION,
                t.server(),
                t.from(),
                t.to(),
                t.at().toEpochMilli(),
                t.reason(),
                server);
    }

    static Wire.StateEvent membershipEvent(Wire.EventKind kind, String name, Wire.ServerSummary server, Instant at) {
        return new Wire.StateEvent(
                null, kind, name, null, server == null ? null : server.state(), at.toEpochMilli(), null, server);
    }

    /**
     * Why the server is where it is: while a process runs and its health check says something (not ready yet,
     * failing), that; otherwise the last transition's reason. A log file that cannot be written is added: the
     * server is fine, but its output is not reaching the disk.
     */
    private static String reason(ServerStatus status, Optional<String> logTrouble) {
        String reason;
        if (status.healthNote().isPresent()) {
            String note = status.healthNote().get();
            boolean saysSo = note.startsWith("not ready");
            reason = (status.state() == ServerState.STARTING && !saysSo ? "not ready yet: " : "") + note;
        } else {
            List<Transition> transitions = status.transitions();
            reason = transitions.isEmpty()
                    ? null
                    : transitions.get(transitions.size() - 1).reason();
        }
        if (logTrouble.isEmpty()) {
            return reason;
        }
        return (reason == null ? "" : reason + "; ") + "logs: " + logTrouble.get();
    }

    private static Wire.McpInfo mcp(McpIdentity identity) {
        return new Wire.McpInfo(
                identity.name(),
                identity.version(),
                identity.protocolVersion(),
                identity.tools().size());
    }

    private static Wire.LastExit lastExit(ExitStatus exit) {
        return new Wire.LastExit(exit.code().orElse(null), exit.signal().orElse(null));
    }
}
