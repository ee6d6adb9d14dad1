package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.ipc.DaemonUnreachableException;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The one place where failures become messages on stderr and exit codes. */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof DaemonUnreachableException unreachable) {
            err.println("xy: " + unreachable.getMessage());
            err.println("hint: start it with `xy daemon`");
            return ExitCodes.DAEMON_UNREACHABLE;
        }
        if (e instanceof RpcException rpc) {
            err.println("xy: " + rpc.getMessage());
            if (rpc.code() == ErrorCodes.CONFIG_INVALID && rpc.data() instanceof JsonNode problems) {
                for (JsonNode p : problems) {
                    String place = p.path("file").asText()
                            + (p.has("line")
                                    ? ":" + p.path("line").asInt() + ":"
                                            + p.path("column").asInt()
                                    : "");
                    err.println(place + ": " + p.path("message").asText());
                }
                return ExitCodes.CONFIG_INVALID;
            }
            return ExitCodes.OPERATIONAL_ERROR;
        }
        if (e instanceof IOException io) {
            err.println("xy: " + io.getMessage());
            return ExitCodes.OPERATIONAL_ERROR;
        }
        err.println("xy: unexpected error: " + e);
        return ExitCodes.OPERATIONAL_ERROR;
    }
}
