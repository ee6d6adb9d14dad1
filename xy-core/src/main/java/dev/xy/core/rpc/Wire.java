package dev.xy.core.rpc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xy.core.logs.LogStream;
import dev.xy.core.supervisor.ServerState;
import java.util.List;

/**
 * The vocabulary of xy's protocol, shared by the daemon and every client: method parameters, results and
 * notification payloads. Field names become snake_case on the wire ({@code uptimeSecs} is {@code uptime_secs}),
 * enums lowercase ({@code running}); null fields are left out. Documented in docs/protocol.md; a public contract.
 */
public final class Wire {
    private Wire() {}

    /** How a process ended: exactly one of code and signal is set. */
    public record LastExit(Integer code, String signal) {}

    /** Who a server is, by its own answers to xy's MCP probe; {@code tools} is how many tools it lists. */
    public record McpInfo(String name, String version, String protocolVersion, Integer tools) {}

    /**
     * One server at a glance. {@code ready} is set while a process runs: whether it answers as its health
     * check expects. {@code reason} says why it is in its state (the last transition's reason).
     */
    public record ServerSummary(
            String name,
            ServerState state,
            Boolean ready,
            Long pid,
            int port,
            String url,
            Long uptimeSecs,
            int restartCount,
            LastExit lastExit,
            String reason,
            McpInfo mcp) {}

    public record TransitionView(ServerState from, ServerState to, long atUnixMs, String reason) {}

    /** A server in detail: its summary's fields plus where it is configured and what happened to it lately. */
    public record ServerDetail(
            String name,
            ServerState state,
            Boolean ready,
            Long pid,
            int port,
            String url,
            Long uptimeSecs,
            int restartCount,
            LastExit lastExit,
            String reason,
            McpInfo mcp,
            List<String> toolNames,
            String configFile,
            String logFile,
            List<TransitionView> recentTransitions) {
        /** The fields of {@code summary}, and the details. */
        public static ServerDetail of(
                ServerSummary summary,
                List<String> toolNames,
                String configFile,
                String logFile,
                List<TransitionView> recentTransitions) {
            return new ServerDetail(
                    summary.name(),
                    summary.state(),
                    summary.ready(),
                    summary.pid(),
                    summary.port(),
                    summary.url(),
                    summary.uptimeSecs(),
                    summary.restartCount(),
                    summary.lastExit(),
                    summary.reason(),
                    summary.mcp(),
                    toolNames,
                    configFile,
                    logFile,
                    recentTransitions);
        }
    }

    /**
     * Which servers a command is for: exactly one of a name, several names, or all. {@code wait} (default
     * true) makes {@code start} and {@code restart} answer once each server is ready or has failed.
     */
    public record Target(String name, List<String> names, Boolean all, @JsonProperty("wait") Boolean waitReady) {
        public static Target one(String name) {
            return new Target(name, null, null, null);
        }

        public static Target some(List<String> names) {
            return new Target(null, List.copyOf(names), null, null);
        }

        public static Target every() {
            return new Target(null, null, true, null);
        }

        public Target noWait() {
            return new Target(name, names, all, false);
        }

        public boolean waits() {
            return waitReady == null || waitReady;
        }
    }

    public record NameParams(String name) {}

    /** For methods that take no params: any field given is refused as an invalid param. */
    public record NoParams() {}

    public record LogsParams(String name, Integer tail, Boolean follow) {}

    public record SubscriptionParams(String subscriptionId) {}

    public record StartResult(List<String> started, List<String> alreadyRunning) {}

    /** A server that could not be started (or restarted), and why. */
    public record Failure(String name, String reason) {}

    /** The {@code data} of a spawn-failed or port-conflict error from {@code start}/{@code restart}. */
    public record StartFailure(List<String> started, List<String> alreadyRunning, List<Failure> failed) {}

    public record StopResult(List<String> stopped, List<String> notRunning) {}

    public record RestartResult(List<String> restarted) {}

    /**
     * What a reload changed ({@code added} … {@code unchanged}, by name) and what came of it: the servers it
     * started, those a config change restarted, and those that could not start (with the reason).
     */
    public record ReloadResult(
            List<String> added,
            List<String> removed,
            List<String> changed,
            List<String> unchanged,
            List<String> started,
            List<String> restarted,
            List<Failure> failed) {}

    /** {@code wait} (default true): answer once what the reload started or restarted is ready, or has failed. */
    public record ReloadParams(@JsonProperty("wait") Boolean waitReady) {
        public boolean waits() {
            return waitReady == null || waitReady;
        }
    }

    /** The answer to {@code logs} and {@code subscribe}; {@code servers} is subscribe's starting snapshot. */
    public record SubscriptionResult(String subscriptionId, List<ServerSummary> servers) {}

    public record CancelResult(String cancelled) {}

    public record VersionResult(String daemon, int protocol) {}

    /** Who serves the socket: the headless daemon or the desktop app, since when, and reading which configs. */
    public record DaemonInfo(
            String version, int protocol, long pid, Host host, String configDir, String logDir, long startedAtUnixMs) {}

    public enum Host {
        DAEMON,
        APP
    }

    /** One config problem, as {@code data} of a config-invalid error. */
    public record Problem(String file, Integer line, Integer column, String message) {}

    public record LogEvent(String subscriptionId, String name, LogStream stream, String line, long tsUnixMs) {}

    /** {@code reason}: why the log ended by itself (the server was removed, the daemon is shutting down); absent when cancelled or all sent. */
    public record LogEnd(String subscriptionId, String reason) {}

    /**
     * A change to the set of servers or to one of them. {@code transition}: its state changed ({@code from},
     * {@code to}, {@code reason}); {@code changed}: something else about it did (readiness, its config);
     * {@code added} / {@code removed}: a reload took it on or dropped it. Except for {@code removed}, {@code
     * server} holds its whole summary after the change, so a view can apply events without asking back.
     */
    public record StateEvent(
            String subscriptionId,
            EventKind kind,
            String name,
            ServerState from,
            ServerState to,
            long atUnixMs,
            String reason,
            ServerSummary server) {
        public StateEvent withSubscription(String id) {
            return new StateEvent(id, kind, name, from, to, atUnixMs, reason, server);
        }
    }

    public enum EventKind {
        TRANSITION,
        CHANGED,
        ADDED,
        REMOVED
    }
}
