package dev.xy.cli;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.ipc.DaemonUnreachableException;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.rpc.WireCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The one place where failures become exit codes and messages: on stderr for people, or — when the command ran
 * with {@code --json} — as a JSON error object on stdout, so a script reads one format whatever happens.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        int exit = exitCode(e);
        if (wantsJson(parseResult)) {
            printJson(commandLine.getOut(), e);
        } else {
            printHuman(commandLine.getErr(), e);
        }
        return exit;
    }

    static int exitCode(Exception e) {
        if (e instanceof DaemonUnreachableException) {
            return ExitCodes.DAEMON_UNREACHABLE;
        }
        if (e instanceof RpcException rpc && rpc.code() == ErrorCodes.CONFIG_INVALID) {
            return ExitCodes.CONFIG_INVALID;
        }
        return ExitCodes.OPERATIONAL_ERROR;
    }

    private static void printHuman(PrintWriter err, Exception e) {
        if (e instanceof DaemonUnreachableException unreachable) {
            err.println("xy: " + unreachable.getMessage());
            err.println(
                    unreachable.lockHolder().isPresent()
                            ? "hint: try again in a moment"
                            : "hint: start it with `xy daemon` (or `xy daemon --detach` to run it in the background)");
        } else if (e instanceof RpcException rpc) {
            if (rpc.startFailure().isPresent()) {
                rpc.startFailure().get().failed().forEach(f -> err.println(startFailure(f)));
            } else {
                err.println("xy: " + rpc.getMessage());
            }
            for (Wire.Problem p : rpc.problems()) {
                err.println(
                        p.file() + (p.line() == null ? "" : ":" + p.line() + ":" + p.column()) + ": " + p.message());
            }
        } else if (e instanceof IOException io) {
            err.println("xy: " + io.getMessage());
        } else {
            err.println("xy: unexpected error: " + e);
        }
        err.flush();
    }

    /**
     * Why a server did not start: it could not be spawned, or it was and never became ready (it exited, or did not
     * answer in time) — then its own output says more than xy can.
     */
    static String startFailure(Wire.Failure failure) {
        String notReady = "not ready: ";
        if (failure.reason().startsWith(notReady)) {
            return "xy: " + failure.name() + " did not become ready: "
                    + failure.reason().substring(notReady.length()) + " (its output: `xy logs " + failure.name() + "`)";
        }
        return "xy: cannot start " + failure.name() + ": " + failure.reason();
    }

    /** The JSON-RPC error object as the daemon sent it; local failures get an object of the same shape. */
    private static void printJson(PrintWriter out, Exception e) {
        Map<String, Object> error = new LinkedHashMap<>();
        if (e instanceof RpcException rpc) {
            error.put("code", rpc.code());
            error.put("message", rpc.getMessage());
            if (rpc.data() != null) {
                error.put("data", rpc.data());
            }
        } else {
            error.put("code", e instanceof DaemonUnreachableException ? "daemon_unreachable" : "client_error");
            error.put("message", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        try {
            out.println(WireCodec.write(Map.of("error", error)));
        } catch (IOException impossible) {
            out.println("{\"error\":{\"code\":\"client_error\",\"message\":\"cannot write JSON\"}}");
        }
        out.flush();
    }

    /** Whether the innermost subcommand that ran was given {@code --json}. */
    private static boolean wantsJson(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult innermost = parseResult;
        while (innermost.subcommand() != null) {
            innermost = innermost.subcommand();
        }
        return innermost.hasMatchedOption(JsonOption.NAME);
    }
}
