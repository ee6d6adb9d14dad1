package dev.xy.core.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** What a short system command (such as {@code ps}) prints, within a deadline: a hung one must not hang xy. */
public final class CommandOutput {
    private CommandOutput() {}

    /**
     * Runs {@code command} and returns its standard output (ASCII; its errors are discarded). Fails when it
     * cannot be started, exits with a failure, or has not finished by {@code timeout}: it is then killed, which
     * closes its output and ends the read.
     */
    public static String of(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Future<?> watchdog = CompletableFuture.runAsync(
                process::destroyForcibly, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            // Read before waiting: a command that prints more than a pipe holds would otherwise never end.
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String late = command.get(0) + " did not finish within " + timeout.toMillis() + " ms";
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly(); // its output was closed, yet it lives on
                throw new IOException(late);
            }
            if (process.exitValue() != 0) {
                throw new IOException(
                        watchdog.isDone() ? late : command.get(0) + " failed with exit code " + process.exitValue());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while waiting for " + command.get(0));
        } finally {
            watchdog.cancel(false);
        }
    }
}
