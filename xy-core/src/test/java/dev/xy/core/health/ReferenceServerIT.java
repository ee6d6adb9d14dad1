package dev.xy.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.ports.PortAvailability;
import dev.xy.core.ports.PortHolder;
import dev.xy.core.ports.PortHolders;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
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

        ProbeOutcome check = McpProbe.check(server.port(), "/mcp", TIMEOUT, identity);
        assertThat(check).isEqualTo(outcome);
    }

    @Test
    void probesLeaveNoSessionBehind() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(McpProbe.probe(server.port(), "/mcp", TIMEOUT).isPassed())
                    .isTrue();
        }

        await().until(() -> server.count("Session initialized with ID") >= 3
                && server.count("Transport closed for session") == server.count("Session initialized with ID"));
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
        int configured;
        try (ServerSocket socket = new ServerSocket(0)) {
            configured = socket.getLocalPort();
        }
        Prober prober = new Prober(PortHolders.forThisSystem());

        ProbeOutcome outcome = prober.probe(HealthConfig.DEFAULT, configured, Set.of(server.pid()));

        assertThat(outcome)
                .isEqualTo(new ProbeOutcome.Failed(
                        "nothing listens on " + configured + "; the server listens on " + server.port(), true));
    }
}
