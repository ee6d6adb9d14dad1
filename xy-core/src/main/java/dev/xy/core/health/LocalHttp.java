package dev.xy.core.health;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 client for servers on this machine, over a plain socket. Chosen over
 * {@code java.net.http.HttpClient} because that one refuses to set {@code Host} without a JVM-wide flag, and some
 * MCP servers refuse any {@code Host} but {@code localhost:<port>}; and because a socket bounded by one deadline,
 * closed when the probe is done, leaves no pooled connection or selector thread behind. One request per
 * connection ({@code Connection: close}), so a response ends where the connection ends.
 */
final class LocalHttp {
    /** Far above any MCP answer a probe needs (the reference server's tool list is ~30 KB), far below harm. */
    static final long MAX_BODY_BYTES = 4L << 20;

    private static final int MAX_INFORMATIONAL = 5;

    private final LoopbackConnector connector;

    LocalHttp(LoopbackConnector connector) {
        this.connector = connector;
    }

    int port() {
        return connector.port();
    }

    /**
     * Sends one request and reads the response head; the caller reads the body and closes the answer.
     *
     * @param target the path and query
     * @param headers besides {@code Host}, {@code Content-Length} and {@code Connection}, which this sets
     * @param body the request body, or null for none
     */
    HttpAnswer send(String method, String target, Map<String, String> headers, byte[] body, Deadline deadline)
            throws IOException {
        Socket socket = connector.connect(deadline);
        try {
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: localhost:")
                    .append(connector.port())
                    .append("\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();

            InputStream in = new BufferedInputStream(HttpStreams.untilDeadline(socket, deadline));
            HttpHead response = HttpHead.read(in);
            for (int i = 0; response.status() < 200; i++) {
                if (i == MAX_INFORMATIONAL) {
                    throw new ProtocolException("too many informational (1xx) answers");
                }
                response = HttpHead.read(in);
            }
            return new HttpAnswer(socket, response.status(), response.headers(), body(response, in));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static InputStream body(HttpHead head, InputStream in) throws IOException {
        if (head.status() == 204 || head.status() == 304) {
            return InputStream.nullInputStream();
        }
        String encoding = head.headers().getOrDefault("transfer-encoding", "");
        String length = head.headers().get("content-length");
        InputStream body;
        if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = HttpStreams.chunked(in);
        } else if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad Content-Length \"" + HttpHead.printable(length) + "\"");
            }
            if (bytes < 0) {
                throw new ProtocolException("bad Content-Length \"" + HttpHead.printable(length) + "\"");
            }
            body = HttpStreams.fixed(in, bytes);
        } else {
            body = in; // Connection: close delimits it.
        }
        return HttpStreams.capped(body, MAX_BODY_BYTES);
    }
}
