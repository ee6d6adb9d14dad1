package dev.xy.gui.login;

import java.util.List;
import java.util.Map;

/**
 * How the desktop should start xy at login: the launcher and its arguments, and the environment it needs beyond
 * the session's own (empty for a packaged app).
 */
public record LaunchCommand(List<String> arguments, Map<String, String> environment) {
    public LaunchCommand {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a launch command needs at least the launcher");
        }
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}
