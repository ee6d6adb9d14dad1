package dev.xy.core.kdl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The syntax errors found in one document. The first {@link KdlParseResult#MAX_ERRORS} are kept and the rest
 * only counted, so that a document of garbage costs bounded memory.
 */
final class KdlErrors {
    private static final Comparator<KdlParseException> DOCUMENT_ORDER = Comparator.comparingInt(
                    (KdlParseException e) -> e.location().line())
            .thenComparingInt(e -> e.location().column());

    private final KdlCursor in;
    /** Offsets of code points that may appear nowhere, found in one scan before parsing, in order. */
    private final int[] disallowed;

    private final List<KdlParseException> kept = new ArrayList<>();
    private int found;

    /** Scans the document from the cursor on for code points that may not appear in it. */
    KdlErrors(KdlCursor in) {
        this.in = in;
        int[] cps = in.source.codePoints();
        this.disallowed = IntStream.range(in.pos, cps.length)
                .filter(i -> KdlCharacters.isDisallowedLiteral(cps[i]))
                .toArray();
    }

    void add(KdlParseException error) {
        // The parser trips over a disallowed code point too; the scan has already said what is wrong there.
        if (Arrays.binarySearch(disallowed, in.source.offsetOf(error.location())) >= 0) {
            return;
        }
        found++;
        if (kept.size() < KdlParseResult.MAX_ERRORS) {
            kept.add(error);
        }
    }

    KdlParseResult result(List<KdlNode> nodes) {
        if (found == 0 && disallowed.length == 0) {
            return KdlParseResult.of(new KdlDocument(nodes));
        }
        List<KdlParseException> all = new ArrayList<>(kept);
        for (int i = 0; i < Math.min(disallowed.length, KdlParseResult.MAX_ERRORS); i++) {
            all.add(disallowedAt(disallowed[i]));
        }
        all.sort(DOCUMENT_ORDER);
        List<KdlParseException> shown = all.subList(0, Math.min(all.size(), KdlParseResult.MAX_ERRORS));
        return KdlParseResult.failed(shown, found + disallowed.length - shown.size());
    }

    private KdlParseException disallowedAt(int offset) {
        return in.error(
                offset,
                String.format("the code point U+%04X may not appear in a KDL document", in.source.at(offset)),
                "inside a quoted string, write it as an escape: \\u{...}");
    }
}
