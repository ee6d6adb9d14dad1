package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import dev.xy.core.testing.RealXy.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real daemon whose config directory disappears: SIGHUP and {@code xy reload} refuse, and the servers go on. */
class ConfigDirFaultsIT {
    private RealXy xy;

    @BeforeEach
    void setUp() throws Exception {
        xy = new RealXy("xyit");
    }

    @AfterEach
    void tearDown() throws Exception {
        xy.close();
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void aVanishedConfigDirectoryIsRefusedBySighupAndReloadAndTheServersGoOn() throws Exception {
        xy.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        Process daemon = xy.startDaemon();
        long alpha = xy.server("alpha").path("pid").asLong();

        deleteTree(xy.configDir);
        new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor();

        String refused = "reload refused: the config directory " + xy.configDir
                + " does not exist; nothing changed: the servers run on as they were";
        await().atMost(Duration.ofSeconds(30)).until(() -> xy.daemonLog().contains(refused));
        Run reload = xy.xy("reload");
        assertThat(reload.exit()).isEqualTo(3);
        assertThat(reload.err())
                .contains("xy: the config directory " + xy.configDir + " does not exist; nothing changed");
        assertThat(daemon.isAlive()).isTrue();
        assertThat(xy.state("alpha")).isEqualTo("running");
        assertThat(xy.server("alpha").path("pid").asLong()).isEqualTo(alpha);
    }
}
