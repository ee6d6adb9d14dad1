package dev.xy.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import dev.xy.core.health.ReadinessDecision.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadinessDecisionTest {
    private static final McpIdentity ECHO =
            new McpIdentity("xy-echo", "1.0.0", "2025-11-25", McpEra.HANDSHAKE, List.of("echo"));

    private static HealthConfig health(HealthMode mode, int failures) {
        return new HealthConfig(
                mode, "/mcp", Duration.ofSeconds(10), Duration.ofSeconds(2), failures, Duration.ofSeconds(60));
    }

    private static ProbeOutcome outcome(String text) {
        return switch (text) {
            case "pass" -> ProbeOutcome.passed(ECHO);
            case "pass-tcp" -> ProbeOutcome.passed();
            default -> new ProbeOutcome.Failed(text, text.startsWith("nothing listens"));
        };
    }

    private static String describe(ReadinessDecision decision) {
        if (decision instanceof ReadinessDecision.Ready ready) {
            return "Ready" + ready.mcp().map(m -> " " + m.name()).orElse("");
        }
        if (decision instanceof ReadinessDecision.KeepWaiting waiting) {
            return "KeepWaiting: " + waiting.reason();
        }
        if (decision instanceof ReadinessDecision.Degraded degraded) {
            return "Degraded " + degraded.consecutiveFailures() + ": " + degraded.reason();
        }
        if (decision instanceof ReadinessDecision.Unhealthy unhealthy) {
            return "Unhealthy: " + unhealthy.reason();
        }
        return "NotReadyInTime: " + ((ReadinessDecision.NotReadyInTime) decision).reason();
    }

    @ParameterizedTest(name = "{0} {1} after {2}s, {3} failed before, {4} -> {6}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Starting: any pass is ready; failures wait until start-timeout, then give up.
                "MCP  | STARTING | 0  | 0 | pass                   | 3 | Ready xy-echo",
                "MCP  | STARTING | 1  | 0 | nothing listens on 3012 | 3 | KeepWaiting: nothing listens on 3012",
                "MCP  | STARTING | 59 | 0 | initialize: timed out after 2s | 3 | KeepWaiting: initialize: timed out after 2s",
                "MCP  | STARTING | 60 | 0 | nothing listens on 3012 | 3 | NotReadyInTime: not ready within 1m: nothing listens on 3012",
                "MCP  | STARTING | 61 | 0 | pass                   | 3 | Ready xy-echo",
                "TCP  | STARTING | 0  | 0 | pass-tcp               | 3 | Ready",
                "TCP  | STARTING | 90 | 0 | nothing listens on 3012 | 3 | NotReadyInTime: not ready within 1m: nothing listens on 3012",
                // Running: failures count up to `failures` in a row; a pass forgets them.
                "MCP  | RUNNING  | 500 | 0 | tools/list failed: boom | 3 | Degraded 1: tools/list failed: boom",
                "MCP  | RUNNING  | 500 | 1 | tools/list failed: boom | 3 | Degraded 2: tools/list failed: boom",
                "MCP  | RUNNING  | 500 | 2 | tools/list failed: boom | 3 | Unhealthy: health check failed 3 times in a row: tools/list failed: boom",
                "MCP  | RUNNING  | 500 | 2 | pass                   | 3 | Ready xy-echo",
                "MCP  | RUNNING  | 500 | 0 | HTTP 404 at /mcp        | 1 | Unhealthy: health check failed once: HTTP 404 at /mcp",
                "TCP  | RUNNING  | 500 | 4 | nothing listens on 3012 | 5 | Unhealthy: health check failed 5 times in a row: nothing listens on 3012",
                // None: ready at spawn, whatever a probe (if anyone ran one) says.
                "NONE | STARTING | 0  | 0 | nothing listens on 3012 | 3 | Ready",
                "NONE | RUNNING  | 500 | 9 | nothing listens on 3012 | 3 | Ready",
            })
    void decidesByModePhaseTimeAndFailures(
            HealthMode mode, Phase phase, long seconds, int before, String latest, int failures, String expected) {
        ReadinessDecision decision = ReadinessDecision.decide(
                health(mode, failures), phase, Duration.ofSeconds(seconds), before, outcome(latest));

        assertThat(describe(decision)).isEqualTo(expected);
    }

    @Test
    void onlyModeNoneIsReadyAtSpawn() {
        assertThat(ReadinessDecision.readyAtSpawn(health(HealthMode.NONE, 3))).isTrue();
        assertThat(ReadinessDecision.readyAtSpawn(health(HealthMode.TCP, 3))).isFalse();
        assertThat(ReadinessDecision.readyAtSpawn(health(HealthMode.MCP, 3))).isFalse();
    }

    @Test
    void readyCarriesWhatTheServerSaidAboutItself() {
        ReadinessDecision decision = ReadinessDecision.decide(
                HealthConfig.DEFAULT, Phase.STARTING, Duration.ZERO, 0, ProbeOutcome.passed(ECHO));

        assertThat(decision).isEqualTo(new ReadinessDecision.Ready(Optional.of(ECHO)));
    }
}
