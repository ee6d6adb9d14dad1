package dev.xy.core.supervisor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the executable for a config's {@code command} the way a shell would — a path containing {@code /} is
 * taken as is (relative to the working directory), a bare name is looked up on the server's {@code PATH} — so
 * that "not found" and "not executable" are clear errors before anything is spawned.
 */
final class CommandResolver {
    private CommandResolver() {}

    static Path resolve(String command, Map<String, String> env, Path workingDir) throws SpawnException {
        if (command.contains("/")) {
            Path path = workingDir.resolve(command);
            return checkExecutable(path, command);
        }
        String searchPath = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path candidate = workingDir.resolve(dir.isEmpty() ? "." : dir).resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new SpawnException("command `" + command + "` not found on PATH (" + searchPath + ")");
    }

    private static Path checkExecutable(Path path, String command) throws SpawnException {
        if (!Files.exists(path)) {
            throw new SpawnException("command `" + command + "` does not exist");
        }
        if (Files.isDirectory(path) || !Files.isExecutable(path)) {
            throw new SpawnException("command `" + command + "` is not an executable file");
        }
        return path;
    }
}
