package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.ipc.RpcClient;
import dev.xy.core.rpc.Methods;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;
import java.time.Instant;
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
        try (RpcClient client = RpcClient.connect(paths().socket())) {
            JsonNode result =
                    client.call(Methods.LOGS, new Wire.LogsParams(name, tail, follow), message -> print(out, message));
            String id = result.path("subscription_id").asText();
            client.readNotifications(message -> {
                if (message.path("method").asText().equals(Methods.LOG_END)
                        && message.path("params")
                                .path("subscription_id")
                                .asText()
                                .equals(id)) {
                    return false;
                }
                return print(out, message);
            });
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static boolean print(PrintWriter out, JsonNode message) {
        if (message.path("method").asText().equals(Methods.LOG)) {
            JsonNode p = message.path("params");
            out.println(Instant.ofEpochMilli(p.path("ts_unix_ms").asLong()) + " "
                    + p.path("stream").asText() + " " + p.path("line").asText());
            out.flush();
        }
        return true;
    }
}
