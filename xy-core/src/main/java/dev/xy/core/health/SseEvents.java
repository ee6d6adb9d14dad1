package dev.xy.core.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the data of server-sent events ({@code text/event-stream}) one event at a time, so that a probe stops
 * reading as soon as its answer has come, on a stream the server may keep open. Events without data (such as
 * the empty priming event some servers send first) are skipped; {@code event:}, {@code id:}, {@code retry:} and
 * comments are ignored. Sizes are bounded by the stream underneath.
 */
final class SseEvents {
    private final PushbackInputStream in;

    SseEvents(InputStream in) {
        this.in = new PushbackInputStream(in, 1);
    }

    /** The data of the next event that carries any, its {@code data:} lines joined by newlines; empty at the end. */
    Optional<String> next() throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null && data.length() > 0) {
                    return Optional.of(data.toString());
                }
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (field.equals("data")) {
                String value = colon < 0 ? "" : line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
        }
        // A stream that ends without the final blank line still delivered its last event.
        return data != null && data.length() > 0 ? Optional.of(data.toString()) : Optional.empty();
    }

    /** A line ended by CR LF, LF or CR, without its end; null at the end of the stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\r') {
                int after = in.read();
                if (after >= 0 && after != '\n') {
                    in.unread(after);
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
