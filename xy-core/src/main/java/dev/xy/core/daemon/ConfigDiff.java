package dev.xy.core.daemon;

import dev.xy.core.config.ServerConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a newly read set of configs differs from the one in force, server by server. A pure function. */
public record ConfigDiff(
        List<ServerConfig> added, List<String> removed, List<ServerConfig> changed, List<String> unchanged) {
    public static ConfigDiff between(Collection<ServerConfig> current, Collection<ServerConfig> next) {
        Map<String, ServerConfig> before = new LinkedHashMap<>();
        current.forEach(config -> before.put(config.name(), config));
        List<ServerConfig> added = new ArrayList<>();
        List<ServerConfig> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ServerConfig config : next) {
            ServerConfig old = before.remove(config.name());
            if (old == null) {
                added.add(config);
            } else if (old.equals(config)) {
                unchanged.add(config.name());
            } else {
                changed.add(config);
            }
        }
        return new ConfigDiff(added, new ArrayList<>(before.keySet()), changed, unchanged);
    }
}
