package dev.xy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.config.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example configs are documentation: they must stay valid. */
class ExampleConfigsTest {
    @Test
    void theQuickStartConfigsAreValidAndRunTheEchoServer() {
        ConfigSet examples = ConfigLoader.loadDirectory(Path.of("servers"));
        assertThat(examples.problems()).isEmpty();
        assertThat(examples.servers()).extracting(ServerConfig::name).containsExactlyInAnyOrder("echo", "echo-two");
        assertThat(examples.servers())
                .allSatisfy(s -> assertThat(s.workingDir().orElseThrow().resolve("EchoMcpServer.java"))
                        .exists());
    }

    @Test
    void theNpmExamplesAreValidAndDoNotAutostart() {
        ConfigSet examples = ConfigLoader.loadDirectory(Path.of("more"));
        assertThat(examples.problems()).isEmpty();
        assertThat(examples.servers()).extracting(ServerConfig::name).containsExactly("context7", "everything");
        assertThat(examples.servers()).noneMatch(ServerConfig::autostart);
    }
}
