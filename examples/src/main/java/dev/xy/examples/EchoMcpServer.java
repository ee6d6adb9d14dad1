package dev.xy.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal MCP server over Streamable HTTP, on the JDK alone: {@code initialize},
 * {@code notifications/initialized}, {@code tools/list}, {@code tools/call} with an {@code echo} tool,
 * {@code ping}, and DELETE of its session. Endpoint {@code http://127.0.0.1:PORT/mcp}; answers are plain JSON.
 *
 * <p>Run it with {@code java EchoMcpServer.java [--port] PORT} (or the {@code PORT} variable). One file, no
 * dependencies, so that xy's examples work with nothing but a JDK.
 */
public final class EchoMcpServer {
    static final String PROTOCOL_VERSION = "2025-06-18";
    private static final Set<String> KNOWN_VERSIONS = Set.of("2024-11-05", "2025-03-26", "2025-06-18");

    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final HttpServer server;

    EchoMcpServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/mcp", this::handle);
    }

    public static void main(String[] args) throws IOException {
        int port = port(args);
        EchoMcpServer echo;
        try {
            echo = new EchoMcpServer(port);
        } catch (BindException e) {
            System.err.println("echo: port " + port + " is already in use");
            System.exit(1);
            return;
        }
        echo.start();
        System.out.println("echo: MCP server listening on http://127.0.0.1:" + echo.port() + "/mcp");
    }

    void start() {
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static int port(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        rest.remove("--port");
        String value = !rest.isEmpty() ? rest.get(0) : System.getenv("PORT");
        if (value == null) {
            System.err.println("usage: java EchoMcpServer.java [--port] PORT   (or set PORT)");
            System.exit(2);
        }
        return Integer.parseInt(value);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
            switch (exchange.getRequestMethod()) {
                case "POST" -> post(exchange, session);
                case "DELETE" -> {
                    boolean known = session != null && sessions.remove(session);
                    log("DELETE session " + session + (known ? " ended" : " unknown"));
                    send(exchange, known ? 200 : 404, null);
                }
                default -> send(exchange, 405, null);
            }
        } catch (RuntimeException e) {
            log("error: " + e);
        }
    }

    private void post(HttpExchange exchange, String session) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Object message;
        try {
            message = MiniJson.parse(body);
        } catch (IllegalArgumentException e) {
            send(exchange, 400, MiniJson.write(error(null, -32700, "parse error: " + e.getMessage())));
            return;
        }
        if (!(message instanceof Map<?, ?> request)) {
            send(exchange, 400, MiniJson.write(error(null, -32600, "expected one JSON-RPC object")));
            return;
        }
        String method = String.valueOf(request.get("method"));
        Object id = request.get("id");
        if (method.equals("initialize")) {
            String newSession = UUID.randomUUID().toString();
            sessions.add(newSession);
            exchange.getResponseHeaders().add("Mcp-Session-Id", newSession);
            log("initialize -> session " + newSession);
            send(exchange, 200, MiniJson.write(result(id, initializeResult(request))));
            return;
        }
        if (session == null) {
            send(exchange, 400, MiniJson.write(error(id, -32600, "missing Mcp-Session-Id header; initialize first")));
            return;
        }
        if (!sessions.contains(session)) {
            send(exchange, 404, MiniJson.write(error(id, -32600, "unknown session; initialize again")));
            return;
        }
        if (!request.containsKey("id")) {
            log("notification " + method);
            send(exchange, 202, null);
            return;
        }
        log(method);
        send(exchange, 200, MiniJson.write(answer(id, method, request.get("params"))));
    }

    private static Map<String, Object> initializeResult(Map<?, ?> request) {
        Object asked = request.get("params") instanceof Map<?, ?> p ? p.get("protocolVersion") : null;
        String version = asked instanceof String v && KNOWN_VERSIONS.contains(v) ? v : PROTOCOL_VERSION;
        return Map.of(
                "protocolVersion", version,
                "capabilities", Map.of("tools", Map.of("listChanged", false)),
                "serverInfo", Map.of("name", "xy-echo", "version", "1.0.0"));
    }

    private static Map<String, Object> answer(Object id, String method, Object params) {
        return switch (method) {
            case "ping" -> result(id, Map.of());
            case "tools/list" -> result(
                    id,
                    Map.of(
                            "tools",
                            List.of(Map.of(
                                    "name", "echo",
                                    "description", "Returns the text it is given.",
                                    "inputSchema",
                                            Map.of(
                                                    "type", "object",
                                                    "properties", Map.of("text", Map.of("type", "string")),
                                                    "required", List.of("text"))))));
            case "tools/call" -> callTool(id, params);
            default -> error(id, -32601, "method not found: " + method);
        };
    }

    private static Map<String, Object> callTool(Object id, Object params) {
        if (!(params instanceof Map<?, ?> p) || !"echo".equals(p.get("name"))) {
            return error(id, -32602, "unknown tool; this server has only `echo`");
        }
        Object text = p.get("arguments") instanceof Map<?, ?> arguments ? arguments.get("text") : null;
        if (!(text instanceof String)) {
            return error(id, -32602, "echo needs a string argument `text`");
        }
        return result(id, Map.of("content", List.of(Map.of("type", "text", "text", text)), "isError", false));
    }

    private static Map<String, Object> result(Object id, Object result) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("jsonrpc", "2.0");
        reply.put("id", id);
        reply.put("result", result);
        return reply;
    }

    private static Map<String, Object> error(Object id, int code, String message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("jsonrpc", "2.0");
        reply.put("id", id);
        reply.put("error", Map.of("code", code, "message", message));
        return reply;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void log(String message) {
        System.out.println("echo: " + message);
    }

    /** Just enough JSON for JSON-RPC: objects, arrays, strings, numbers, booleans, null. */
    static final class MiniJson {
        private final String text;
        private int pos;

        private MiniJson(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            MiniJson json = new MiniJson(text);
            Object value = json.value();
            json.space();
            if (json.pos != text.length()) {
                throw new IllegalArgumentException("trailing characters at " + json.pos);
            }
            return value;
        }

        private Object value() {
            space();
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = text.charAt(pos);
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (text.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + pos);
            }
            String number = text.substring(start, pos);
            return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : Double.valueOf(number);
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            space();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                space();
                String key = string();
                space();
                expect(':');
                map.put(key, value());
                space();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            space();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos);
            }
            pos++;
        }

        private void space() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            if (value == null || value instanceof Boolean || value instanceof Number) {
                out.append(value);
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                String separator = "";
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(separator);
                    write(String.valueOf(entry.getKey()), out);
                    out.append(':');
                    write(entry.getValue(), out);
                    separator = ",";
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(list.get(i), out);
                }
                out.append(']');
            } else {
                out.append('"');
                for (char c : value.toString().toCharArray()) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        case '\t' -> out.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                out.append(String.format("\\u%04x", (int) c));
                            } else {
                                out.append(c);
                            }
                        }
                    }
                }
                out.append('"');
            }
        }
    }
}
