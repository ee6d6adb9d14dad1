package dev.xy.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.FreePorts;
import java.io.IOException;
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

    /** The ids of the sessions the server opened, in order. */
    private static List<String> sessionsOpened(EchoServer server) {
        String opened = "echo: initialize -> session ";
        return server.output().stream()
                .filter(line -> line.startsWith(opened))
                .map(line -> line.substring(opened.length()))
                .toList();
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
        int port = FreePorts.next();
        ProbeOutcome outcome = McpProbe.probe(port, "/mcp", TIMEOUT);

        assertThat(outcome).isEqualTo(new ProbeOutcome.Failed("nothing listens on " + port, true));
    }

    @Test
    void periodicChecksUseWhatTheFirstProbeLearned() throws Exception {
        try (EchoServer stateless = EchoServer.start("--discover");
                EchoServer stateful = EchoServer.start("--sse")) {
            KeptSession none = new KeptSession();
            KeptSession kept = new KeptSession();
            McpIdentity discovered = identity(McpProbe.probe(stateless.port(), "/mcp", TIMEOUT, none));
            McpIdentity handshaken = identity(McpProbe.probe(stateful.port(), "/mcp", TIMEOUT, kept));

            assertThat(identity(McpProbe.check(stateless.port(), "/mcp", TIMEOUT, discovered, none)))
                    .isEqualTo(discovered);
            assertThat(identity(McpProbe.check(stateful.port(), "/mcp", TIMEOUT, handshaken, kept)))
                    .isEqualTo(handshaken);

            // The stateless check is one tools/list: no second discovery, and no session to keep.
            assertThat(stateless.count("server/discover")).isEqualTo(1);
            assertThat(stateless.count("tools/list")).isEqualTo(2);
            assertThat(none.close()).isEmpty();
            // The stateful check is one tools/list too, on the session the readiness probe opened.
            assertThat(stateful.count("initialize")).isEqualTo(1);
            assertThat(stateful.count("tools/list")).isEqualTo(2);
            assertThat(stateful.count("DELETE")).isZero();
            kept.close().orElseThrow().run();
        }
    }

    @Test
    void checksOfAHandshakeServerAreOneToolsListEachOnOneSessionThatIsDeletedOnClose() throws Exception {
        for (String[] flags : List.of(new String[0], new String[] {"--sse"})) {
            try (EchoServer server = EchoServer.start(flags)) {
                KeptSession kept = new KeptSession();
                McpIdentity ready = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept));

                for (int i = 0; i < 10; i++) {
                    assertThat(identity(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept)))
                            .isEqualTo(ready);
                }

                assertThat(server.count("initialize"))
                        .as(List.of(flags).toString())
                        .isEqualTo(1);
                assertThat(server.count("notification")).isEqualTo(1);
                assertThat(server.count("tools/list")).isEqualTo(11);
                assertThat(server.count("DELETE")).isZero();
                assertThat(server.count("tools/list refused")).isZero();

                kept.close().orElseThrow().run();
                assertThat(server.output()).anyMatch(line -> line.matches("echo: DELETE session \\S+ ended"));
                // Closed, it keeps nothing: a check is then the whole handshake, its session ended at once.
                assertThat(identity(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept)))
                        .isEqualTo(ready);
                assertThat(server.count("initialize")).isEqualTo(2);
                await().until(() -> server.count("DELETE session") == 2);
                assertThat(kept.close()).isEmpty();
            }
        }
    }

    @Test
    void anExpiredSessionIsReplacedByANewHandshakeWithinOneCheck() throws Exception {
        try (EchoServer server = EchoServer.start("--session-ttl", "1")) {
            KeptSession kept = new KeptSession();
            McpIdentity ready = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.count("session ") == 1);

            assertThat(identity(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept)))
                    .isEqualTo(ready);

            // Refused with the spec's 404, so not DELETEd: a new handshake, and its tools/list, in the same check.
            List<String> sessions = sessionsOpened(server);
            assertThat(sessions).hasSize(2);
            assertThat(server.output())
                    .containsSubsequence(
                            "echo: session " + sessions.get(0) + " expired after 1s unused (--session-ttl)",
                            "echo: tools/list refused: unknown session " + sessions.get(0),
                            "echo: initialize -> session " + sessions.get(1),
                            "echo: notification notifications/initialized",
                            "echo: tools/list");
            assertThat(server.count("DELETE")).isZero();
            // The next check is one tools/list on the new session.
            passed(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept));
            assertThat(server.count("initialize")).isEqualTo(2);
            assertThat(server.count("tools/list")).isEqualTo(4);
            kept.close().orElseThrow().run();
            assertThat(server.count("DELETE session")).isEqualTo(1);
        }
    }

    @Test
    void aServerWhoseToolsListStartsFailingFailsTheCheckAndKeepsItsSession() throws Exception {
        try (EchoServer server = EchoServer.start("--broken-tools-after", "1", "--sse")) {
            KeptSession kept = new KeptSession();
            McpIdentity ready = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept));

            assertThat(failure(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept)))
                    .isEqualTo("tools/list failed: tools are broken on purpose (--broken-tools-after 1) (code -32603)");
            assertThat(failure(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept)))
                    .startsWith("tools/list failed:");

            // A JSON-RPC error is the method failing on a session the server knows: no new handshake for it.
            assertThat(server.count("initialize")).isEqualTo(1);
            assertThat(server.count("tools/list")).isEqualTo(3);
            kept.close().orElseThrow().run();
            assertThat(server.count("DELETE session")).isEqualTo(1);
        }
    }

    @Test
    void aSessionIsEndedAfterItsLastUseAndTheNextCheckOpensAnother() throws Exception {
        try (EchoServer server = EchoServer.start()) {
            KeptSession kept = new KeptSession();
            McpIdentity ready = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept));

            for (int i = 1; i <= KeptSession.MAX_USES + 1; i++) {
                passed(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept));
                long opened = server.count("initialize");
                long ended = server.count("DELETE session");
                // Never two at once: the worn-out session is ended before the next check opens another.
                assertThat(opened - ended)
                        .as("open sessions after check %d", i)
                        .isEqualTo(i == KeptSession.MAX_USES ? 0 : 1);
                assertThat(ended).as("sessions ended after check %d", i).isEqualTo(i < KeptSession.MAX_USES ? 0 : 1);
            }

            assertThat(server.count("initialize")).isEqualTo(2);
            kept.close().orElseThrow().run();
            assertThat(server.count("DELETE session")).isEqualTo(2);
        }
    }

    @Test
    void aServerWithoutSessionsIsCheckedWithOneToolsList() throws Exception {
        try (EchoServer server = EchoServer.start("--stateless")) {
            KeptSession kept = new KeptSession();
            McpIdentity ready = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept));

            for (int i = 0; i < 3; i++) {
                passed(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept));
            }

            assertThat(server.count("initialize")).isEqualTo(1);
            assertThat(server.count("tools/list")).isEqualTo(4);
            assertThat(kept.close()).as("nothing for the server to end").isEmpty();
        }
    }

    @Test
    void aSessionKeptForAnotherPathIsEndedAndTheCheckIsAHandshakeAtTheNewOne() throws Exception {
        try (EchoServer server = EchoServer.start()) {
            KeptSession kept = new KeptSession();
            McpIdentity ready = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept));

            assertThat(failure(McpProbe.check(server.port(), "/v1/mcp", TIMEOUT, ready, kept)))
                    .isEqualTo("HTTP 404 at /v1/mcp");

            assertThat(server.count("DELETE session")).isEqualTo(1);
            assertThat(kept.close()).isEmpty();
        }
    }

    @Test
    void aPeriodicCheckNoticesToolsListFailing() throws Exception {
        McpIdentity known = new McpIdentity("xy-echo", "1.0.0", "2025-11-25", McpEra.HANDSHAKE, List.of("echo"));
        try (EchoServer server = EchoServer.start("--broken-tools")) {
            KeptSession kept = new KeptSession();
            assertThat(failure(McpProbe.check(server.port(), "/mcp", TIMEOUT, known, kept)))
                    .startsWith("tools/list failed:");
            // Without a kept session the check was a handshake, whose session is not kept when it fails.
            assertThat(server.count("DELETE session")).isEqualTo(1);
            assertThat(kept.close()).isEmpty();
        }
    }
}
