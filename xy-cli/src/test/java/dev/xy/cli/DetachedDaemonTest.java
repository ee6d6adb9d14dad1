package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The waiting and reporting of {@link DetachedDaemon}, with real processes that are not daemons. */
class DetachedDaemonTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private XyPaths paths() {
        return XyPaths.from(
                Map.of("XDG_STATE_HOME", home.resolve("state").toString(), "XDG_RUNTIME_DIR", home.toString()), home);
    }

    private int start(String script, Duration timeout) throws Exception {
        // "sh -c SCRIPT sh daemon": the launch's trailing "daemon" becomes $1 of the script.
        DaemonLaunch launch = new DaemonLaunch(Path.of("/bin/sh"), List.of("-c", script, "sh"));
        return new DetachedDaemon(paths(), Optional.empty(), launch, timeout)
                .start(new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aChildThatNeverAnswersIsReportedAfterTheTimeoutAndLeftRunning() throws Exception {
        int exit = start("echo \"warming up as $1\"; exec sleep 60", Duration.ofMillis(500));

        assertThat(exit).isEqualTo(ExitCodes.OPERATIONAL_ERROR);
        Matcher pid = Pattern.compile("kill (\\d+)").matcher(err.toString());
        assertThat(pid.find()).as(err.toString()).isTrue();
        ProcessHandle child = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
        try {
            assertThat(err.toString())
                    .contains("did not answer on " + paths().socket() + " within 500ms")
                    .endsWith("  warming up as daemon\n");
            assertThat(out.toString()).isEmpty();
        } finally {
            child.destroy();
            await().until(() -> !child.isAlive());
        }
    }

    @Test
    void onlyThisRunsLogLinesAreShownAndTheLogIsPrivate() throws Exception {
        Files.createDirectories(paths().stateDir());
        Files.writeString(paths().stateDir().resolve("daemon.log"), "an earlier run\n");

        int exit = start("echo 'cannot start: no good'; exit 1", Duration.ofSeconds(30));

        assertThat(exit).isEqualTo(ExitCodes.OPERATIONAL_ERROR);
        assertThat(err.toString())
                .contains("the daemon exited (exit code 1) before it answered")
                .endsWith(":\n  cannot start: no good\n")
                .doesNotContain("an earlier run");
        assertThat(Files.readString(paths().stateDir().resolve("daemon.log")))
                .isEqualTo("an earlier run\ncannot start: no good\n");
    }

    @Test
    void theLaunchRunsThisBuildsJavaAndDaemon() {
        List<String> command = DaemonLaunch.current().command(Optional.of(Path.of("rel/dir")));

        assertThat(command.get(0))
                .isEqualTo(ProcessHandle.current().info().command().orElseThrow());
        assertThat(command)
                .endsWith(
                        "daemon",
                        "--config-dir",
                        Path.of("rel/dir").toAbsolutePath().toString());
        // The daemon's JVM flags first; tests run from classes, not the jar: the class path and main class stand
        // in for -jar.
        List<String> flags = DaemonLaunch.jvmOptions();
        assertThat(command.subList(1, 1 + flags.size())).containsExactlyElementsOf(flags);
        assertThat(command.subList(1 + flags.size(), command.size() - 3))
                .containsExactly("-cp", System.getProperty("java.class.path"), Main.class.getName());
    }
}
