package dev.xy.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.ports.PortAvailability;
import dev.xy.core.ports.PortHolder;
import dev.xy.core.ports.PortHolders;
import dev.xy.core.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe and the port tools against a real third-party server: the reference "everything" server from npm
 * (stateful, answers over SSE, 2025-11-25 only).
 */
class ReferenceServerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String POST = "Received MCP POST request";
    private static final String OPENED = "Session initialized with ID: ";
    private static final String ENDED = "Transport closed for session ";

    @TempDir
    static Path dir;

    private static ReferenceServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ReferenceServer.start(dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void itIsReadyWithItsRealNameVersionAndTools() throws Exception {
        ProbeOutcome outcome = McpProbe.probe(server.port(), "/mcp", TIMEOUT);

        assertThat(outcome).isInstanceOf(ProbeOutcome.Passed.class);
        McpIdentity identity = ((ProbeOutcome.Passed) outcome).mcp().orElseThrow();
        assertThat(identity.name()).isEqualTo("mcp-servers/everything");
        assertThat(identity.version()).isEqualTo("2.0.0");
        assertThat(identity.protocolVersion()).isEqualTo("2025-11-25");
        assertThat(identity.era()).isEqualTo(McpEra.HANDSHAKE);
        // 12 tools at initialize, and simulate-research-query registered on notifications/initialized: 13 shows
        // the probe sent that notification before tools/list, as a client must.
        assertThat(identity.tools()).hasSize(13).contains("echo", "get-sum", "simulate-research-query");

        KeptSession kept = new KeptSession();
        ProbeOutcome check = McpProbe.check(server.port(), "/mcp", TIMEOUT, identity, kept);
        assertThat(check).isEqualTo(outcome);
        kept.close().orElseThrow().run();
    }

    @Test
    void aKeptSessionMakesEachCheckOneRequestAndOneLineOfItsLog() throws Exception {
        KeptSession kept = new KeptSession();
        McpIdentity ready = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept));
        long lines = server.log().size();
        long posts = server.count(POST);
        long opened = server.count(OPENED);

        for (int i = 0; i < 10; i++) {
            assertThat(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept))
                    .isEqualTo(ProbeOutcome.passed(ready));
        }

        assertThat(server.count(POST) - posts).isEqualTo(10);
        assertThat(server.log().size() - lines).as("lines the server logged").isEqualTo(10);
        assertThat(server.count(OPENED)).isEqualTo(opened);

        // What a check cost before sessions were kept: the whole handshake and a DELETE, six lines of log.
        long before = server.log().size();
        for (int i = 0; i < 10; i++) {
            McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, KeptSession.none());
        }
        await().until(() -> server.log().size() - before >= 60);
        assertThat(server.log().size() - before).isEqualTo(60);

        kept.close().orElseThrow().run();
        await().until(() -> server.count(ENDED) == server.count(OPENED));
    }

    @Test
    void aSessionTheServerNoLongerKnowsIsReplacedWithinOneCheck() throws Exception {
        KeptSession kept = new KeptSession();
        McpIdentity ready = identity(McpProbe.probe(server.port(), "/mcp", TIMEOUT, kept));
        String id = lastSessionOpened();
        // Ended behind the probe's back; the reference server then answers 400 "No valid session ID provided",
        // not the specification's 404.
        new ProbeSession(server.port(), "/mcp", Optional.of(id), "2025-11-25", 0).end(Deadline.after(TIMEOUT));
        await().until(() -> server.count(ENDED + id) == 1);

        assertThat(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept)).isEqualTo(ProbeOutcome.passed(ready));

        String replacement = lastSessionOpened();
        assertThat(replacement).isNotEqualTo(id);
        long posts = server.count(POST);
        assertThat(McpProbe.check(server.port(), "/mcp", TIMEOUT, ready, kept)).isEqualTo(ProbeOutcome.passed(ready));
        assertThat(server.count(POST) - posts).as("the next check: one request").isEqualTo(1);
        assertThat(lastSessionOpened()).isEqualTo(replacement);

        kept.close().orElseThrow().run();
        await().until(() -> server.count(ENDED + replacement) == 1);
    }

    private static McpIdentity identity(ProbeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ProbeOutcome.Passed.class);
        return ((ProbeOutcome.Passed) outcome).mcp().orElseThrow();
    }

    private static String lastSessionOpened() throws IOException {
        List<String> opened = server.log().stream()
                .filter(line -> line.startsWith(OPENED))
                .map(line -> line.substring(OPENED.length()).trim())
                .toList();
        return opened.get(opened.size() - 1);
    }

    @Test
    void probesLeaveNoSessionBehind() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(McpProbe.probe(server.port(), "/mcp", TIMEOUT).isPassed())
                    .isTrue();
        }

        await().until(() -> server.count(OPENED) >= 3 && server.count(ENDED) == server.count(OPENED));
    }

    @Test
    void itsPortIsNamedAsHeldByNode() throws Exception {
        PortHolders holders = PortHolders.forThisSystem();

        assertThat(holders.holders(server.port())).extracting(PortHolder::pid).containsExactly(server.pid());
        assertThat(holders.holders(server.port()).get(0).command())
                .isEqualTo("node …/server-everything/dist/index.js streamableHttp");
        assertThat(new PortAvailability(holders).conflict(server.port()))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("port " + server.port() + " is in use on ")
                        .contains("by pid " + server.pid() + " (", "streamableHttp)"));
    }

    @Test
    void aServerListeningElsewhereIsToldWhere() throws Exception {
        int configured = FreePorts.next();
        Prober prober = new Prober(PortHolders.forThisSystem());

        ProbeOutcome outcome = prober.probe(HealthConfig.DEFAULT, configured, Set.of(server.pid()));

        assertThat(outcome)
                .isEqualTo(new ProbeOutcome.Failed(
                        "nothing listens on " + configured + "; the server listens on " + server.port(), true));
    }
}
