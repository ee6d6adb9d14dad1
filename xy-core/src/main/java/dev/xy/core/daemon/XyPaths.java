package dev.xy.core.daemon;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where xy keeps things, by the XDG base directory rules on Linux and macOS alike: configs under
 * {@code $XDG_CONFIG_HOME/xy}, state and logs under {@code $XDG_STATE_HOME/xy}, the socket in
 * {@code $XDG_RUNTIME_DIR} (or the state directory when that is unset). Relative XDG values are ignored, as the
 * spec requires.
 */
public record XyPaths(Path configDir, Path stateDir, Path socket) {
    public static XyPaths fromEnvironment() {
        return from(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static XyPaths from(Map<String, String> env, Path home) {
        Path configHome = absolute(env.get("XDG_CONFIG_HOME")).orElse(home.resolve(".config"));
        Path stateHome = absolute(env.get("XDG_STATE_HOME")).orElse(home.resolve(".local/state"));
        Path stateDir = stateHome.resolve("xy");
        Path socket = absolute(env.get("XDG_RUNTIME_DIR")).orElse(stateDir).resolve("xy.sock");
        return new XyPaths(configHome.resolve("xy").resolve("servers"), stateDir, socket);
    }

    /** The directory that holds one rotating log file per server. */
    public Path logDir() {
        return stateDir.resolve("logs");
    }

    public XyPaths withConfigDir(Path dir) {
        return new XyPaths(dir, stateDir, socket);
    }

    private static Optional<Path> absolute(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? Optional.of(path) : Optional.empty();
    }
}
