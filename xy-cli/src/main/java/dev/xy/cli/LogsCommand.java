package dev.xy.cli;

import dev.xy.core.api.LogListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.client.DaemonClient;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.logs.LogLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xy logs NAME [--tail N] [-f]}: a server's output and xy's events about it. */
@Command(name = "logs", description = "Show a server's recent output (stdout, stderr and xy's own events).")
final class LogsCommand extends ClientCommand {
    @Parameters(paramLabel = "NAME", description = "The server.")
    String name;

    @Option(
            names = {"-n", "--tail"},
            paramLabel = "N",
            description = "How many recent lines (default ${DEFAULT-VALUE}).")
    int tail = 100;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        try (DaemonClient api = connect()) {
            if (!follow) {
                api.tail(name, tail).forEach(line -> print(out, line));
                out.flush();
                return ExitCodes.OK;
            }
            CompletableFuture<Void> ended = new CompletableFuture<>();
            try (Subscription ignored = api.follow(name, tail, new LogListener() {
                @Override
                public void line(LogLine line) {
                    print(out, line);
                    out.flush();
                }

                @Override
                public void ended(IOException failure) {
                    if (failure == null) {
                        ended.complete(null);
                    } else {
                        ended.completeExceptionally(failure);
                    }
                }
            })) {
                ended.get();
            } catch (ExecutionException e) {
                // A daemon that goes away mid-stream is an error: the user should not take it for a quiet log.
                throw e.getCause() instanceof IOException io ? io : e;
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, LogLine line) {
        out.println(Instant.ofEpochMilli(line.tsUnixMs()) + " " + line.stream().wireName() + " " + line.text());
    }
}
