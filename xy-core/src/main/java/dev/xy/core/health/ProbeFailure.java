package dev.xy.core.health;

/** Why one step of a probe failed, in words for a person, and what kind of failure it was. */
final class ProbeFailure extends Exception {
    /** What went wrong, as far as the next step (fall back to the other era, or give up) cares. */
    enum Kind {
        /** Nothing accepts connections on the port: no point in trying anything else. */
        NOTHING_LISTENS,
        /** The deadline passed. */
        TIMED_OUT,
        /** The server answered, but not the way this step needs. */
        REFUSED
    }

    private final Kind kind;
    private final int httpStatus;

    ProbeFailure(Kind kind, String reason) {
        this(kind, reason, 0);
    }

    /** @param httpStatus the HTTP error status that refused the request, 0 when there was none */
    ProbeFailure(Kind kind, String reason, int httpStatus) {
        super(reason, null, false, false);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    Kind kind() {
        return kind;
    }

    /** The HTTP error status that refused the request (such as 404), or 0 when the failure was not one. */
    int httpStatus() {
        return httpStatus;
    }

    String reason() {
        return getMessage();
    }
}
