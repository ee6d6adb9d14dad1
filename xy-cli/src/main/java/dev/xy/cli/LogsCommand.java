package dev.xy.cli;

import dev.xy.core.api.LogListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.client.DaemonClient;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.ipc.DaemonUnreachableException;
import dev.xy.core.logs.LogFileTail;
import dev.xy.core.logs.LogLine;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

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
        if (tail < 0) {
            // Said here, in the option's own words, not by the daemon in the protocol's (`tail`).
            throw new ParameterException(
                    spec.commandLine(), "Invalid value for option '--tail': " + tail + " (give 0 or more lines)");
        }
        PrintWriter out = out();
        DaemonClient connected;
        try {
            connected = connect();
        } catch (DaemonUnreachableException unreachable) {
            Path logDir = paths().logDir();
            if (follow || unreachable.lockHolder().isPresent() || !hasLog(logDir, name)) {
                throw unreachable;
            }
            // A daemon that stopped or crashed is when its logs are wanted most: they are on the disk.
            return printFromFiles(logDir, name, tail, "no daemon is running");
        }
        try (DaemonClient api = connected) {
            if (!follow) {
                List<LogLine> lines;
                try {
                    lines = api.tail(name, tail);
                } catch (RpcException unknown) {
                    Path logDir = Path.of(api.info().logDir());
                    if (unknown.code() != ErrorCodes.SERVER_NOT_FOUND || !hasLog(logDir, name)) {
                        throw unknown;
                    }
                    return printFromFiles(logDir, name, tail, name + " is not configured (any more)");
                }
                lines.forEach(line -> print(out, line));
                out.flush();
                return ExitCodes.OK;
            }
            // Completed with why the log ended by itself (the server was removed, the daemon is shutting down).
            CompletableFuture<String> ended = new CompletableFuture<>();
            try (Subscription ignored = api.follow(name, tail, new LogListener() {
                @Override
                public void line(LogLine line) {
                    print(out, line);
                    out.flush();
                }

                @Override
                public void ended(String reason, IOException failure) {
                    if (failure == null) {
                        ended.complete(reason);
                    } else {
                        ended.completeExceptionally(failure);
                    }
                }
            })) {
                String reason = ended.get();
                if (reason != null) {
                    // A clean end (exit 0, as when a followed container stops), but not the user's doing: say
                    // why the lines stop, so that it is not taken for a quiet log.
                    out.flush();
                    err().println("xy: stopped following " + name + ": " + reason);
                }
            } catch (ExecutionException e) {
                // A daemon that goes away mid-stream is an error: the user should not take it for a quiet log.
                throw e.getCause() instanceof IOException io ? io : e;
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static boolean hasLog(Path logDir, String name) {
        return Files.isRegularFile(logDir.resolve(name + ".log"));
    }

    /** The tail read from the files themselves, and on stderr why and from where. */
    private int printFromFiles(Path logDir, String name, int tail, String why) {
        err().println("xy: " + why + ": from the log files in " + logDir);
        err().flush();
        LogFileTail.read(logDir, name, tail).forEach(line -> print(out(), line));
        out().flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, LogLine line) {
        out.println(Instant.ofEpochMilli(line.tsUnixMs()) + " " + line.stream().wireName() + " " + line.text());
    }
}
