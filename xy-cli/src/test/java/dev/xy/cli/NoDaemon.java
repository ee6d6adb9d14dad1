package dev.xy.cli;

import dev.xy.core.daemon.XyPaths;
import java.nio.file.Path;
import java.util.Map;

/** XDG directories under a temporary home where no daemon answers: client commands end in the unreachable error. */
final class NoDaemon {
    private NoDaemon() {}

    static XyPaths pathsIn(Path home) {
        return XyPaths.from(
                Map.of(
                        "XDG_CONFIG_HOME", home.resolve("cfg").toString(),
                        "XDG_STATE_HOME", home.resolve("state").toString(),
                        "XDG_RUNTIME_DIR", home.toString()),
                home);
    }
}
