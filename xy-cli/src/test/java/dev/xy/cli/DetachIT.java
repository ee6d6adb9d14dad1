package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import dev.xy.core.testing.RealXy.Run;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code xy daemon --detach} through the real launcher: a real background daemon, found and stopped by pid. */
class DetachIT {
    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    private RealXy xy;
    private final List<Long> detached = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        xy = new RealXy("xyit");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (long pid : detached) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        for (long pid : detached) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !RealXy.isRunning(pid));
        }
        xy.close();
    }

    private long pidIn(Run run) {
        Matcher matcher = PID.matcher(run.out());
        assertThat(matcher.find()).as(run.out() + run.err()).isTrue();
        long pid = Long.parseLong(matcher.group(1));
        detached.add(pid);
        return pid;
    }

    private static String ps(String field, long pid) throws Exception {
        Process ps = new ProcessBuilder("ps", "-o", field + "=", "-p", Long.toString(pid)).start();
        String value = new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        ps.waitFor();
        return value;
    }

    @Test
    void detachReturnsOnceTheDaemonAnswersAndItStopsByItsPid() throws Exception {
        xy.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));

        Run run = xy.xy("daemon", "--detach");

        assertThat(run.exit()).as(run.err()).isZero();
        long pid = pidIn(run);
        assertThat(run.out()).contains("its log: " + xy.stateDir.resolve("xy/daemon.log"));
        assertThat(xy.xy("list").exit()).isZero(); // answers at once: detach returned only when it did
        assertThat(xy.state("alpha")).isEqualTo("running");
        assertThat(ps("sid", pid)).as("its own session").isEqualTo(Long.toString(pid));
        assertThat(ps("tty", pid)).isEqualTo("?");
        long server = xy.server("alpha").path("pid").asLong();

        Run again = xy.xy("daemon", "--detach");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("a daemon is already running");

        new ProcessBuilder("kill", Long.toString(pid)).start().waitFor();

        await().atMost(Duration.ofSeconds(30)).until(() -> !RealXy.isRunning(pid));
        assertThat(RealXy.isRunning(server)).isFalse();
        assertThat(xy.xy("list").exit()).isEqualTo(2);
        assertThat(java.nio.file.Files.readString(xy.stateDir.resolve("xy/daemon.log")))
                .contains("xy: ready: 1 server(s) configured", "xy: stopped");
    }

    @Test
    void aDaemonThatCannotStartIsReportedWithItsLastLogLines() throws Exception {
        xy.writeServer("broken", "comand \"x\"\nport 3001\n");

        Run run = xy.xy("daemon", "--detach");

        assertThat(run.exit()).as("invalid configs: 3, as in the foreground").isEqualTo(3);
        assertThat(run.err())
                .contains("the daemon exited (exit code 3) before it answered")
                .contains("broken.kdl:1:1: unknown node `comand`")
                .contains("problem(s) in the server configs; not starting");
    }
}
