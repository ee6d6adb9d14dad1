package dev.xy.core.kdl;

import java.util.Optional;

/**
 * A document that is not valid KDL 2.0. Carries where (line, column), what, a one-line snippet with a caret,
 * and, where a common mistake is recognised, a hint. It has no stack trace: where the parser noticed the
 * error says nothing about the document, and a file of garbage makes many of these.
 */
public final class KdlParseException extends Exception {
    private final String problem;
    private final KdlLocation location;
    private final String snippet;
    private final String hint;

    public KdlParseException(String problem, KdlLocation location, String snippet, String hint) {
        super(location + ": " + problem + (hint == null ? "" : " (hint: " + hint + ")"), null, false, false);
        this.problem = problem;
        this.location = location;
        this.snippet = snippet;
        this.hint = hint;
    }

    /** What is wrong, without location or hint. */
    public String problem() {
        return problem;
    }

    public KdlLocation location() {
        return location;
    }

    /** The offending source line and a caret line under the error column. */
    public String snippet() {
        return snippet;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
