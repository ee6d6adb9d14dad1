package dev.xy.core.kdl;

import java.util.Objects;
import java.util.Optional;

/** {@code #true} or {@code #false}. */
public record KdlBoolean(Optional<String> type, boolean value, KdlLocation location) implements KdlValue {
    public KdlBoolean {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String kindName() {
        return "a boolean";
    }
}
