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
 * {@code notifications/initialized}, {@code tools/list}). The outcome says which one the server speaks. The
 * session a handshake opens is either kept for later checks in a {@link KeptSession} or DELETEd at once: a
 * server never holds more than one of a probe's sessions.
 */
public final class McpProbe {
    static final String CLIENT_NAME = "xy-probe";
    static final String CLIENT_VERSION = Optional.ofNullable(
                    McpProbe.class.getPackage().getImplementationVersion())
            .orElse("dev");

    /** How long the DELETE of a probe's session may take, even after the probe's own time has run out. */
    public static final Duration MAX_CLEANUP = Duration.ofSeconds(1);

    private McpProbe() {}

    /** The readiness probe, keeping nothing: a handshake's session is DELETEd before it returns. */
    public static ProbeOutcome probe(int port, String path, Duration timeout) {
        return probe(port, path, timeout, KeptSession.none());
    }

    /**
     * The readiness probe: finds out which era the server speaks, who it is and what tools it has. When the
     * handshake passes, its session is kept in {@code kept} for the periodic checks (unless {@code kept} is
     * closed: then it is DELETEd).
     *
     * <p>The stateless attempt gets at most half of the timeout, so that a 2025 server that lets an unknown
     * method hang still leaves time for the handshake.
     */
    public static ProbeOutcome probe(int port, String path, Duration timeout, KeptSession kept) {
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
            return ProbeOutcome.passed(handshake(http, timeout, kept).run());
        } catch (ProbeFailure e) {
            return failed(e);
        } catch (RuntimeException e) {
            return unexpected(e);
        }
    }

    /**
     * The periodic check of a server that was found ready as {@code known}: the cheapest exchange that still
     * proves the server serves its tools, one {@code tools/list}. Not a {@code ping}, which would pass on a
     * server whose {@code tools/list} fails.
     *
     * <p>A stateless server's {@code tools/list} carries everything a request needs. A 2025 server's goes on the
     * session its readiness probe opened and left in {@code kept}. Earlier, each check was a whole handshake and
     * DELETE, so that nothing stayed open between checks; but that is four requests per check, and servers that
     * log requests (the reference server writes five or six lines for it) filled their logs with probes. A kept
     * session has costs of its own, each bounded: the server may expire or lose it, so a refusal of the session
     * (an HTTP 4xx; the specification says 404, the reference server says 400) is followed by a new handshake
     * within this same check and timeout; some servers keep every answer sent on a session until it ends, so a
     * session is ended and replaced after {@link KeptSession#MAX_USES} checks; and it must not outlive its use,
     * so the owner of {@code kept} closes it, and it is DELETEd, when the server process is stopped. Any other
     * failure (a JSON-RPC error from {@code tools/list}, a timeout, an answer that is not MCP) fails the check.
     *
     * @return passed with {@code known} updated with the tools listed now (or, after a new handshake, with what
     *     the server said in it)
     */
    public static ProbeOutcome check(int port, String path, Duration timeout, McpIdentity known, KeptSession kept) {
        McpHttp http = http(port, path, Deadline.after(timeout));
        try {
            return switch (known.era()) {
                case STATELESS -> ProbeOutcome.passed(known.withTools(new StatelessDiscovery(http).toolNames()));
                case HANDSHAKE -> ProbeOutcome.passed(
                        handshake(http, timeout, kept).check(known));
            };
        } catch (ProbeFailure e) {
            return failed(e);
        } catch (RuntimeException e) {
            return unexpected(e);
        }
    }

    /** Ends the session {@code kept} holds, if any, for a server no longer checked the MCP way. */
    static void endKept(KeptSession kept, Duration timeout) {
        kept.take().ifPresent(session -> session.end(Deadline.after(cleanup(timeout))));
    }

    private static SessionHandshake handshake(McpHttp http, Duration timeout, KeptSession kept) {
        return new SessionHandshake(http, cleanup(timeout), kept);
    }

    private static Duration cleanup(Duration timeout) {
        return timeout.compareTo(MAX_CLEANUP) < 0 ? timeout : MAX_CLEANUP;
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
