package dev.xy.core.ipc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client that speaks raw bytes to the daemon over a JDK Unix-domain channel, with none of xy's client code in
 * between: what it sends is exactly what the test wrote, and what it reads is every line the daemon sent, in
 * order. A reader thread (unless the client is one that never reads) queues the lines as they arrive.
 */
final class RawClient implements AutoCloseable {
    /** Reads numbers as sent (no doubles), so ids can be compared with what was sent exactly. */
    static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private static final String END = new String("end of stream");

    private final SocketChannel channel;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private RawClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** A client that reads everything the daemon sends. */
    static RawClient connect(Path socket) throws IOException {
        RawClient client = new RawClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        Thread reader = new Thread(client::readLoop, "test-raw-client-reader");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    /** A client that never reads a byte: what the daemon sends piles up in the socket and then in the daemon. */
    static RawClient connectNeverReading(Path socket) throws IOException {
        return new RawClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    /** Sends {@code line} and a newline. */
    RawClient send(String line) throws IOException {
        return sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    RawClient sendBytes(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        return this;
    }

    /** The next line the daemon sent, or null when the connection ended first. Fails after {@code timeout}. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no message from the daemon within " + timeout);
        }
        if (line == END) {
            lines.add(END); // stays at the end for later calls
            return null;
        }
        return line;
    }

    /** The next message, parsed; fails if the connection ended or nothing came within {@code timeout}. */
    JsonNode next(Duration timeout) throws InterruptedException {
        String line = nextLine(timeout);
        if (line == null) {
            throw new AssertionError("the daemon closed the connection instead of answering");
        }
        try {
            return EXACT.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("the daemon sent a line that is not JSON: " + abbreviate(line), e);
        }
    }

    /** Sends one request line and returns the next message (for connections that carry no streams). */
    JsonNode call(String line, Duration timeout) throws IOException, InterruptedException {
        send(line);
        return next(timeout);
    }

    /** Whether the daemon has closed the connection (everything it sent before has been read). */
    boolean ended() {
        return ended;
    }

    /**
     * Whether the daemon has closed this connection, found out without reading (which would make this client a
     * reader): a blank line, which the daemon skips, cannot be sent to a closed connection.
     */
    boolean closedByDaemon() {
        try {
            sendBytes(new byte[] {'\n'});
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * For a client that never read: reads (and drops) what is left in the socket and says whether the daemon has
     * closed the connection, i.e. whether the end of the stream came within {@code timeout}.
     */
    boolean drainsToEnd(Duration timeout) throws InterruptedException {
        Thread drainer = new Thread(
                () -> {
                    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                    try {
                        while (channel.read(buffer.clear()) >= 0) {
                            // dropped
                        }
                    } catch (IOException e) {
                        // reset: ended too
                    }
                    ended = true;
                },
                "test-raw-client-drainer");
        drainer.setDaemon(true);
        drainer.start();
        drainer.join(timeout.toMillis());
        return ended;
    }

    /** Stops sending but keeps reading, as {@code echo … | socat} does. */
    void halfClose() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (channel.read(buffer.clear()) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            }
        } catch (IOException e) {
            // Reset or closed by the test: either way the stream has ended.
        } finally {
            ended = true;
            lines.add(END);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }
}
