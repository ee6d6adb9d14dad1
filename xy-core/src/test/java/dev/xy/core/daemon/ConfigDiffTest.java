package dev.xy.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import dev.xy.core.config.LogConfig;
import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.config.StopConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
    private static ServerConfig server(String name, String command, int port, Duration grace) {
        return new ServerConfig(
                name,
                Path.of("/c/" + name + ".kdl"),
                command,
                List.of(),
                port,
                Map.of(),
                Optional.empty(),
                true,
                RestartConfig.DEFAULT,
                new StopConfig(grace),
                LogConfig.DEFAULT,
                HealthConfig.DEFAULT);
    }

    @Test
    void sortsEveryServerIntoExactlyOneKind() {
        List<ServerConfig> before = List.of(
                server("keep", "a", 1, Duration.ofSeconds(1)),
                server("drop", "a", 2, Duration.ofSeconds(1)),
                server("tweak", "a", 3, Duration.ofSeconds(1)),
                server("swap", "a", 4, Duration.ofSeconds(1)));
        List<ServerConfig> after = List.of(
                server("keep", "a", 1, Duration.ofSeconds(1)),
                server("tweak", "a", 3, Duration.ofSeconds(9)),
                server("swap", "b", 4, Duration.ofSeconds(1)),
                server("new", "a", 5, Duration.ofSeconds(1)));

        ConfigDiff diff = ConfigDiff.between(before, after);

        assertThat(diff.added()).extracting(ServerConfig::name).containsExactly("new");
        assertThat(diff.removed()).containsExactly("drop");
        assertThat(diff.changed()).extracting(ServerConfig::name).containsExactly("tweak", "swap");
        assertThat(diff.unchanged()).containsExactly("keep");
        assertThat(before.get(2).processDiffers(after.get(1))).isFalse();
        assertThat(before.get(3).processDiffers(after.get(2))).isTrue();
    }

    @Test
    void aHealthChangeIsAChangeThatAppliesInPlace() {
        ServerConfig before = server("alpha", "a", 1, Duration.ofSeconds(1));
        HealthConfig tcp = new HealthConfig(
                HealthMode.TCP, "/other", Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofSeconds(5));
        ServerConfig after = new ServerConfig(
                before.name(),
                before.file(),
                before.command(),
                before.args(),
                before.port(),
                before.env(),
                before.workingDir(),
                before.autostart(),
                before.restart(),
                before.stop(),
                before.logs(),
                tcp);

        assertThat(ConfigDiff.between(List.of(before), List.of(after)).changed())
                .containsExactly(after);
        assertThat(before.processDiffers(after)).isFalse();
    }
}
