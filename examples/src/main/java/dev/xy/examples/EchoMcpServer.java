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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal MCP server over Streamable HTTP, on the JDK alone: {@code initialize},
 * {@code notifications/initialized}, {@code tools/list}, {@code tools/call} with an {@code echo} tool,
 * {@code ping}, and DELETE of its session. Endpoint {@code http://127.0.0.1:PORT/mcp}; answers are plain JSON.
 *
 * <p>Flags make it each kind of server a client (and xy's probe) must cope with:
 *
 * <ul>
 *   <li>{@code --sse}: answers requests as event streams (a priming event, a log notification, then the
 *       response), as the reference TypeScript servers do;
 *   <li>{@code --stateless}: no sessions, the 2025 way ({@code initialize} opens none);
 *   <li>{@code --discover}: also the stateless 2026-07-28 revision: {@code server/discover}, and every request
 *       with {@code MCP-Protocol-Version: 2026-07-28} must carry {@code Mcp-Method} and {@code params._meta}
 *       with the protocol version, client info and capabilities; 2025 clients still get {@code initialize};
 *   <li>{@code --reject-legacy} (with {@code --discover}): refuses {@code initialize} (-32022);
 *   <li>{@code --mute}: accepts connections and never answers;
 *   <li>{@code --broken-tools}: {@code initialize} works, {@code tools/list} fails;
 *   <li>{@code --broken-tools-after N}: {@code tools/list} answers N times, then fails;
 *   <li>{@code --session-ttl SECONDS}: forgets a session that has not been used for that long, as servers that
 *       expire idle sessions do; a request on it then gets HTTP 404, as the specification says;
 *   <li>{@code --die-after SECONDS}: exits with code 3 after that long;
 *   <li>{@code --host ADDRESS}: listens there instead of 127.0.0.1 (say {@code ::1}).
 * </ul>
 *
 * <p>Run it with {@code java EchoMcpServer.java [--port] PORT [flags]} (or the {@code PORT} variable); port 0
 * picks a free one, named in the "listening" line. One file with nested helpers, no dependencies, because
 * JDK 17 launches a program from a single source file only: xy's examples work with nothing but a JDK.
 */
public final class EchoMcpServer {
    static final String PROTOCOL_VERSION = "2025-06-18";
    static final String STATELESS_VERSION = "2026-07-28";
    private static final Set<String> KNOWN_VERSIONS = Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
    private static final String META = "io.modelcontextprotocol/";

    /**
     * Which kind of server to be; see the class comment for the flags.
     *
     * @param brokenToolsAfter how many {@code tools/list} calls are answered before they fail; -1 for all
     * @param sessionTtlSeconds how long an unused session is kept; 0 for as long as the server runs
     */
    record Options(
            int port,
            String host,
            boolean sse,
            boolean stateless,
            boolean discover,
            boolean rejectLegacy,
            boolean mute,
            long brokenToolsAfter,
            long dieAfterSeconds,
            long sessionTtlSeconds) {
        static Options plain(int port) {
            return new Options(port, "127.0.0.1", false, false, false, false, false, -1, 0, 0);
        }

        static Options parse(List<String> args, String portVariable) {
            Integer port = null;
            String host = "127.0.0.1";
            Set<String> flags = new HashSet<>();
            long brokenToolsAfter = -1;
            long dieAfterSeconds = 0;
            long sessionTtlSeconds = 0;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--port" -> port = Integer.valueOf(args.get(++i));
                    case "--host" -> host = args.get(++i);
                    case "--sse", "--stateless", "--discover", "--reject-legacy", "--mute" -> flags.add(arg);
                    case "--broken-tools" -> brokenToolsAfter = 0;
                    case "--broken-tools-after" -> brokenToolsAfter = Long.parseLong(args.get(++i));
                    case "--die-after" -> dieAfterSeconds = Long.parseLong(args.get(++i));
                    case "--session-ttl" -> sessionTtlSeconds = Long.parseLong(args.get(++i));
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown flag " + arg);
                        }
                        port = Integer.valueOf(arg);
                    }
                }
            }
            if (port == null && portVariable != null) {
                port = Integer.valueOf(portVariable);
            }
            if (port == null) {
                throw new IllegalArgumentException("no port: pass --port PORT or set PORT");
            }
            return new Options(
                    port,
                    host,
                    flags.contains("--sse"),
                    flags.contains("--stateless"),
                    flags.contains("--discover"),
                    flags.contains("--reject-legacy"),
                    flags.contains("--mute"),
                    brokenToolsAfter,
                    dieAfterSeconds,
                    sessionTtlSeconds);
        }
    }

    private final Options options;
    /** Each open session, with when it was last used ({@link System#nanoTime}). */
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();

    private final AtomicLong toolLists = new AtomicLong();
    private final Timer expiry = new Timer("session-expiry", true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final HttpServer server;

    EchoMcpServer(int port) throws IOException {
        this(Options.plain(port));
    }

    EchoMcpServer(Options options) throws IOException {
        this.options = options;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 50);
        server.createContext("/mcp", this::handle);
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(List.of(args), System.getenv("PORT"));
        } catch (RuntimeException e) {
            System.err.println("echo: " + e.getMessage());
            System.err.println("usage: java EchoMcpServer.java [--port] PORT [--sse] [--stateless] [--discover]"
                    + " [--reject-legacy] [--mute] [--broken-tools] [--broken-tools-after N] [--die-after SECONDS]"
                    + " [--session-ttl SECONDS] [--host ADDRESS]");
            System.exit(2);
            return;
        }
        EchoMcpServer echo;
        try {
            echo = new EchoMcpServer(options);
        } catch (BindException e) {
            System.err.println("echo: port " + options.port() + " is already in use");
            System.exit(1);
            return;
        }
        echo.start();
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        System.out.println("echo: MCP server listening on http://" + host + ":" + echo.port() + "/mcp");
        if (options.dieAfterSeconds() > 0) {
            new Timer("die-after", true)
                    .schedule(
                            new TimerTask() {
                                @Override
                                public void run() {
                                    log("dying after " + options.dieAfterSeconds() + "s, as asked by --die-after");
                                    System.exit(3);
                                }
                            },
                            options.dieAfterSeconds() * 1000);
        }
    }

    void start() {
        server.start();
        if (options.sessionTtlSeconds() > 0) {
            expiry.schedule(
                    new TimerTask() {
                        @Override
                        public void run() {
                            expireIdleSessions();
                        }
                    },
                    100,
                    100);
        }
    }

    void stop() {
        stopped.countDown();
        expiry.cancel();
        server.stop(0);
    }

    private void expireIdleSessions() {
        long ttlNanos = options.sessionTtlSeconds() * 1_000_000_000L;
        long now = System.nanoTime();
        sessions.forEach((id, lastUsed) -> {
            if (now - lastUsed > ttlNanos && sessions.remove(id, lastUsed)) {
                log("session " + id + " expired after " + options.sessionTtlSeconds() + "s unused (--session-ttl)");
            }
        });
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (options.mute()) {
                log(exchange.getRequestMethod() + " received; never answering (--mute)");
                stopped.await();
                return;
            }
            String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
            switch (exchange.getRequestMethod()) {
                case "POST" -> post(exchange, session);
                case "DELETE" -> {
                    boolean known = session != null && sessions.remove(session) != null;
                    log("DELETE session " + session + (known ? " ended" : " unknown"));
                    send(exchange, known ? 200 : 404, null);
                }
                default -> send(exchange, 405, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        String version = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
        if (options.discover() && (STATELESS_VERSION.equals(version) || method.equals("server/discover"))) {
            stateless(exchange, request, method, id);
            return;
        }
        if (method.equals("initialize")) {
            initialize(exchange, request, id);
            return;
        }
        if (!options.stateless() && !options.discover()) {
            if (session == null) {
                log(method + " refused: no session");
                send(
                        exchange,
                        400,
                        MiniJson.write(error(id, -32600, "missing Mcp-Session-Id header; initialize first")));
                return;
            }
            if (sessions.computeIfPresent(session, (s, lastUsed) -> System.nanoTime()) == null) {
                log(method + " refused: unknown session " + session);
                send(exchange, 404, MiniJson.write(error(id, -32600, "unknown session; initialize again")));
                return;
            }
        }
        if (!request.containsKey("id")) {
            log("notification " + method);
            send(exchange, 202, null);
            return;
        }
        log(method);
        reply(exchange, answer(id, method, request.get("params")));
    }

    private void initialize(HttpExchange exchange, Map<?, ?> request, Object id) throws IOException {
        if (options.rejectLegacy()) {
            log("initialize refused (--reject-legacy)");
            String refusal = "unsupported protocol version: this server speaks only " + STATELESS_VERSION;
            Map<String, Object> data = Map.of("supported", List.of(STATELESS_VERSION));
            send(exchange, 400, MiniJson.write(error(id, -32022, refusal, data)));
            return;
        }
        if (!options.stateless() && !options.discover()) {
            String newSession = UUID.randomUUID().toString();
            sessions.put(newSession, System.nanoTime());
            exchange.getResponseHeaders().add("Mcp-Session-Id", newSession);
            log("initialize -> session " + newSession);
        } else {
            log("initialize (stateless)");
        }
        reply(exchange, result(id, initializeResult(request)));
    }

    /** A 2026-07-28 request: it must say its method in a header and carry its context in {@code _meta}. */
    private void stateless(HttpExchange exchange, Map<?, ?> request, String method, Object id) throws IOException {
        String version = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
        String named = exchange.getRequestHeaders().getFirst("Mcp-Method");
        if (!STATELESS_VERSION.equals(version) || !method.equals(named)) {
            log(method + " refused: headers MCP-Protocol-Version " + version + ", Mcp-Method " + named);
            send(
                    exchange,
                    400,
                    MiniJson.write(error(
                            id,
                            -32020,
                            "requests need the headers MCP-Protocol-Version: " + STATELESS_VERSION
                                    + " and Mcp-Method: <method>")));
            return;
        }
        Object params = request.get("params");
        Object meta = params instanceof Map<?, ?> p ? p.get("_meta") : null;
        List<String> missing = new ArrayList<>();
        for (String key : List.of("protocolVersion", "clientInfo", "clientCapabilities")) {
            if (!(meta instanceof Map<?, ?> m) || m.get(META + key) == null) {
                missing.add(META + key);
            }
        }
        if (!missing.isEmpty()) {
            log(method + " refused: _meta lacks " + missing);
            send(exchange, 400, MiniJson.write(error(id, -32602, "params._meta lacks " + String.join(", ", missing))));
            return;
        }
        log(method + " (stateless " + STATELESS_VERSION + ")");
        reply(exchange, method.equals("server/discover") ? result(id, discoverResult()) : answer(id, method, params));
    }

    private static Map<String, Object> discoverResult() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("supportedVersions", List.of(STATELESS_VERSION));
        result.put("capabilities", Map.of("tools", Map.of("listChanged", false)));
        result.put("resultType", "complete");
        result.put("ttlMs", 60_000);
        result.put("cacheScope", "global");
        result.put("_meta", Map.of(META + "serverInfo", Map.of("name", "xy-echo", "version", "1.0.0")));
        return result;
    }

    private static Map<String, Object> initializeResult(Map<?, ?> request) {
        Object asked = request.get("params") instanceof Map<?, ?> p ? p.get("protocolVersion") : null;
        String version = asked instanceof String v && KNOWN_VERSIONS.contains(v) ? v : PROTOCOL_VERSION;
        return Map.of(
                "protocolVersion", version,
                "capabilities", Map.of("tools", Map.of("listChanged", false)),
                "serverInfo", Map.of("name", "xy-echo", "version", "1.0.0"));
    }

    private Map<String, Object> answer(Object id, String method, Object params) {
        return switch (method) {
            case "ping" -> result(id, Map.of());
            case "tools/list" -> toolsBroken()
                    ? error(id, -32603, "tools are broken on purpose (" + brokenFlag() + ")")
                    : result(
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

    private boolean toolsBroken() {
        long after = options.brokenToolsAfter();
        return after >= 0 && toolLists.incrementAndGet() > after;
    }

    private String brokenFlag() {
        return options.brokenToolsAfter() == 0
                ? "--broken-tools"
                : "--broken-tools-after " + options.brokenToolsAfter();
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
        return error(id, code, message, null);
    }

    private static Map<String, Object> error(Object id, int code, String message, Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("jsonrpc", "2.0");
        reply.put("id", id);
        reply.put("error", error);
        return reply;
    }

    /** A JSON-RPC response as plain JSON, or (with {@code --sse}) as an event stream. */
    private void reply(HttpExchange exchange, Map<String, Object> response) throws IOException {
        if (!options.sse()) {
            send(exchange, 200, MiniJson.write(response));
            return;
        }
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("jsonrpc", "2.0");
        note.put("method", "notifications/message");
        note.put("params", Map.of("level", "info", "data", "answering over SSE"));
        // A priming event without data, then a notification with an id-less message, then the response: a
        // client must skip the first two, as it must with the reference servers.
        String stream = "id: " + UUID.randomUUID() + "\ndata: \n\n"
                + "event: message\ndata: " + MiniJson.write(note) + "\n\n"
                + "event: message\nid: " + UUID.randomUUID() + "\ndata: " + MiniJson.write(response) + "\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
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
