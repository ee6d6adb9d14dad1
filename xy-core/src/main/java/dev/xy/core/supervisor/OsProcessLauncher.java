package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogHub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts real server processes, each the leader of its own process group, with both output streams pumped. */
public final class OsProcessLauncher implements ProcessLauncher {
    private final Optional<List<String>> groupLeaderPrefix = ProcessGroups.leaderPrefix();
    private final Path defaultWorkingDir;

    public OsProcessLauncher(Path defaultWorkingDir) {
        this.defaultWorkingDir = defaultWorkingDir;
    }

    @Override
    public LaunchedProcess launch(ServerConfig config, LogHub logs) throws SpawnException {
        Preflight.Launchable target = Preflight.check(config, defaultWorkingDir, System.getenv());
        if (PortProbe.accepts(config.port())) {
            throw new PortInUseException(config.port());
        }

        List<String> command = new ArrayList<>(groupLeaderPrefix.orElse(List.of()));
        command.add(target.executable().toString());
        command.addAll(config.args());
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(target.workingDir().toFile());
        builder.environment().putAll(config.env());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SpawnException(e.getMessage());
        }
        return new OsProcessTree(process, groupLeaderPrefix.isPresent(), logs);
    }
}
