package dev.xy.core.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What a short system command ({@code ps}, {@code kill}) prints, within a deadline: a hung one must not hang xy.
 * For commands that start no children of their own: the deadline kills the command itself, which closes its
 * output; a child it left holding that output would keep the read waiting.
 */
public final class CommandOutput {
    private CommandOutput() {}

    /**
     * Runs {@code command} and returns its standard output (ASCII; its errors are discarded). Fails when it cannot
     * be started, exits with a failure, or has not finished by {@code timeout}: it is then killed.
     */
    public static String of(List<String> command, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Future<?> watchdog = CompletableFuture.runAsync(
                process::destroyForcibly, CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS));
        String late = command.get(0) + " did not finish within " + timeout.toMillis() + " ms";
        try {
            // Read before waiting: a command that prints more than a pipe holds would otherwise never end.
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IOException(late); // it closed its output, yet lives on
            }
            if (process.exitValue() != 0) {
                throw new IOException(
                        watchdog.isDone() ? late : command.get(0) + " failed with exit code " + process.exitValue());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0));
        } finally {
            watchdog.cancel(false);
            process.destroyForcibly(); // nothing, once it has exited; else it must not outlive a failed read or wait
        }
    }
}
