package dev.xy.core.health;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The status line and headers of an HTTP/1.1 response, read with bounded lines and a bounded count. */
record HttpHead(int status, Map<String, String> headers) {
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADERS = 100;

    /**
     * Reads a head from the start of a response.
     *
     * @throws EOFException when the connection closes before a status line
     * @throws ProtocolException when what arrives is not HTTP
     */
    static HttpHead read(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new EOFException("the server closed the connection without answering");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5]\\d\\d")) {
            throw new ProtocolException("not HTTP: \"" + printable(statusLine) + "\"");
        }
        Map<String, String> headers = new HashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(in);
            if (line == null) {
                throw new EOFException("the server closed the connection inside the response headers");
            }
            if (line.isEmpty()) {
                return new HttpHead(Integer.parseInt(parts[1]), headers);
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || count >= MAX_HEADERS) {
                throw new ProtocolException("bad response header \"" + printable(line) + "\"");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
    }

    /** One line without its CR LF (or bare LF), at most {@link #MAX_LINE} bytes; null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return stripCr(line);
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolException("a line of the response head is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : stripCr(line);
    }

    private static String stripCr(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * At most 60 characters of what a server sent, for a one-line message: runs of white space (line breaks
     * included) become one space, other control characters a visible {@code ?}.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        boolean truncated = false;
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= 60) {
                truncated = true;
                break;
            }
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c < 0x20 || c == 0x7f ? '?' : c);
            }
        }
        return truncated ? out.toString().stripTrailing() + "…" : out.toString().stripTrailing();
    }
}
