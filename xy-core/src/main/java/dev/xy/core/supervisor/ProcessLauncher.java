package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogHub;

/** Starts server processes, with their output going to a log hub. */
public interface ProcessLauncher {
    LaunchedProcess launch(ServerConfig config, LogHub logs) throws SpawnException;
}
