package dev.xy.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import dev.xy.core.ports.PortHolder;
import dev.xy.core.ports.PortHolders;
import dev.xy.core.testing.FreePorts;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The facade picks the check by mode and explains "nothing listens" with the ports the server does use. */
class ProberIT {
    private final List<Set<Long>> asked = new ArrayList<>();

    /** Says that every process tree listens on 3001 and 4000, and remembers who asked. */
    private final PortHolders elsewhere = new PortHolders() {
        @Override
        public List<PortHolder> holders(int port) {
            return List.of();
        }

        @Override
        public SortedSet<Integer> listeningPorts(Set<Long> pids) {
            asked.add(pids);
            return new TreeSet<>(List.of(3001, 4000));
        }
    };

    private static HealthConfig health(HealthMode mode) {
        return new HealthConfig(mode, "/mcp", Duration.ofSeconds(10), Duration.ofSeconds(2), 3, Duration.ofSeconds(60));
    }

    private static int deadPort() {
        return FreePorts.next();
    }

    @Test
    void modeNonePassesWithoutLooking() throws Exception {
        assertThat(new Prober(elsewhere).probe(health(HealthMode.NONE), deadPort(), Set.of(1L)))
                .isEqualTo(ProbeOutcome.passed());
        assertThat(asked).isEmpty();
    }

    @Test
    void modeTcpOnlyConnects() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            assertThat(new Prober(elsewhere).probe(health(HealthMode.TCP), socket.getLocalPort()))
                    .isEqualTo(ProbeOutcome.passed());
        }
    }

    @Test
    void modeMcpProbesAndChecksTheServer() throws Exception {
        try (EchoServer server = EchoServer.start("--discover")) {
            Prober prober = new Prober(PortHolders.forThisSystem());
            ProbeOutcome probed = prober.probe(health(HealthMode.MCP), server.port(), Set.of(server.pid()));
            McpIdentity identity = ((ProbeOutcome.Passed) probed).mcp().orElseThrow();

            assertThat(identity.era()).isEqualTo(McpEra.STATELESS);
            assertThat(prober.check(
                            health(HealthMode.MCP),
                            server.port(),
                            Set.of(server.pid()),
                            Optional.of(identity),
                            new KeptSession()))
                    .isEqualTo(probed);
            assertThat(server.count("server/discover")).isEqualTo(1);
        }
    }

    @Test
    void aServerNoLongerCheckedTheMcpWayHasItsKeptSessionEnded() throws Exception {
        try (EchoServer server = EchoServer.start()) {
            Prober prober = new Prober(elsewhere);
            KeptSession kept = new KeptSession();
            prober.check(health(HealthMode.MCP), server.port(), Set.of(), Optional.empty(), kept);

            // As after a reload that set mode "tcp".
            assertThat(prober.check(health(HealthMode.TCP), server.port(), Set.of(), Optional.empty(), kept))
                    .isEqualTo(ProbeOutcome.passed());

            assertThat(server.count("DELETE session")).isEqualTo(1);
            assertThat(kept.close()).isEmpty();
        }
    }

    @Test
    void nothingListeningNamesThePortsTheServerListensOn() throws Exception {
        int port = deadPort();

        ProbeOutcome outcome = new Prober(elsewhere).probe(health(HealthMode.TCP), port, Set.of(7L, 8L));

        assertThat(outcome)
                .isEqualTo(new ProbeOutcome.Failed(
                        "nothing listens on " + port + "; the server listens on 3001, 4000", true));
        assertThat(asked).containsExactly(Set.of(7L, 8L));
    }

    @Test
    void withoutAProcessTreeTheReasonStaysShort() throws Exception {
        int port = deadPort();

        assertThat(new Prober(elsewhere).probe(health(HealthMode.MCP), port))
                .isEqualTo(new ProbeOutcome.Failed("nothing listens on " + port, true));
        assertThat(new Prober(PortHolders.forThisSystem()).probe(health(HealthMode.MCP), port, Set.of(1L << 40)))
                .isEqualTo(new ProbeOutcome.Failed("nothing listens on " + port, true));
        assertThat(asked).isEmpty();
    }

    @Test
    void aCheckWithoutAKnownIdentityIsAFullProbe() throws Exception {
        try (EchoServer server = EchoServer.start()) {
            KeptSession kept = new KeptSession();
            ProbeOutcome checked = new Prober(elsewhere)
                    .check(health(HealthMode.MCP), server.port(), Set.of(), Optional.empty(), kept);

            assertThat(((ProbeOutcome.Passed) checked).mcp())
                    .hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("xy-echo"));
            // It is the readiness probe, whose session is kept for the checks to come.
            assertThat(server.count("DELETE")).isZero();
            kept.close().orElseThrow().run();
            assertThat(server.count("DELETE session")).isEqualTo(1);
        }
    }
}
