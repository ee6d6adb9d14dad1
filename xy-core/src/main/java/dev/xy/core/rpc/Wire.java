package dev.xy.core.rpc;

import java.util.List;

/**
 * The data of xy's protocol: method parameters, results and notification payloads. Field names become
 * snake_case on the wire ({@code uptimeSecs} is {@code uptime_secs}); null fields are left out. Documented
 * in docs/protocol.md; a public contract.
 */
public final class Wire {
    private Wire() {}

    /** How a process ended: exactly one of code and signal is set. */
    public record LastExit(Integer code, String signal) {}

    public record ServerSummary(
            String name, String state, Long pid, int port, Long uptimeSecs, int restartCount, LastExit lastExit) {}

    public record TransitionView(String from, String to, long atUnixMs, String reason) {}

    public record ServerDetail(
            String name,
            String state,
            Long pid,
            int port,
            Long uptimeSecs,
            int restartCount,
            LastExit lastExit,
            List<TransitionView> recentTransitions) {}

    /** Which servers a command is for: one name, several, or all. */
    public record Target(String name, List<String> names, Boolean all) {}

    public record NameParams(String name) {}

    /** For methods that take no params: any field given is refused as an invalid param. */
    public record NoParams() {}

    public record LogsParams(String name, Integer tail, Boolean follow) {}

    public record SubscriptionParams(String subscriptionId) {}

    public record StartResult(List<String> started, List<String> alreadyRunning) {}

    /** A server that could not be spawned, and why. */
    public record Failure(String name, String reason) {}

    /** The {@code data} of a spawn-failed or port-conflict error from {@code start}: what did happen. */
    public record StartFailure(List<String> started, List<String> alreadyRunning, List<Failure> failed) {}

    public record StopResult(List<String> stopped, List<String> notRunning) {}

    public record RestartResult(List<String> restarted) {}

    public record ReloadResult(
            List<String> added, List<String> removed, List<String> changed, List<String> unchanged) {}

    public record SubscriptionResult(String subscriptionId) {}

    public record VersionResult(String daemon, int protocol) {}

    /** One config problem, as {@code data} of a config-invalid error. */
    public record Problem(String file, Integer line, Integer column, String message) {}

    public record LogEvent(String subscriptionId, String name, String stream, String line, long tsUnixMs) {}

    public record LogEnd(String subscriptionId) {}

    public record StateEvent(String name, String from, String to, long atUnixMs, String reason) {}
}
