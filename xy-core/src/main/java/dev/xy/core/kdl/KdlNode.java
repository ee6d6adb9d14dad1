package dev.xy.core.kdl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node: optional type, name, arguments and properties in source order, and children. Properties keep every
 * occurrence (so a config reader can reject repeats); {@link #propertyMap()} applies KDL's last-one-wins rule.
 */
public record KdlNode(
        Optional<String> type,
        String name,
        List<KdlValue> arguments,
        List<KdlProperty> properties,
        List<KdlNode> children,
        KdlLocation location) {
    public KdlNode {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        arguments = List.copyOf(arguments);
        properties = List.copyOf(properties);
        children = List.copyOf(children);
    }

    /** Properties by key, the last occurrence of a repeated key winning, in first-seen order. */
    public Map<String, KdlValue> propertyMap() {
        Map<String, KdlValue> map = new LinkedHashMap<>();
        for (KdlProperty property : properties) {
            map.put(property.key(), property.value());
        }
        return map;
    }
}
