package dev.xy.core.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.RpcException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** A connection to the daemon: sends requests, reads replies, and hands notifications to a listener. */
public final class RpcClient implements AutoCloseable {
    private final AFUNIXSocket socket;
    private final BoundedLineReader reader;
    private final OutputStream out;
    private long nextId = 1;

    private RpcClient(AFUNIXSocket socket) throws IOException {
        this.socket = socket;
        this.reader = new BoundedLineReader(socket.getInputStream(), Integer.MAX_VALUE - 8);
        this.out = socket.getOutputStream();
    }

    /** Connects to the daemon's socket; {@link DaemonUnreachableException} when nothing answers there. */
    public static RpcClient connect(Path socketPath) throws IOException {
        try {
            return new RpcClient(AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socketPath)));
        } catch (IOException e) {
            throw new DaemonUnreachableException(socketPath, e);
        }
    }

    /** Calls {@code method} and returns its result; notifications that arrive meanwhile are ignored. */
    public JsonNode call(String method, Object params) throws IOException, RpcException {
        return call(method, params, notification -> true);
    }

    /**
     * Calls {@code method}, passing every notification that arrives before the reply to {@code onNotification}.
     */
    public JsonNode call(String method, Object params, Predicate<JsonNode> onNotification)
            throws IOException, RpcException {
        long id = nextId++;
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", params == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(params));
        out.write((Json.MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            JsonNode message = readMessage();
            if (message.has("id") && message.get("id").asLong() == id && !message.has("method")) {
                return resultOf(message);
            }
            if (message.has("method")) {
                onNotification.test(message);
            }
        }
    }

    /**
     * Reads notifications and passes them to {@code onNotification} until it returns false. The daemon
     * closing the connection first is an {@link IOException}: the stream ended without its end marker.
     */
    public void readNotifications(Predicate<JsonNode> onNotification) throws IOException {
        while (true) {
            JsonNode message = readMessage();
            if (message.has("method") && !onNotification.test(message)) {
                return;
            }
        }
    }

    private JsonNode readMessage() throws IOException {
        String line = reader.readLine();
        if (line == null) {
            throw new IOException("the daemon closed the connection");
        }
        return Json.MAPPER.readTree(line);
    }

    private static JsonNode resultOf(JsonNode reply) throws RpcException {
        JsonNode error = reply.get("error");
        if (error != null) {
            JsonNode data = error.get("data");
            throw new RpcException(
                    error.path("code").asInt(ErrorCodes.INTERNAL_ERROR),
                    error.path("message").asText(),
                    data);
        }
        return reply.get("result");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
