package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.daemon.XyPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xy client-config} before any daemon runs: the URLs come from the configs themselves. */
class ClientConfigWithoutDaemonTest {
    @TempDir
    Path home;

    private XyPaths paths;

    @BeforeEach
    void setUp() throws Exception {
        paths = NoDaemon.pathsIn(home);
        Files.createDirectories(paths.configDir());
        Files.writeString(paths.configDir().resolve("echo.kdl"), "command \"echo-server\"\nport 3101\n");
        Files.writeString(
                paths.configDir().resolve("docs.kdl"),
                "command \"docs-server\"\nport 3102\nhealth {\n    path \"/rpc\"\n}\n");
    }

    private CapturedRun run(String... args) {
        return CapturedRun.of(Main.commandLine(paths, args), args);
    }

    @Test
    void printsEveryServersUrlFromItsConfigAndSaysWhereItLooked() {
        CapturedRun result = run("client-config", "--client", "cursor");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("\"echo\"", "\"url\" : \"http://localhost:3101/mcp\"")
                .contains("\"docs\"", "\"url\" : \"http://localhost:3102/rpc\"");
        assertThat(result.err())
                .isEqualTo("xy: no daemon is running: read from the configs in " + paths.configDir()
                        + System.lineSeparator());
    }

    @Test
    void namesPickServersAndAnUnknownOneIsAnError() {
        CapturedRun one = run("client-config", "--client", "claude-code", "docs");
        assertThat(one.exit()).isZero();
        assertThat(one.out()).isEqualTo("claude mcp add --transport http docs http://localhost:3102/rpc\n");

        CapturedRun unknown = run("client-config", "nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no server named nope");
    }

    @Test
    void anInvalidConfigIsReportedAndTheOthersStillPrintedWithExitThree() throws Exception {
        Files.writeString(paths.configDir().resolve("broken.kdl"), "comand \"x\"\nport 3103\n");

        CapturedRun result = run("client-config", "--client", "claude-code");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.out()).contains("docs http://localhost:3102/rpc", "echo http://localhost:3101/mcp");
        assertThat(result.err()).contains("broken.kdl:1:1: unknown node `comand`; did you mean `command`?");

        CapturedRun named = run("client-config", "--client", "claude-code", "broken", "docs");
        assertThat(named.exit()).as("an invalid config, not an unknown server").isEqualTo(3);
        assertThat(named.out()).isEqualTo("claude mcp add --transport http docs http://localhost:3102/rpc\n");
        assertThat(named.err()).contains("broken.kdl:1:1").doesNotContain("no server named");
    }
}
