package dev.xy.core.kdl;

import java.util.Objects;
import java.util.Optional;

/** A string value, whichever of the identifier, quoted, raw or multi-line forms wrote it. */
public record KdlString(Optional<String> type, String value, KdlLocation location) implements KdlValue {
    public KdlString {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String kindName() {
        return "a string";
    }
}
