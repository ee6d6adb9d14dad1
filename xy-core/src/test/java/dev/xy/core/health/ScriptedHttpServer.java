package dev.xy.core.health;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw TCP server on 127.0.0.1 that records each HTTP request exactly as it arrived and answers with whatever
 * bytes a test scripts, including answers no real HTTP library would produce. One connection at a time.
 */
final class ScriptedHttpServer implements AutoCloseable {
    /** A request as received: its request line, headers by lower-case name, and body. */
    record Request(String line, Map<String, String> headers, String body) {
        /** The JSON-RPC method in the body, or the HTTP method when there is no body. */
        String rpcMethod() {
            int at = body.indexOf("\"method\":\"");
            return at < 0 ? line.split(" ")[0] : body.substring(at + 10, body.indexOf('"', at + 10));
        }
    }

    /** Writes the answer to one request; may take as long as it likes (until the client goes away). */
    interface Responder {
        void respond(Request request, OutputStream out) throws IOException;
    }

    /** Waits for the client to hang up, at most {@code millis}: true when it did. Paces endless answers. */
    static boolean hungUp(Socket connection, int millis) throws IOException {
        connection.setSoTimeout(millis);
        try {
            return connection.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillThere) {
            return false;
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final Thread acceptor;

    ScriptedHttpServer(Responder responder) throws IOException {
        this((request, out, connection) -> responder.respond(request, out));
    }

    /** For answers that need the connection itself, to pace themselves by the client. */
    interface PacedResponder {
        void respond(Request request, OutputStream out, Socket connection) throws IOException;
    }

    ScriptedHttpServer(PacedResponder responder) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(
                () -> {
                    while (!socket.isClosed()) {
                        try (Socket connection = socket.accept()) {
                            InputStream in = new BufferedInputStream(connection.getInputStream());
                            Request request = read(in);
                            requests.add(request);
                            OutputStream out = connection.getOutputStream();
                            responder.respond(request, out, connection);
                            out.flush();
                        } catch (IOException closedOrGone) {
                            // The test closed the server, or the client hung up mid-answer: next.
                        }
                    }
                },
                "scripted-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Writes {@code text} as it is, in ISO-8859-1 so that every char is one byte. */
    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A complete {@code Content-Length} response. */
    static String response(int status, String contentType, String body, String... extraHeaders) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
        if (contentType != null) {
            out.append("Content-Type: ").append(contentType).append("\r\n");
        }
        for (String header : extraHeaders) {
            out.append(header).append("\r\n");
        }
        out.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        return out + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(5000);
    }

    private static Request read(InputStream in) throws IOException {
        String line = readLine(in);
        Map<String, String> headers = new LinkedHashMap<>();
        String header;
        while (!(header = readLine(in)).isEmpty()) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Request(line, headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("closed");
        }
        return line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
    }
}
