package dev.xy.core.kdl;

/** A position in a KDL document: 1-based line and 1-based column, counted in code points. */
public record KdlLocation(int line, int column) {
    public KdlLocation {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1, got " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
