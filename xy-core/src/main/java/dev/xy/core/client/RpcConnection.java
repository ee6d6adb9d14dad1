package dev.xy.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xy.core.ipc.BoundedLineReader;
import dev.xy.core.ipc.DaemonUnreachableException;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.ErrorData;
import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.RpcException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A JSON-RPC session with the daemon over its Unix socket: any number of concurrent calls on one connection,
 * matched to their replies by id, and notifications handed to one handler — all read by one reader thread, so
 * replies and notifications are seen in the order the daemon sent them.
 *
 * <p>The client side uses the JDK's own Unix-domain {@link SocketChannel}: no native library to extract and
 * load on every start of a short-lived CLI process.
 */
final class RpcConnection implements AutoCloseable {
    /** Generous: a reply lists every server, and a log line may be 64 KB before JSON escaping. */
    private static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private record Pending(CompletableFuture<JsonNode> reply, Consumer<JsonNode> onReplyInOrder) {}

    private final SocketChannel channel;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Consumer<JsonNode> onNotification;
    private final Consumer<IOException> onLost;
    private volatile IOException lost;

    private RpcConnection(SocketChannel channel, Consumer<JsonNode> onNotification, Consumer<IOException> onLost) {
        this.channel = channel;
        this.onNotification = onNotification;
        this.onLost = onLost;
    }

    /**
     * Connects and starts reading. {@code onNotification} and {@code onLost} run on the reader thread and must
     * not block for long.
     */
    static RpcConnection open(Path socket, Consumer<JsonNode> onNotification, Consumer<IOException> onLost)
            throws DaemonUnreachableException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            throw new DaemonUnreachableException(socket, e);
        }
        RpcConnection connection = new RpcConnection(channel, onNotification, onLost);
        Thread reader = new Thread(connection::readLoop, "xy-client-reader");
        reader.setDaemon(true);
        reader.start();
        return connection;
    }

    /** Calls {@code method} and waits for its result. */
    JsonNode call(String method, Object params) throws IOException, RpcException {
        return await(send(method, params, reply -> {}));
    }

    /**
     * Sends a request; {@code onReplyInOrder} runs on the reader thread with the result before any later
     * message is read, so a stream's handler can be in place before its first notification arrives.
     */
    CompletableFuture<JsonNode> send(String method, Object params, Consumer<JsonNode> onReplyInOrder)
            throws IOException {
        long id = nextId.getAndIncrement();
        ObjectNode request = Json.LENIENT.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        if (params != null) {
            request.set("params", Json.LENIENT.valueToTree(params));
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, new Pending(reply, onReplyInOrder));
        if (lost != null) {
            pending.remove(id);
            throw lost;
        }
        write(Json.LENIENT.writeValueAsString(request));
        return reply;
    }

    static JsonNode await(CompletableFuture<JsonNode> reply) throws IOException, RpcException {
        try {
            return reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the daemon");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RpcException rpc) {
                throw new RpcException(rpc.code(), rpc.getMessage(), rpc.data());
            }
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            throw new IOException("unexpected failure: " + e.getCause(), e.getCause());
        }
    }

    private synchronized void write(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void readLoop() {
        IOException failure;
        try {
            BoundedLineReader lines = new BoundedLineReader(Channels.newInputStream(channel), MAX_LINE_BYTES);
            String line;
            while ((line = lines.readLine()) != null) {
                handle(Json.LENIENT.readTree(line));
            }
            failure = new IOException("the daemon closed the connection");
        } catch (IOException e) {
            failure = channel.isOpen() ? e : new IOException("the connection was closed", e);
        }
        lost = failure;
        for (Long id : List.copyOf(pending.keySet())) {
            Pending call = pending.remove(id);
            if (call != null) {
                call.reply().completeExceptionally(failure);
            }
        }
        onLost.accept(failure);
    }

    private void handle(JsonNode message) {
        if (message.has("method")) {
            try {
                onNotification.accept(message);
            } catch (RuntimeException e) {
                // Looked up only here: initialising the logging back end costs a short-lived CLI ~10% of its run.
                System.getLogger(RpcConnection.class.getName())
                        .log(System.Logger.Level.WARNING, "a notification handler failed", e);
            }
            return;
        }
        Pending call = message.has("id") ? pending.remove(message.get("id").asLong()) : null;
        if (call == null) {
            if (message.path("id").isNull() && message.has("error")) {
                failAll(message.get("error")); // said to the connection as a whole (refused, a garbled line)
            }
            return; // a reply to nothing we asked: ignore rather than guess
        }
        JsonNode error = message.get("error");
        if (error != null) {
            int code = error.path("code").asInt(ErrorCodes.INTERNAL_ERROR);
            call.reply()
                    .completeExceptionally(new RpcException(
                            code, error.path("message").asText(), ErrorData.decode(code, error.get("data"))));
            return;
        }
        JsonNode result = message.path("result");
        try {
            call.onReplyInOrder().accept(result);
            call.reply().complete(result);
        } catch (RuntimeException e) {
            call.reply().completeExceptionally(new IOException("cannot read the daemon's answer: " + e, e));
        }
    }

    private void failAll(JsonNode error) {
        int code = error.path("code").asInt(ErrorCodes.INTERNAL_ERROR);
        for (Long id : List.copyOf(pending.keySet())) {
            Pending call = pending.remove(id);
            if (call != null) {
                call.reply()
                        .completeExceptionally(
                                new RpcException(code, error.path("message").asText()));
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }
}
