package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.ErrorData;
import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.Wire;
import dev.xy.core.testing.RealXy;
import dev.xy.core.testing.RealXy.Run;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --json} prints, byte for byte, what the CLI printed when it decoded and wrote answers with databind: the
 * daemon's answer to the same request, read and written by {@link Json#LENIENT}. The servers stay stopped, so
 * that the CLI and the raw request get the same answer.
 */
class JsonOutputIT {
    private static RealXy xy;

    @BeforeAll
    static void startDaemon() throws Exception {
        xy = new RealXy("xyit");
        xy.writeServer("alpha", RealXy.shellServer("exec sleep 1000", "autostart #false\n"));
        xy.writeServer("beta", RealXy.shellServer("exec sleep 1000", "autostart #false\n"));
        xy.writeServer("missing", RealXy.missingCommandServer());
        xy.startDaemon();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        xy.close();
    }

    /** The daemon's answer to one raw request. */
    private static JsonNode ask(String method, String params) throws Exception {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(xy.socket()))) {
            String line = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\""
                    + (params == null ? "" : ",\"params\":" + params) + "}\n";
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            return Json.LENIENT.readTree(in.readLine());
        }
    }

    /** What the CLI printed with databind: the decoded result, or the error object {@code ErrorReporter} built. */
    private static String asDatabindPrintedIt(JsonNode reply, Class<?> type, boolean list) throws Exception {
        JsonNode error = reply.get("error");
        if (error == null) {
            Object result = list
                    ? Json.LENIENT.convertValue(
                            reply.path("result"),
                            Json.LENIENT.getTypeFactory().constructCollectionType(List.class, type))
                    : Json.LENIENT.convertValue(reply.path("result"), type);
            return Json.LENIENT.writeValueAsString(result) + "\n";
        }
        int code = error.path("code").asInt();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("code", code);
        object.put("message", error.path("message").asText());
        Object data = ErrorData.decode(code, error.get("data"));
        if (data != null) {
            object.put("data", data);
        }
        return Json.LENIENT.writeValueAsString(Map.of("error", object)) + "\n";
    }

    private static void printsAsBefore(List<String> args, String method, String params, Class<?> type, boolean list)
            throws Exception {
        String before = asDatabindPrintedIt(ask(method, params), type, list);
        Run run = xy.xy(args.toArray(String[]::new));
        assertThat(run.out()).as(String.join(" ", args)).isEqualTo(before);
        assertThat(before).as("the same answer again").isEqualTo(asDatabindPrintedIt(ask(method, params), type, list));
    }

    @Test
    void answersAndErrorsPrintAsDatabindPrintedThem() throws Exception {
        printsAsBefore(List.of("list", "--json"), "list", null, Wire.ServerSummary.class, true);
        printsAsBefore(
                List.of("status", "alpha", "--json"), "status", "{\"name\":\"alpha\"}", Wire.ServerDetail.class, false);
        printsAsBefore(
                List.of("status", "nope", "--json"), "status", "{\"name\":\"nope\"}", Wire.ServerDetail.class, false);
        printsAsBefore(
                List.of("stop", "alpha", "beta", "--json"),
                "stop",
                "{\"names\":[\"alpha\",\"beta\"]}",
                Wire.StopResult.class,
                false);
        printsAsBefore(
                List.of("start", "missing", "--json"),
                "start",
                "{\"name\":\"missing\"}",
                Wire.StartResult.class,
                false);
        printsAsBefore(
                List.of("status", "missing", "--json"),
                "status",
                "{\"name\":\"missing\"}",
                Wire.ServerDetail.class,
                false);
        printsAsBefore(List.of("reload", "--json"), "reload", null, Wire.ReloadResult.class, false);
        printsAsBefore(List.of("list", "--json"), "list", null, Wire.ServerSummary.class, true);
    }
}
