package dev.xy.core.client;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.xy.core.ipc.BoundedLineReader;
import dev.xy.core.ipc.DaemonUnreachableException;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.WireCodec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringWriter;
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
 * load on every start of a short-lived CLI process. Requests are written and answers read with {@link WireCodec}
 * (see {@link Envelope}): databind's start-up would cost such a process a fifth of its run.
 */
final class RpcConnection implements AutoCloseable {
    /** Generous: a reply lists every server, and a log line may be 64 KB before JSON escaping. */
    private static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private record Pending(CompletableFuture<Envelope> reply, Consumer<Envelope> onReplyInOrder) {}

    private final SocketChannel channel;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Consumer<Envelope> onNotification;
    private final Consumer<IOException> onLost;
    private volatile IOException lost;

    private RpcConnection(SocketChannel channel, Consumer<Envelope> onNotification, Consumer<IOException> onLost) {
        this.channel = channel;
        this.onNotification = onNotification;
        this.onLost = onLost;
    }

    /**
     * Connects and starts reading. {@code onNotification} and {@code onLost} run on the reader thread and must
     * not block for long.
     */
    static RpcConnection open(Path socket, Consumer<Envelope> onNotification, Consumer<IOException> onLost)
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
    Envelope call(String method, Object params) throws IOException, RpcException {
        return await(send(method, params, reply -> {}));
    }

    /**
     * Sends a request; {@code onReplyInOrder} runs on the reader thread with the result before any later
     * message is read, so a stream's handler can be in place before its first notification arrives.
     */
    CompletableFuture<Envelope> send(String method, Object params, Consumer<Envelope> onReplyInOrder)
            throws IOException {
        long id = nextId.getAndIncrement();
        String request = request(id, method, params);
        CompletableFuture<Envelope> reply = new CompletableFuture<>();
        pending.put(id, new Pending(reply, onReplyInOrder));
        if (lost != null) {
            pending.remove(id);
            throw lost;
        }
        write(request);
        return reply;
    }

    /** The request line, as databind wrote it: {@code jsonrpc}, {@code id}, {@code method}, then any params. */
    static String request(long id, String method, Object params) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator request = WireCodec.factory().createGenerator(text)) {
            request.writeStartObject();
            request.writeStringField("jsonrpc", "2.0");
            request.writeNumberField("id", id);
            request.writeStringField("method", method);
            if (params != null) {
                request.writeFieldName("params");
                WireCodec.write(request, params);
            }
            request.writeEndObject();
        }
        return text.toString();
    }

    static Envelope await(CompletableFuture<Envelope> reply) throws IOException, RpcException {
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
                handle(Envelope.read(line));
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

    private void handle(Envelope message) {
        if (message.isNotification()) {
            try {
                onNotification.accept(message);
            } catch (RuntimeException e) {
                // Looked up only here: initialising the logging back end costs a short-lived CLI ~10% of its run.
                System.getLogger(RpcConnection.class.getName())
                        .log(System.Logger.Level.WARNING, "a notification handler failed", e);
            }
            return;
        }
        Pending call = message.hasId() ? pending.remove(message.id()) : null;
        if (call == null) {
            if (message.idIsNull() && message.isError()) {
                failAll(message); // said to the connection as a whole (refused, a garbled line)
            }
            return; // a reply to nothing we asked: ignore rather than guess
        }
        if (message.isError()) {
            call.reply()
                    .completeExceptionally(
                            new RpcException(message.errorCode(), message.errorMessage(), message.errorData()));
            return;
        }
        try {
            call.onReplyInOrder().accept(message);
            call.reply().complete(message);
        } catch (RuntimeException e) {
            call.reply().completeExceptionally(new IOException("cannot read the daemon's answer: " + e, e));
        }
    }

    private void failAll(Envelope error) {
        for (Long id : List.copyOf(pending.keySet())) {
            Pending call = pending.remove(id);
            if (call != null) {
                call.reply().completeExceptionally(new RpcException(error.errorCode(), error.errorMessage()));
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
