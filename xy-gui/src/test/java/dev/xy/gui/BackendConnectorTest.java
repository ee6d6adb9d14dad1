package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendConnectorTest {
    @TempDir
    Path dir;

    @Test
    void filesWithProblemsContributeNoServerAndTheOthersAreHosted() throws IOException {
        Files.writeString(dir.resolve("good.kdl"), "command \"/bin/true\"\nport 41001\n");
        Files.writeString(dir.resolve("typo.kdl"), "command \"/bin/true\"\nport 41002\nautostart yes\n");
        Files.writeString(dir.resolve("one.kdl"), "command \"/bin/true\"\nport 41003\n");
        Files.writeString(dir.resolve("two.kdl"), "command \"/bin/true\"\nport 41003\n");
        ConfigSet loaded = ConfigLoader.loadDirectory(dir);

        ConfigSet hosted = BackendConnector.hostable(loaded);

        assertThat(loaded.problems()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(hosted.servers()).extracting(ServerConfig::name).containsExactly("good");
        assertThat(hosted.isValid()).isTrue();
    }
}
