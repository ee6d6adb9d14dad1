package dev.xy.core.health;

import static dev.xy.core.health.ScriptedHttpServer.response;
import static dev.xy.core.health.ScriptedHttpServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.ports.PortHolders;
import dev.xy.core.supervisor.ExecutorHealthProbe;
import dev.xy.core.supervisor.ExitStatus;
import dev.xy.core.supervisor.LaunchedProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Periodic checks on a kept session, on the wire: the exact requests of a check, how a refused session is
 * replaced within one check (as the specification's 404 and as the reference server's 400), and that a check on
 * a session that stops answering ends within its timeout.
 */
class KeptSessionWireIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final McpIdentity SCRIPTED =
            new McpIdentity("scripted", "1.0", "2025-11-25", McpEra.HANDSHAKE, List.of("t"));

    /** What a scripted server answers to {@code tools/list}: {@code call} counts from 1. */
    private interface ToolsList {
        void answer(ScriptedHttpServer.Request request, int call, OutputStream out, Socket connection)
                throws IOException;
    }

    /** A 2025 server that names its sessions s-1, s-2…; its {@code tools/list} answers are the test's. */
    private static ScriptedHttpServer server(ToolsList tools) throws IOException {
        AtomicInteger sessions = new AtomicInteger();
        AtomicInteger lists = new AtomicInteger();
        return new ScriptedHttpServer((request, out, connection) -> {
            switch (request.rpcMethod()) {
                case "server/discover" -> write(
                        out,
                        response(
                                400,
                                "application/json",
                                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":\"Server not"
                                        + " initialized\"},\"id\":null}"));
                case "initialize" -> write(
                        out,
                        response(
                                200,
                                "application/json",
                                result(
                                        request,
                                        "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                                + "\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1.0\"}}"),
                                "Mcp-Session-Id: s-" + sessions.incrementAndGet()));
                case "notifications/initialized" -> write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
                case "tools/list" -> tools.answer(request, lists.incrementAndGet(), out, connection);
                default -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            }
        });
    }

    private static String result(ScriptedHttpServer.Request request, String result) {
        Matcher id = ID.matcher(request.body());
        return "{\"jsonrpc\":\"2.0\",\"id\":" + (id.find() ? id.group(1) : "null") + ",\"result\":" + result + "}";
    }

    private static void tools(ScriptedHttpServer.Request request, OutputStream out) throws IOException {
        write(out, response(200, "application/json", result(request, "{\"tools\":[{\"name\":\"t\"}]}")));
    }

    /** Each request as {@code method session}: {@code tools/list s-1}, {@code DELETE s-1}, {@code initialize -}. */
    private static List<String> exchanges(ScriptedHttpServer server, int from) {
        return server.requests.subList(from, server.requests.size()).stream()
                .map(r -> r.rpcMethod() + " " + r.headers().getOrDefault("mcp-session-id", "-"))
                .toList();
    }

    @Test
    void aCheckIsOneToolsListOnTheReadinessSessionWithItsHeaders() throws Exception {
        try (ScriptedHttpServer server = server((request, call, out, connection) -> tools(request, out))) {
            KeptSession kept = new KeptSession();
            assertThat(McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept)).isEqualTo(ProbeOutcome.passed(SCRIPTED));
            assertThat(exchanges(server, 0))
                    .containsExactly(
                            "server/discover -", "initialize -", "notifications/initialized s-1", "tools/list s-1");

            assertThat(McpProbe.check(server.port(), "/mcp", TIMEOUT, SCRIPTED, kept))
                    .isEqualTo(ProbeOutcome.passed(SCRIPTED));

            assertThat(exchanges(server, 4)).containsExactly("tools/list s-1");
            assertThat(server.requests.get(4).headers())
                    .containsEntry("mcp-protocol-version", "2025-11-25")
                    .containsEntry("host", "localhost:" + server.port());
            kept.close().orElseThrow().run();
            assertThat(exchanges(server, 5)).containsExactly("DELETE s-1");
        }
    }

    @Test
    void aRefusedSessionIsReplacedWithinOneCheckAndEndedUnlessTheRefusalWasThe404OfTheSpec() throws Exception {
        // 404: what the specification says for a session the server ended. 400 "No valid session ID provided":
        // what the reference server says for one it does not know; it might still hold it, so it is DELETEd.
        for (int status : new int[] {404, 400}) {
            ToolsList refuseTheFirstSession = (request, call, out, connection) -> {
                if (call > 1 && "s-1".equals(request.headers().get("mcp-session-id"))) {
                    write(
                            out,
                            response(
                                    status,
                                    "application/json",
                                    "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,"
                                            + "\"message\":\"Bad Request: No valid session ID provided\"}}"));
                } else {
                    tools(request, out);
                }
            };
            try (ScriptedHttpServer server = server(refuseTheFirstSession)) {
                KeptSession kept = new KeptSession();
                McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept);

                assertThat(McpProbe.check(server.port(), "/mcp", TIMEOUT, SCRIPTED, kept))
                        .isEqualTo(ProbeOutcome.passed(SCRIPTED));

                List<String> renewal = status == 404
                        ? List.of("tools/list s-1", "initialize -", "notifications/initialized s-2", "tools/list s-2")
                        : List.of(
                                "tools/list s-1",
                                "DELETE s-1",
                                "initialize -",
                                "notifications/initialized s-2",
                                "tools/list s-2");
                assertThat(exchanges(server, 4)).as("HTTP %d", status).isEqualTo(renewal);
                int after = server.requests.size();
                McpProbe.check(server.port(), "/mcp", TIMEOUT, SCRIPTED, kept);
                assertThat(exchanges(server, after)).containsExactly("tools/list s-2");
                kept.close().orElseThrow().run();
            }
        }
    }

    @Test
    void aServerErrorOnTheKeptSessionFailsTheCheckWithoutANewHandshake() throws Exception {
        ToolsList failLater = (request, call, out, connection) -> {
            if (call == 1) {
                tools(request, out);
            } else {
                write(out, response(500, "text/plain", "boom"));
            }
        };
        try (ScriptedHttpServer server = server(failLater)) {
            KeptSession kept = new KeptSession();
            McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept);

            assertThat(McpProbe.check(server.port(), "/mcp", TIMEOUT, SCRIPTED, kept))
                    .isEqualTo(new ProbeOutcome.Failed("tools/list: HTTP 500: boom", false));

            assertThat(exchanges(server, 4)).containsExactly("tools/list s-1");
            kept.close().orElseThrow().run();
        }
    }

    @Test
    void aCheckOnAKeptSessionThatStopsAnsweringEndsWithinItsTimeout() throws Exception {
        ToolsList hangLater = (request, call, out, connection) -> {
            if (call == 1) {
                tools(request, out);
                return;
            }
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
            for (int i = 0; i < 600 && !ScriptedHttpServer.hungUp(connection, 50); i++) {
                write(out, ": still here\n\n");
                out.flush();
            }
        };
        try (ScriptedHttpServer server = server(hangLater)) {
            KeptSession kept = new KeptSession();
            McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept);

            long start = System.nanoTime();
            ProbeOutcome outcome = McpProbe.check(server.port(), "/mcp", Duration.ofSeconds(1), SCRIPTED, kept);

            assertThat(outcome).isEqualTo(new ProbeOutcome.Failed("tools/list: timed out after 1s", false));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            // A slow server has not lost the session: it is still kept, for the next check.
            assertThat(exchanges(server, 4)).containsExactly("tools/list s-1");
            kept.close().orElseThrow().run();
        }
    }

    @Test
    void aReleaseDuringACheckWaitsForItThenEndsItsSessionBeforeTheServerIsStopped(@TempDir Path dir) throws Exception {
        CountDownLatch answerTheCheck = new CountDownLatch(1);
        ToolsList slowSecondList = (request, call, out, connection) -> {
            if (call == 2) {
                await(answerTheCheck);
            }
            tools(request, out);
        };
        try (ScriptedHttpServer server = server(slowSecondList);
                ExecutorHealthProbe probe = new ExecutorHealthProbe(PortHolders.forThisSystem())) {
            Files.writeString(
                    dir.resolve("scripted.kdl"),
                    "command \"/bin/true\"\nport " + server.port() + "\nhealth {\n  timeout \"10s\"\n}\n");
            ServerConfig config = ConfigLoader.loadDirectory(dir).servers().get(0);
            LaunchedProcess process = new Unstoppable();
            assertThat(probe.check(config, process, Optional.empty()).get()).isEqualTo(ProbeOutcome.passed(SCRIPTED));
            CompletableFuture<ProbeOutcome> checking = probe.check(config, process, Optional.of(SCRIPTED));
            Awaitility.await().until(() -> exchanges(server, 0).contains("tools/list s-1"));

            CompletableFuture<Void> released = probe.release(process);
            assertThat(released)
                    .as("released while the check still holds the session")
                    .isNotDone();
            answerTheCheck.countDown();
            released.get(10, TimeUnit.SECONDS);

            assertThat(checking).isCompletedWithValue(ProbeOutcome.passed(SCRIPTED));
            assertThat(exchanges(server, 4))
                    .as("the session is ended by the release, before the supervisor goes on to SIGTERM")
                    .containsExactly("tools/list s-1", "DELETE s-1");
        }
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the test never let the answer go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A server process that is never stopped here: only its identity matters to the probe. */
    private static final class Unstoppable implements LaunchedProcess {
        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }

        @Override
        public void captureOutput() {}

        @Override
        public CompletableFuture<ExitStatus> exit() {
            return new CompletableFuture<>();
        }

        @Override
        public boolean terminate() {
            return true;
        }

        @Override
        public boolean anyAlive() {
            return true;
        }

        @Override
        public void kill() {}
    }
}
