package dev.xy.core.kdl;

import java.util.Objects;

/** A {@code key=value} entry of a node, with the location of its key. */
public record KdlProperty(String key, KdlValue value, KdlLocation location) {
    public KdlProperty {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }
}
