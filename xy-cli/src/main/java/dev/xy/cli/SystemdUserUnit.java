package dev.xy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code xy.service} in the user's systemd unit directory ({@code $XDG_CONFIG_HOME/systemd/user}, default
 * {@code ~/.config/systemd/user}): the daemon restarted on failure, started at login, stopped by SIGTERM to
 * the daemon alone so that it can stop its servers itself, each within its grace period.
 */
final class SystemdUserUnit implements ServiceDefinition {
    static final String NAME = "xy.service";

    private final ServiceSetup setup;

    SystemdUserUnit(ServiceSetup setup) {
        this.setup = setup;
    }

    @Override
    public String kind() {
        return "systemd user unit";
    }

    @Override
    public Path file() {
        String configHome = setup.env().get("XDG_CONFIG_HOME");
        Path base = configHome != null
                        && !configHome.isEmpty()
                        && Path.of(configHome).isAbsolute()
                ? Path.of(configHome)
                : setup.home().resolve(".config");
        return base.resolve("systemd/user").resolve(NAME);
    }

    @Override
    public String content() {
        StringBuilder unit = new StringBuilder()
                .append("# Written by `xy service install`; `xy service uninstall` removes it.\n")
                .append("[Unit]\n")
                .append("Description=xy: keeps your local MCP servers running\n")
                .append("\n[Service]\n")
                .append("ExecStart=")
                .append(setup.daemonCommand().stream()
                        .map(SystemdUserUnit::quoteArgument)
                        .collect(Collectors.joining(" ")))
                .append('\n')
                .append("WorkingDirectory=%h\n")
                .append("# The environment of the shell that installed it: the same configs, socket and PATH.\n");
        Map<String, String> env = setup.carriedEnv();
        env.forEach((name, value) ->
                unit.append("Environment=").append(quote(name + "=" + value)).append('\n'));
        if (!env.containsKey("XDG_RUNTIME_DIR")) {
            // systemd sets it, but the CLI here has none and looks for the socket in the state directory.
            unit.append("UnsetEnvironment=XDG_RUNTIME_DIR\n");
        }
        return unit.append("Restart=on-failure\n")
                .append("# Exit 3 means invalid configs: restarting cannot fix them.\n")
                .append("RestartPreventExitStatus=3\n")
                .append(
                        "# SIGTERM to the daemon only: it stops its servers' process trees itself, each with its grace.\n")
                .append("KillMode=mixed\n")
                .append("\n[Install]\n")
                .append("WantedBy=default.target\n")
                .toString();
    }

    @Override
    public List<List<String>> enable() {
        return List.of(systemctl("daemon-reload"), systemctl("enable", "--now", NAME));
    }

    @Override
    public List<List<String>> disable() {
        return List.of(systemctl("disable", "--now", NAME));
    }

    @Override
    public List<List<String>> afterRemoval() {
        return List.of(systemctl("daemon-reload"));
    }

    @Override
    public List<List<String>> cleanupByHand() {
        return List.of(systemctl("stop", NAME), systemctl("daemon-reload"));
    }

    @Override
    public List<String> status() {
        return systemctl("status", "--no-pager", NAME);
    }

    private static List<String> systemctl(String... args) {
        List<String> command = new ArrayList<>(List.of("systemctl", "--user"));
        command.addAll(List.of(args));
        return command;
    }

    /** An ExecStart word: {@code $} would be expanded as a variable there, so it is doubled too. */
    private static String quoteArgument(String word) {
        return quote(word.replace("$", "$$"));
    }

    /**
     * A word as systemd reads it: {@code %} starts a specifier, so it is doubled; a word with spaces, quotes or
     * backslashes is put in double quotes with those escaped.
     */
    static String quote(String word) {
        String text = word.replace("%", "%%");
        if (!text.isEmpty() && text.chars().allMatch(c -> c > ' ' && c != '"' && c != '\'' && c != '\\' && c != ';')) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
