package dev.xy.core.health;

import java.util.Optional;

/**
 * The probe session kept for one server process between its periodic checks, so that a check of a 2025
 * (handshake) server is one {@code tools/list} on the session its readiness probe opened, rather than a whole
 * handshake and DELETE every time (see {@link McpProbe#check}). It holds at most one session.
 *
 * <p>Whoever knows the process's life owns it: one per process, closed when the process is about to be stopped
 * or has gone. Closed, it keeps nothing any more, and hands back the DELETE of what it kept.
 *
 * <p>Thread-safe. A check takes the session out while it uses it and offers it back afterwards: a close during a
 * check finds nothing to end, and the check, whose offer is then refused, ends the session itself.
 */
public final class KeptSession {
    /**
     * Checks one session serves before it is ended and the next check opens another: some servers keep every
     * answer sent on a session until it ends (the reference server's event store, for resumability, about 13 KB
     * per {@code tools/list}), so a session kept for the life of a process would grow it without bound.
     */
    static final int MAX_USES = 100;

    private ProbeSession session;
    private boolean closed;
    private boolean bareChecksRefused;

    public KeptSession() {}

    /** One that keeps nothing: every check is a whole handshake, and its session is ended at once. */
    public static KeptSession none() {
        KeptSession none = new KeptSession();
        none.closed = true;
        return none;
    }

    /** The kept session, taken out for a check to use: none is kept meanwhile. */
    synchronized Optional<ProbeSession> take() {
        ProbeSession taken = session;
        session = null;
        return Optional.ofNullable(taken);
    }

    /**
     * Keeps a session that just served a check, unless it has served {@link #MAX_USES} checks, this is closed,
     * or the server refused checks without a handshake.
     *
     * @return false when it is not kept: then the caller ends it
     */
    synchronized boolean offer(ProbeSession offered) {
        boolean wornOut = offered.id().isPresent() && offered.uses() >= MAX_USES;
        boolean bare = offered.id().isEmpty() && bareChecksRefused;
        if (closed || session != null || wornOut || bare) {
            return false;
        }
        session = offered;
        return true;
    }

    /**
     * A server without sessions refused a {@code tools/list} that came without a handshake: its checks are whole
     * handshakes from now on, rather than a refused request and a handshake each time.
     */
    synchronized void refuseBareChecks() {
        bareChecksRefused = true;
    }

    /**
     * Keeps nothing from now on.
     *
     * @return what is left to do: the DELETE of the session that was kept, bounded by {@link McpProbe#MAX_CLEANUP}
     *     and blocking (run it away from any thread that must not wait); empty when no session was kept
     */
    public Optional<Runnable> close() {
        ProbeSession held;
        synchronized (this) {
            closed = true;
            held = session;
            session = null;
        }
        if (held == null || held.id().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(() -> held.end(Deadline.after(McpProbe.MAX_CLEANUP)));
    }
}
