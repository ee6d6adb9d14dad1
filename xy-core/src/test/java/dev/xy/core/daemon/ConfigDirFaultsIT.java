package dev.xy.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import dev.xy.core.testing.HostedEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The config directory goes away or cannot be read under a running daemon: a reload says so, naming the
 * directory and what is wrong, and changes nothing. A vanished directory is not "no servers": it would stop every
 * server because a disk was not mounted yet or a dotfiles tool was relinking.
 */
class ConfigDirFaultsIT {
    /** How the directory is lost. */
    enum Loss {
        DELETED("does not exist"),
        REPLACED_BY_A_FILE("is a file, not a directory"),
        UNDER_A_FILE("is not a directory: "),
        /**
         * chmod 000. Root reads through modes, so when the tests run as root (as they may in a container) the
         * directory is replaced by a symbolic link to itself instead, which no one can read.
         */
        UNREADABLE("cannot be read");

        final String says;

        Loss(String says) {
            this.says = says;
        }
    }

    @TempDir
    Path dir;

    private HostedEngine hosted;
    private XyPaths paths;
    private Engine engine;
    private Path chmodded;

    @BeforeEach
    void setUp() throws IOException {
        hosted = HostedEngine.in(dir);
        paths = hosted.paths();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (chmodded != null) {
            Files.setPosixFilePermissions(chmodded, PosixFilePermissions.fromString("rwx------"));
        }
        hosted.close();
    }

    private void server(String name) throws IOException {
        hosted.shellServer(name, "exec sleep 1000", "");
    }

    private void serve() throws IOException {
        engine = hosted.serve(Wire.Host.APP);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(engine.list())
                .as("daemon log: %s", hosted.daemonLog())
                .allSatisfy(s -> assertThat(s.state()).isEqualTo(ServerState.RUNNING)));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Makes the config directory unusable, as {@code loss} says. */
    private void lose(Loss loss) throws IOException {
        Path configs = paths.configDir();
        Path moved = dir.resolve("moved-away");
        switch (loss) {
            case DELETED -> deleteTree(configs);
            case REPLACED_BY_A_FILE -> {
                Files.move(configs, moved);
                Files.writeString(configs, "not a directory\n");
            }
            case UNDER_A_FILE -> {
                Files.move(configs.getParent(), moved);
                Files.writeString(configs.getParent(), "not a directory\n");
            }
            case UNREADABLE -> {
                Files.setPosixFilePermissions(configs, PosixFilePermissions.fromString("---------"));
                chmodded = configs;
                if (Files.isReadable(configs)) {
                    Files.setPosixFilePermissions(configs, PosixFilePermissions.fromString("rwx------"));
                    chmodded = null;
                    Files.move(configs, moved);
                    Files.createSymbolicLink(configs, configs.getFileName());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void aReloadRefusesALostConfigDirectoryNamingItAndTheServersGoOn(Loss loss) throws Exception {
        server("alpha");
        server("beta");
        serve();
        long alpha = engine.status("alpha").pid();
        long beta = engine.status("beta").pid();

        lose(loss);

        assertThatThrownBy(engine::reload).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.CONFIG_INVALID);
            assertThat(e.getMessage())
                    .startsWith("the config directory " + paths.configDir() + " " + loss.says)
                    .endsWith("; nothing changed: the servers run on as they were");
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(paths.configDir().toString());
                assertThat(p.message()).contains(loss.says);
            });
        });
        assertThat(engine.list()).extracting(Wire.ServerSummary::name).containsExactly("alpha", "beta");
        assertThat(engine.status("alpha").pid()).isEqualTo(alpha);
        assertThat(engine.status("beta").pid()).isEqualTo(beta);
        assertThat(engine.status("alpha").state()).isEqualTo(ServerState.RUNNING);
    }

    @Test
    void anEmptyConfigDirectoryRemovesEveryServer() throws Exception {
        server("alpha");
        serve();

        Files.delete(paths.configDir().resolve("alpha.kdl"));
        Wire.ReloadResult result = engine.reload();

        assertThat(result.removed()).containsExactly("alpha");
        assertThat(engine.list()).isEmpty();
    }

    @Test
    void aConfigDirectoryThatComesBackIsReloadedAsUsual() throws Exception {
        server("alpha");
        serve();
        long alpha = engine.status("alpha").pid();
        Path moved = dir.resolve("moved-away");
        Files.move(paths.configDir(), moved);
        assertThatThrownBy(engine::reload).isInstanceOf(RpcException.class);

        Files.move(moved, paths.configDir());
        server("beta");
        Wire.ReloadResult result = engine.reload();

        assertThat(result.added()).containsExactly("beta");
        assertThat(result.unchanged()).containsExactly("alpha");
        assertThat(engine.status("alpha").pid()).isEqualTo(alpha);
    }
}
