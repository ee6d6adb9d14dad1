package dev.xy.core.config;

import java.util.List;

/** What loading a set of config files found: the valid servers, and every problem of every file. */
public record ConfigSet(List<ServerConfig> servers, List<ConfigProblem> problems) {
    public ConfigSet {
        servers = List.copyOf(servers);
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }
}
