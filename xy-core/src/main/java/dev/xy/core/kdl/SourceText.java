package dev.xy.core.kdl;

import java.util.Arrays;

/** A document as code points, with the line index that turns offsets into locations and snippets. */
public final class SourceText {
    private static final int SNIPPET_WIDTH = 100;

    private final int[] codePoints;
    private final int[] lineStarts;

    public SourceText(String text) {
        this.codePoints = text.codePoints().toArray();
        this.lineStarts = indexLines(codePoints);
    }

    int length() {
        return codePoints.length;
    }

    /** The code point at {@code offset}, or -1 past the end, so look-ahead never needs a bounds check. */
    int at(int offset) {
        return offset < codePoints.length ? codePoints[offset] : -1;
    }

    int[] codePoints() {
        return codePoints;
    }

    KdlLocation locationOf(int offset) {
        int line = lineIndexOf(offset);
        return new KdlLocation(line + 1, offset - lineStarts[line] + 1);
    }

    /** The offset of a location this text made. */
    int offsetOf(KdlLocation location) {
        return lineStarts[location.line() - 1] + location.column() - 1;
    }

    /** The snippet for a location, as {@link #snippetAt(int)} makes it. */
    public String snippetAt(KdlLocation location) {
        int line = Math.min(location.line(), lineStarts.length) - 1;
        return snippetAt(Math.min(lineStarts[line] + location.column() - 1, codePoints.length));
    }

    /** The line holding {@code offset}, cut to a window around it when long, with a caret under the offset. */
    String snippetAt(int offset) {
        int line = lineIndexOf(offset);
        int start = lineStarts[line];
        int column = offset - start;
        int windowStart = start + Math.max(0, column - SNIPPET_WIDTH / 2);
        // Only as far as the window reaches: a parse may make many snippets on one very long line.
        int windowEnd = windowStart;
        while (windowEnd < codePoints.length
                && windowEnd < windowStart + SNIPPET_WIDTH
                && !KdlCharacters.isNewline(codePoints[windowEnd])) {
            windowEnd++;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder caret = new StringBuilder();
        for (int i = windowStart; i < windowEnd; i++) {
            int c = codePoints[i];
            boolean printable = c == '\t' || (c >= 0x20 && !KdlCharacters.isDisallowedLiteral(c) && c != 0x7F);
            text.appendCodePoint(printable ? c : 0xFFFD);
            if (i < start + column) {
                caret.append(c == '\t' ? '\t' : ' ');
            }
        }
        return text.append('\n').append(caret).append('^').toString();
    }

    private int lineIndexOf(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found : -found - 2;
    }

    private static int[] indexLines(int[] cps) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!KdlCharacters.isNewline(c) || (c == '\r' && i + 1 < cps.length && cps[i + 1] == '\n')) {
                continue;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        return Arrays.copyOf(starts, count);
    }
}
