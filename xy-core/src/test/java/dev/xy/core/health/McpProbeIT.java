package dev.xy.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MCP probe against real processes of the example server, in each of its variants, over real HTTP. */
class McpProbeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static ProbeOutcome.Passed passed(ProbeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ProbeOutcome.Passed.class);
        return (ProbeOutcome.Passed) outcome;
    }

    private static McpIdentity identity(ProbeOutcome outcome) {
        return passed(outcome).mcp().orElseThrow();
    }

    private static String failure(ProbeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ProbeOutcome.Failed.class);
        return ((ProbeOutcome.Failed) outcome).reason();
    }

    @Test
    void aStatefulJsonServerIsProbedByHandshakeAndItsSessionIsDeleted() throws Exception {
        try (EchoServer server = EchoServer.startFromSource()) {
            McpIdentity identity = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT));

            assertThat(identity)
                    .isEqualTo(new McpIdentity("xy-echo", "1.0.0", "2025-11-25", McpEra.HANDSHAKE, List.of("echo")));
            await().until(() -> server.count("DELETE session") == 1);
            assertThat(server.output())
                    .anyMatch(line -> line.matches("echo: DELETE session \\S+ ended"))
                    .contains("echo: notification notifications/initialized", "echo: tools/list");
        }
    }

    @Test
    void aStatefulSseServerIsProbedByHandshake() throws Exception {
        try (EchoServer server = EchoServer.start("--sse")) {
            McpIdentity identity = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT));

            assertThat(identity.era()).isEqualTo(McpEra.HANDSHAKE);
            assertThat(identity.tools()).containsExactly("echo");
            await().until(() -> server.count("DELETE session") == 1);
        }
    }

    @Test
    void aStatelessServerOfThe2025KindNeedsNoDelete() throws Exception {
        for (String[] flags : List.of(new String[] {"--stateless"}, new String[] {"--stateless", "--sse"})) {
            try (EchoServer server = EchoServer.start(flags)) {
                McpIdentity identity = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT));

                assertThat(identity.era()).as(List.of(flags).toString()).isEqualTo(McpEra.HANDSHAKE);
                assertThat(identity.name()).isEqualTo("xy-echo");
                assertThat(server.output()).contains("echo: initialize (stateless)");
                assertThat(server.count("DELETE")).isZero();
            }
        }
    }

    @Test
    void aServerOfThe2026EraIsDiscoveredWithoutAHandshake() throws Exception {
        try (EchoServer server = EchoServer.start("--discover")) {
            McpIdentity identity = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT));

            assertThat(identity)
                    .isEqualTo(new McpIdentity("xy-echo", "1.0.0", "2026-07-28", McpEra.STATELESS, List.of("echo")));
            assertThat(server.output())
                    .contains("echo: server/discover (stateless 2026-07-28)", "echo: tools/list (stateless 2026-07-28)")
                    .noneMatch(line -> line.contains("initialize") || line.contains("refused"));
        }
    }

    @Test
    void aServerThatRefusesTheHandshakeIsStillReachedStatelessly() throws Exception {
        try (EchoServer server = EchoServer.start("--discover", "--reject-legacy", "--sse")) {
            McpIdentity identity = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT));

            assertThat(identity.era()).isEqualTo(McpEra.STATELESS);
            assertThat(identity.protocolVersion()).isEqualTo("2026-07-28");
        }
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheTimeout() throws Exception {
        try (EchoServer server = EchoServer.start("--mute")) {
            long start = System.nanoTime();
            String reason = failure(McpProbe.probe(server.port(), "/mcp", Duration.ofSeconds(1)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(reason).isEqualTo("initialize: timed out after 1s");
            // Bounded by the timeout: the slack is for a loaded machine, not for the probe.
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        }
    }

    @Test
    void aServerWhoseToolsListFailsIsNotHealthyAndItsSessionIsStillDeleted() throws Exception {
        try (EchoServer server = EchoServer.start("--broken-tools", "--sse")) {
            String reason = failure(McpProbe.probe(server.port(), "/mcp", TIMEOUT));

            assertThat(reason)
                    .isEqualTo("tools/list failed: tools are broken on purpose (--broken-tools) (code -32603)");
            await().until(() -> server.count("DELETE session") == 1);
        }
    }

    @Test
    void aStatelessServerWhoseToolsListFailsIsNotHealthy() throws Exception {
        try (EchoServer server = EchoServer.start("--discover", "--broken-tools")) {
            assertThat(failure(McpProbe.probe(server.port(), "/mcp", TIMEOUT)))
                    .startsWith("tools/list failed: tools are broken on purpose");
        }
    }

    @Test
    void aServerThatDiesIsFoundGone() throws Exception {
        try (EchoServer server = EchoServer.start("--die-after", "3")) {
            passed(McpProbe.probe(server.port(), "/mcp", TIMEOUT));

            await().atMost(Duration.ofSeconds(20)).until(() -> !server.process().isAlive());
            ProbeOutcome outcome = McpProbe.probe(server.port(), "/mcp", TIMEOUT);

            assertThat(failure(outcome)).isEqualTo("nothing listens on " + server.port());
            assertThat(((ProbeOutcome.Failed) outcome).nothingListens()).isTrue();
            assertThat(server.process().exitValue()).isEqualTo(3);
        }
    }

    @Test
    void aServerOnIpv6LoopbackOnlyIsFound() throws Exception {
        try (EchoServer server = EchoServer.start("--host", "::1")) {
            assertThat(identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT)).name())
                    .isEqualTo("xy-echo");
        }
    }

    @Test
    void theWrongPathIsAnHttp404() throws Exception {
        try (EchoServer server = EchoServer.start()) {
            assertThat(failure(McpProbe.probe(server.port(), "/v1/mcp", TIMEOUT)))
                    .isEqualTo("HTTP 404 at /v1/mcp");
        }
    }

    @Test
    void aFreePortIsNothingListening() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProbeOutcome outcome = McpProbe.probe(port, "/mcp", TIMEOUT);

        assertThat(outcome).isEqualTo(new ProbeOutcome.Failed("nothing listens on " + port, true));
    }

    @Test
    void periodicChecksUseWhatTheFirstProbeLearned() throws Exception {
        try (EchoServer stateless = EchoServer.start("--discover");
                EchoServer stateful = EchoServer.start("--sse")) {
            McpIdentity discovered = identity(McpProbe.probe(stateless.port(), "/mcp", TIMEOUT));
            McpIdentity handshaken = identity(McpProbe.probe(stateful.port(), "/mcp", TIMEOUT));

            assertThat(identity(McpProbe.check(stateless.port(), "/mcp", TIMEOUT, discovered)))
                    .isEqualTo(discovered);
            assertThat(identity(McpProbe.check(stateful.port(), "/mcp", TIMEOUT, handshaken)))
                    .isEqualTo(handshaken);

            // The stateless check is one tools/list: no second discovery.
            assertThat(stateless.count("server/discover")).isEqualTo(1);
            assertThat(stateless.count("tools/list")).isEqualTo(2);
            // The stateful check is a whole handshake, and leaves no session behind either.
            assertThat(stateful.count("DELETE session")).isEqualTo(2);
        }
    }

    @Test
    void aPeriodicCheckNoticesToolsListFailing() throws Exception {
        McpIdentity known = new McpIdentity("xy-echo", "1.0.0", "2025-11-25", McpEra.HANDSHAKE, List.of("echo"));
        try (EchoServer server = EchoServer.start("--broken-tools")) {
            assertThat(failure(McpProbe.check(server.port(), "/mcp", TIMEOUT, known)))
                    .startsWith("tools/list failed:");
        }
    }
}
