package dev.xy.core.supervisor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
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
            String where =
                    Path.of(command).isAbsolute() ? "" : " (relative to the working directory " + workingDir + ")";
            return checkExecutable(path, "command `" + command + "`" + where);
        }
        List<String> searched = searchDirs(env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        for (String dir : searched) {
            Path candidate = workingDir.resolve(dir).resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new SpawnException("command `" + command + "` not found on PATH (" + summarize(searched)
                + "); use an absolute path, or set PATH in the config's env block");
    }

    /** The distinct directories of a PATH, in order; an empty entry means the working directory, as in a shell. */
    private static List<String> searchDirs(String searchPath) {
        return new ArrayList<>(new LinkedHashSet<>(Arrays.stream(searchPath.split(File.pathSeparator, -1))
                .map(dir -> dir.isEmpty() ? "." : dir)
                .toList()));
    }

    /** Where the search looked, briefly: a real PATH is hundreds of characters, too long for a status line. */
    private static String summarize(List<String> dirs) {
        if (dirs.size() == 1) {
            return "1 directory: " + dirs.get(0);
        }
        if (dirs.size() <= 3) {
            return dirs.size() + " directories: " + String.join(", ", dirs);
        }
        return dirs.size() + " directories, e.g. " + String.join(", ", dirs.subList(0, 2));
    }

    private static Path checkExecutable(Path path, String what) throws SpawnException {
        if (!Files.exists(path)) {
            throw new SpawnException(what + " does not exist");
        }
        if (Files.isDirectory(path) || !Files.isExecutable(path)) {
            throw new SpawnException(what + " is not an executable file");
        }
        return path;
    }
}
