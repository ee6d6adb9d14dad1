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
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code xy logs NAME [--tail N] [-f]}: a server's output and xy's events about it. */
final class LogsCommand extends ClientCommand {
    private final PositionalParamSpec nameArg =
            Model.positional(String.class, "NAME", "The server.").build();

    private final OptionSpec tailOption = Model.option(
                    int.class, "N", "How many recent lines (default ${DEFAULT-VALUE}).", "-n", "--tail")
            .initialValue(100)
            .build();

    private final OptionSpec followOption = Model.flag("Keep printing new lines until interrupted.", "-f", "--follow");

    LogsCommand(XyCommand parent) {
        super(parent, "logs", "Show a server's recent output (stdout, stderr and xy's own events).");
        spec.addPositional(nameArg);
        spec.addOption(tailOption);
        spec.addOption(followOption);
    }

    @Override
    public Integer call() throws Exception {
        String name = nameArg.getValue();
        int tail = tailOption.getValue();
        boolean follow = followOption.getValue();
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
