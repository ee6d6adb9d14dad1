package dev.xy.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system command (systemctl, launchctl) to completion, its output captured. The program is looked up on
 * the PATH of the given environment, so that a missing one is a plain "not found" rather than an exception.
 */
final class CommandRunner {
    private static final long TIMEOUT_SECONDS = 60;

    /** How a command ended: its exit code (127 when it could not be run at all) and its output. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final Map<String, String> env;

    CommandRunner(Map<String, String> env) {
        this.env = env;
    }

    Result run(List<String> command) {
        Optional<Path> program = find(command.get(0));
        if (program.isEmpty()) {
            return new Result(127, "`" + command.get(0) + "` not found on PATH");
        }
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, program.get().toString());
        Path output = null;
        try {
            // Output goes to a file, not a pipe: a command that hangs holding its pipe would defeat the timeout.
            output = Files.createTempFile("xy-command", ".out");
            ProcessBuilder builder = new ProcessBuilder(resolved)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(124, "did not finish within " + TIMEOUT_SECONDS + "s");
            }
            return new Result(
                    process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Result(127, "cannot run it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted");
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary file is not worth failing the command for.
        }
    }

    private Optional<Path> find(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
