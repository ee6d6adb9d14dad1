package dev.xy.core.health;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP response as it arrives: status and headers read, the body still on the wire (already de-chunked and
 * size-capped), so that an event stream can be read only as far as needed. Closing it closes the connection.
 */
final class HttpAnswer implements Closeable {
    private final Socket socket;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    /** @param headers by lower-case name */
    HttpAnswer(Socket socket, int status, Map<String, String> headers, InputStream body) {
        this.socket = socket;
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    int status() {
        return status;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The media type alone, lower case, without parameters such as {@code charset}; empty when not given. */
    String mediaType() {
        String type = header("content-type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
