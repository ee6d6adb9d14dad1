package dev.xy.core.health;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import dev.xy.core.ports.PortHolders;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * The one entry point for checking a server as its {@code health} settings say: an MCP probe, a TCP connect, or
 * nothing. Blocking, within the configured timeout: call it from an executor, never from a supervisor's own
 * thread. When nothing listens on the port, the reason names the ports the server's processes listen on
 * instead, where the OS tells ({@code nothing listens on 3012; the server listens on 3001}).
 */
public final class Prober {
    private final PortHolders holders;

    public Prober(PortHolders holders) {
        this.holders = holders;
    }

    /** The readiness probe of a server whose process tree is unknown. */
    public ProbeOutcome probe(HealthConfig health, int port) {
        return probe(health, port, Set.of());
    }

    /**
     * The readiness probe: everything the server says about itself.
     *
     * @param processTree the pids of the server's process tree, to say where it listens when not on its port
     */
    public ProbeOutcome probe(HealthConfig health, int port, Set<Long> processTree) {
        return explained(
                switch (health.mode()) {
                    case NONE -> ProbeOutcome.passed();
                    case TCP -> TcpProbe.probe(port, health.timeout());
                    case MCP -> McpProbe.probe(port, health.path(), health.timeout());
                },
                port,
                processTree);
    }

    /**
     * The check of one server process, while it starts and once it runs: the readiness probe until its identity
     * is known, then the cheapest check that still means something (see {@link McpProbe#check}).
     *
     * @param kept the process's own: where a handshake's session is kept between its checks
     */
    public ProbeOutcome check(
            HealthConfig health, int port, Set<Long> processTree, Optional<McpIdentity> known, KeptSession kept) {
        if (health.mode() != HealthMode.MCP) {
            // A reload may have changed the mode of a running server: a session kept from before is of no use.
            McpProbe.endKept(kept, health.timeout());
            return probe(health, port, processTree);
        }
        ProbeOutcome outcome = known.isPresent()
                ? McpProbe.check(port, health.path(), health.timeout(), known.get(), kept)
                : McpProbe.probe(port, health.path(), health.timeout(), kept);
        return explained(outcome, port, processTree);
    }

    private ProbeOutcome explained(ProbeOutcome outcome, int port, Set<Long> processTree) {
        if (!(outcome instanceof ProbeOutcome.Failed failed) || !failed.nothingListens() || processTree.isEmpty()) {
            return outcome;
        }
        SortedSet<Integer> elsewhere = holders.listeningPorts(processTree);
        elsewhere.remove(port);
        if (elsewhere.isEmpty()) {
            return outcome;
        }
        String ports = elsewhere.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new ProbeOutcome.Failed(failed.reason() + "; the server listens on " + ports, true);
    }
}
