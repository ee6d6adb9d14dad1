package dev.xy.core.config;

import java.util.List;
import java.util.Optional;

/** What loading a set of config files found: the valid servers, and every problem of every file. */
public record ConfigSet(List<ServerConfig> servers, List<ConfigProblem> problems) {
    public ConfigSet {
        servers = List.copyOf(servers);
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    public Optional<ServerConfig> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
