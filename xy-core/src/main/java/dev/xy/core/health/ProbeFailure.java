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

    ProbeFailure(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    String reason() {
        return getMessage();
    }
}
