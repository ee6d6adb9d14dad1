package dev.xy.core.kdl;

import java.util.Objects;
import java.util.Optional;

/** {@code #null}. */
public record KdlNull(Optional<String> type, KdlLocation location) implements KdlValue {
    public KdlNull {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String kindName() {
        return "#null";
    }
}
