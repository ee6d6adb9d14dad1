package dev.xy.cli;

import dev.xy.core.daemon.XyPaths;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a service definition is made from: the daemon's command line, the user's home, the directories xy
 * uses, and the environment the service should have. A service manager starts the daemon with a bare
 * environment, so the variables that decide where xy looks (XDG directories) and which commands its servers
 * find (PATH) are carried over from the installing shell.
 */
record ServiceSetup(List<String> daemonCommand, Path home, XyPaths paths, Map<String, String> env) {
    /** The variables carried into the service, when set (XDG ones only when absolute, as xy itself reads them). */
    static final List<String> CARRIED = List.of("PATH", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR");

    ServiceSetup {
        daemonCommand = List.copyOf(daemonCommand);
        env = Map.copyOf(env);
    }

    static ServiceSetup of(
            DaemonLaunch launch, Optional<Path> configDir, Path home, XyPaths paths, Map<String, String> env) {
        return new ServiceSetup(launch.command(configDir), home, paths, env);
    }

    /** The carried variables that are set, in a stable order. */
    Map<String, String> carriedEnv() {
        Map<String, String> carried = new LinkedHashMap<>();
        for (String name : CARRIED) {
            String value = env.get(name);
            if (value != null
                    && !value.isEmpty()
                    && (name.equals("PATH") || Path.of(value).isAbsolute())) {
                carried.put(name, value);
            }
        }
        return carried;
    }
}
