package dev.xy.core.health;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks that an MCP server over Streamable HTTP at {@code http://localhost:<port><path>} answers as one: it
 * names itself and lists its tools. Blocking, on the caller's thread, within the timeout (plus at most
 * {@link #MAX_CLEANUP} to end a session); it starts no thread and leaves no connection open.
 *
 * <p>Both eras are supported: the stateless 2026-07-28 revision first ({@code server/discover},
 * {@code tools/list}), and, when the server does not speak it, the 2025 handshake ({@code initialize},
 * {@code notifications/initialized}, {@code tools/list}, DELETE of the session). The outcome says which one the
 * server speaks.
 */
public final class McpProbe {
    static final String CLIENT_NAME = "xy-probe";
    static final String CLIENT_VERSION = Optional.ofNullable(
                    McpProbe.class.getPackage().getImplementationVersion())
            .orElse("dev");

    /** How long the DELETE of a probe's session may take, even after the probe's own time has run out. */
    static final Duration MAX_CLEANUP = Duration.ofSeconds(1);

    private McpProbe() {}

    /**
     * The readiness probe: finds out which era the server speaks, who it is and what tools it has.
     *
     * <p>The stateless attempt gets at most half of the timeout, so that a 2025 server that lets an unknown
     * method hang still leaves time for the handshake.
     */
    public static ProbeOutcome probe(int port, String path, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        McpHttp http = http(port, path, deadline);
        try {
            Optional<StatelessDiscovery.ServerInfo> info =
                    new StatelessDiscovery(http.within(deadline.within(timeout.dividedBy(2)))).discover();
            if (info.isPresent()) {
                List<String> tools = new StatelessDiscovery(http).toolNames();
                return ProbeOutcome.passed(new McpIdentity(
                        info.get().name(), info.get().version(), StatelessDiscovery.VERSION, McpEra.STATELESS, tools));
            }
            return ProbeOutcome.passed(handshake(http, timeout));
        } catch (ProbeFailure e) {
            return failed(e);
        } catch (RuntimeException e) {
            return unexpected(e);
        }
    }

    /**
     * The periodic check of a server that was found ready as {@code known}: the cheapest exchange that still
     * proves the server serves its tools. For a stateless server that is one {@code tools/list}, which carries
     * everything a request needs. For a 2025 server it is the whole handshake and DELETE again: a {@code ping}
     * would pass on a server whose {@code tools/list} fails, and would need a session kept open between checks,
     * which the server may expire or lose on its own, and which a probe should not leave behind.
     *
     * @return passed with {@code known} updated with the tools listed now
     */
    public static ProbeOutcome check(int port, String path, Duration timeout, McpIdentity known) {
        McpHttp http = http(port, path, Deadline.after(timeout));
        try {
            return switch (known.era()) {
                case STATELESS -> ProbeOutcome.passed(known.withTools(new StatelessDiscovery(http).toolNames()));
                case HANDSHAKE -> ProbeOutcome.passed(handshake(http, timeout));
            };
        } catch (ProbeFailure e) {
            return failed(e);
        } catch (RuntimeException e) {
            return unexpected(e);
        }
    }

    private static McpIdentity handshake(McpHttp http, Duration timeout) throws ProbeFailure {
        Duration cleanup = timeout.compareTo(MAX_CLEANUP) < 0 ? timeout : MAX_CLEANUP;
        return new SessionHandshake(http, cleanup).run();
    }

    private static McpHttp http(int port, String path, Deadline deadline) {
        return new McpHttp(new LocalHttp(new LoopbackConnector(port)), path, deadline);
    }

    /**
     * A server's answers are untrusted input: whatever slips past the checks must end as a failed probe, never as
     * an exception in the caller's executor.
     */
    private static ProbeOutcome unexpected(RuntimeException e) {
        return new ProbeOutcome.Failed("not an MCP answer: the probe could not make sense of it (" + e + ")", false);
    }

    private static ProbeOutcome failed(ProbeFailure e) {
        return new ProbeOutcome.Failed(e.reason(), e.kind() == ProbeFailure.Kind.NOTHING_LISTENS);
    }
}
