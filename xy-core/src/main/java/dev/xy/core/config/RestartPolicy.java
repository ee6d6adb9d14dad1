package dev.xy.core.config;

import java.util.Arrays;
import java.util.Optional;

/** When a server that has exited is started again. */
public enum RestartPolicy {
    ALWAYS("always"),
    ON_FAILURE("on-failure"),
    NEVER("never");

    private final String configName;

    RestartPolicy(String configName) {
        this.configName = configName;
    }

    /** The spelling used in config files. */
    public String configName() {
        return configName;
    }

    public static Optional<RestartPolicy> fromConfigName(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }
}
