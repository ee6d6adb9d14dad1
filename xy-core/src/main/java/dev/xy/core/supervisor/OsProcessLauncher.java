package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogHub;
import dev.xy.core.ports.PortAvailability;
import dev.xy.core.ports.PortHolders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts real server processes, each the leader of its own process group, with both output streams pumped. A
 * child inherits the daemon's environment, then gets {@code PORT=<port>}, then the config's {@code env} on top.
 */
public final class OsProcessLauncher implements ProcessLauncher {
    private final Optional<List<String>> groupLeaderPrefix = ProcessGroups.leaderPrefix();
    private final Path defaultWorkingDir;
    private final PortAvailability ports = new PortAvailability(PortHolders.forThisSystem());

    public OsProcessLauncher(Path defaultWorkingDir) {
        this.defaultWorkingDir = defaultWorkingDir;
    }

    @Override
    public LaunchedProcess launch(ServerConfig config, LogHub logs) throws SpawnException {
        Preflight.Launchable target = Preflight.check(config, defaultWorkingDir, System.getenv());
        Optional<String> conflict = ports.conflict(config.port());
        if (conflict.isPresent()) {
            throw new PortInUseException(conflict.get());
        }

        List<String> command = new ArrayList<>(groupLeaderPrefix.orElse(List.of()));
        command.add(target.executable().toString());
        command.addAll(config.args());
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(target.workingDir().toFile());
        builder.environment().putAll(ownEnvironment(config));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SpawnException(e.getMessage());
        }
        return new OsProcessTree(process, groupLeaderPrefix.isPresent(), logs);
    }

    /**
     * What xy sets in a child's environment over the daemon's own. Most Node and Python MCP servers read their
     * port from {@code PORT} and fall back to a default of their own, so without it a server would listen
     * somewhere other than the configured port; an inherited {@code PORT} is overridden for the same reason. A
     * {@code PORT} in the config wins: the user knows best.
     */
    static Map<String, String> ownEnvironment(ServerConfig config) {
        Map<String, String> own = new HashMap<>();
        own.put("PORT", Integer.toString(config.port()));
        own.putAll(config.env());
        return own;
    }
}
