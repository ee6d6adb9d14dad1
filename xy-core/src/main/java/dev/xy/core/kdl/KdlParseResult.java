package dev.xy.core.kdl;

import java.util.List;
import java.util.Optional;

/**
 * What parsing one document found: the document when it is valid KDL, else its syntax errors in document order.
 * At most {@link #MAX_ERRORS} errors are kept; {@code omitted} counts those found beyond them.
 */
public record KdlParseResult(Optional<KdlDocument> document, List<KdlParseException> errors, int omitted) {
    /** Enough to fix a file in one round; few enough that a file of garbage gives a readable report. */
    public static final int MAX_ERRORS = 50;

    public KdlParseResult {
        errors = List.copyOf(errors);
        if (document.isPresent() != errors.isEmpty()) {
            throw new IllegalArgumentException("a result has a document or errors, never both or neither");
        }
        if (omitted < 0 || errors.size() > MAX_ERRORS || (omitted > 0 && errors.size() < MAX_ERRORS)) {
            throw new IllegalArgumentException(errors.size() + " errors kept and " + omitted + " omitted");
        }
    }

    static KdlParseResult of(KdlDocument document) {
        return new KdlParseResult(Optional.of(document), List.of(), 0);
    }

    static KdlParseResult failed(List<KdlParseException> errors, int omitted) {
        return new KdlParseResult(Optional.empty(), errors, omitted);
    }

    /** The document, or the first error in document order. */
    public KdlDocument orElseThrow() throws KdlParseException {
        if (document.isEmpty()) {
            throw errors.get(0);
        }
        return document.get();
    }
}
