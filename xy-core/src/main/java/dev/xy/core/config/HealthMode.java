package dev.xy.core.config;

import java.util.Arrays;
import java.util.Optional;

/** How xy decides that a server is ready and stays healthy. */
public enum HealthMode {
    /** An MCP exchange over Streamable HTTP must succeed, including {@code tools/list}. */
    MCP("mcp"),
    /** A TCP connection to the port must be accepted. */
    TCP("tcp"),
    /** No check: the server counts as ready once it is spawned. */
    NONE("none");

    private final String configName;

    HealthMode(String configName) {
        this.configName = configName;
    }

    /** The spelling used in config files. */
    public String configName() {
        return configName;
    }

    public static Optional<HealthMode> fromConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
    }
}
