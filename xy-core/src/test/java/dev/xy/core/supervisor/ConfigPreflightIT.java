package dev.xy.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.config.ConfigSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What validation predicts about a start is what a real start then does, word for word. */
class ConfigPreflightIT {
    @TempDir
    Path dir;

    private String validateThenStart(String name, String kdl) throws Exception {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Files.writeString(configs.resolve(name + ".kdl"), kdl);
        ConfigSet set = ConfigLoader.loadDirectory(configs);
        assertThat(set.problems()).isEmpty();

        List<ConfigProblem> predicted = ConfigPreflight.problems(set.servers(), dir, System.getenv());

        ExecutorScheduler scheduler = new ExecutorScheduler("xy-test-preflight");
        ServerSupervisor supervisor = new ServerSupervisor(
                set.servers().get(0), scheduler, new OsProcessLauncher(dir), TestServers.hub(dir, name));
        try {
            assertThat(supervisor.start().get(10, TimeUnit.SECONDS)).isEqualTo(StartOutcome.SPAWN_FAILED);
            assertThat(predicted).hasSize(1);
            assertThat(supervisor.lastSpawnFailure().orElseThrow().getMessage())
                    .isEqualTo(predicted.get(0).message());
            return predicted.get(0).headline();
        } finally {
            supervisor.shutdown().get(10, TimeUnit.SECONDS);
            supervisor.logs().close();
            scheduler.close();
        }
    }

    @Test
    void aMissingWorkingDirectoryIsPredictedAtItsNode() throws Exception {
        String headline = validateThenStart("alpha", "command \"/bin/sh\"\nport 3001\nworking-dir \"gone\"\n");
        assertThat(headline)
                .startsWith(dir.resolve("configs/alpha.kdl") + ":3:13: working directory " + dir.resolve("configs/gone")
                        + " does not exist");
    }

    @Test
    void aCommandNotOnThePathIsPredictedAtItsNode() throws Exception {
        String headline = validateThenStart("alpha", "port 3001\n\ncommand   \"no-such-xy-command\"\n");
        assertThat(headline)
                .startsWith(dir.resolve("configs/alpha.kdl") + ":3:11: command `no-such-xy-command` not found on PATH");
    }

    @Test
    void aRelativeCommandThatIsNotExecutableIsPredicted() throws Exception {
        Files.writeString(dir.resolve("server.sh"), "#!/bin/sh\n"); // not executable
        String headline = validateThenStart("alpha", "command \"./server.sh\"\nport 3001\n");
        assertThat(headline)
                .endsWith("command `./server.sh` (relative to the working directory " + dir
                        + ") is not an executable file");
    }

    @Test
    void whatStartsIsNotAProblem() throws Exception {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Files.writeString(configs.resolve("alpha.kdl"), "command \"sh\"\nport 3001\nworking-dir \".\"\n");
        Files.writeString(configs.resolve("beta.kdl"), "command \"/bin/sh\"\nport 3002\n");
        ConfigSet set = ConfigLoader.loadDirectory(configs);

        assertThat(ConfigPreflight.problems(set.servers(), dir, Map.of("PATH", "/usr/bin:/bin")))
                .isEmpty();
    }
}
