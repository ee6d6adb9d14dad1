package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.testing.RealXy;
import dev.xy.core.testing.RealXy.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real daemon process driven by the real CLI, in temporary XDG directories. */
class DaemonIT {
    private RealXy xy;

    @BeforeEach
    void setUp() throws Exception {
        xy = new RealXy("xyit");
    }

    @AfterEach
    void tearDown() throws Exception {
        xy.close();
    }

    private long pid(String name) throws Exception {
        return xy.server(name).path("pid").asLong();
    }

    @Test
    void startStopAndRestartChangeStateAndPids() throws Exception {
        xy.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        xy.writeServer("beta", RealXy.shellServer("exec sleep 1000", "autostart #false\n"));
        xy.startDaemon();

        Run list = xy.xy("list");
        assertThat(list.exit()).isZero();
        assertThat(list.out())
                .startsWith("NAME   STATE    READY  PID")
                .containsPattern("alpha\\s+running")
                .containsPattern("beta\\s+stopped")
                .contains("configs: " + xy.configDir);
        long first = pid("alpha");
        assertThat(RealXy.isRunning(first)).isTrue();

        assertThat(xy.xy("restart", "alpha").exit()).isZero();
        await().until(() -> xy.state("alpha").equals("running") && pid("alpha") != first);
        assertThat(RealXy.isRunning(first)).isFalse();

        Run stop = xy.xy("stop", "alpha", "beta");
        assertThat(stop.exit()).isZero();
        assertThat(stop.out()).contains("stopped alpha", "beta was not running");
        assertThat(xy.state("alpha")).isEqualTo("stopped");

        Run start = xy.xy("start", "--all");
        assertThat(start.out()).contains("started alpha", "started beta");
        assertThat(xy.xy("start", "alpha").out()).contains("alpha is already running");
        JsonNode status = xy.server("alpha");
        assertThat(status.path("recent_transitions").size()).isGreaterThanOrEqualTo(6);
        assertThat(xy.xy("status", "alpha").out())
                .contains("alpha: running", "recent transitions:", "stopping -> stopped");
    }

    @Test
    void aCrashLoopEndsInFailedAndAManualStartTriesAgain() throws Exception {
        xy.writeServer(
                "crashy",
                RealXy.shellServer(
                        "echo boom >&2; exit 3",
                        "restart {\n  backoff-initial \"50ms\"\n  backoff-max \"100ms\"\n  max-retries-per-minute 2\n}\n"));
        xy.startDaemon();

        await().atMost(Duration.ofSeconds(20)).until(() -> xy.state("crashy").equals("failed"));
        JsonNode crashy = xy.server("crashy");
        assertThat(crashy.path("restart_count").asInt()).isEqualTo(2);
        assertThat(crashy.path("last_exit").path("code").asInt()).isEqualTo(3);
        assertThat(xy.xy("list").out())
                .containsPattern("crashy\\s+failed\\s+-\\s+-\\s+\\d+\\s+-\\s+2\\s+3\\s+crashed 3 times in 60s");

        Run logs = xy.xy("logs", "crashy", "--tail", "4");
        assertThat(logs.out().lines()).hasSize(4);
        assertThat(logs.out()).contains("stderr boom", "xy failed: crashed 3 times in 60s");
    }

    @Test
    void logsTailAndFollow() throws Exception {
        xy.writeServer("talker", RealXy.shellServer("for i in 1 2 3 4 5; do echo line $i; done; exec sleep 1000", ""));
        xy.startDaemon();
        await().until(() -> xy.xy("logs", "talker").out().contains("line 5"));

        assertThat(xy.xy("logs", "talker", "--tail", "2").out().lines())
                .containsExactly(lastLines(xy.xy("logs", "talker").out(), 2).toArray(String[]::new));

        ProcessBuilder follow =
                new ProcessBuilder(RealXy.REPO.resolve("bin/xy").toString(), "logs", "talker", "-f", "--tail", "1");
        follow.environment().putAll(xy.environment());
        var output = Files.createTempFile(xy.root, "follow", ".txt");
        Process follower = follow.redirectOutput(output.toFile()).start();
        try {
            await().until(() -> Files.readString(output).contains("line 5"));
            xy.xy("restart", "talker");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.readString(output).contains("xy stopping (restart requested)")
                            && Files.readString(output)
                                            .lines()
                                            .filter(l -> l.endsWith("stdout line 5"))
                                            .count()
                                    == 2);
        } finally {
            follower.destroy();
            follower.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void afterADaemonRestartLogsShowsTheEarlierRunsFromTheFile() throws Exception {
        xy.writeServer("talker", RealXy.shellServer("echo \"hello from $$\"; exec sleep 1000", ""));
        xy.startDaemon();
        long firstPid = pid("talker");
        await().until(() -> xy.xy("logs", "talker").out().contains("hello from " + firstPid));
        xy.terminateDaemon();

        // With no daemon, the log is read from the files, and stderr says so.
        Run offline = xy.xy("logs", "talker", "--tail", "3");
        assertThat(offline.exit()).isZero();
        assertThat(offline.err())
                .isEqualTo("xy: no daemon is running: from the log files in "
                        + xy.paths().logDir() + "\n");
        assertThat(offline.out().lines()).hasSize(3).last().asString().endsWith(" xy exited with signal SIGTERM");
        assertThat(xy.xy("logs", "nobody").exit())
                .as("no such log: the daemon is unreachable")
                .isEqualTo(2);
        assertThat(xy.xy("logs", "talker", "-f").exit())
                .as("following needs a daemon")
                .isEqualTo(2);

        xy.startDaemon();
        long secondPid = pid("talker");
        await().until(() -> xy.xy("logs", "talker").out().contains("hello from " + secondPid));

        List<String> lines = xy.xy("logs", "talker").out().lines().toList();
        int firstHello = indexEndingWith(lines, " stdout hello from " + firstPid);
        int shutdown = indexEndingWith(lines, " xy stopping (xy is shutting down): sending SIGTERM");
        int secondStart = indexEndingWith(lines, " xy started pid " + secondPid);
        assertThat(firstHello).as(String.join("\n", lines)).isNotNegative().isLessThan(shutdown);
        assertThat(shutdown).isLessThan(secondStart);
        assertThat(xy.xy("logs", "talker", "--tail", "2").out().lines()).hasSize(2);
    }

    private static int indexEndingWith(List<String> lines, String end) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(end)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return lines.subList(lines.size() - count, lines.size());
    }

    @Test
    void reloadAppliesTheDiffAndABrokenFileChangesNothing() throws Exception {
        xy.writeServer("keep", RealXy.shellServer("exec sleep 1000", ""));
        xy.writeServer("change", RealXy.shellServer("exec sleep 1000", ""));
        xy.writeServer("tweak", RealXy.shellServer("exec sleep 1000", ""));
        xy.writeServer("drop", RealXy.shellServer("exec sleep 1000", ""));
        xy.startDaemon();
        long keep = pid("keep");
        long tweak = pid("tweak");
        long change = pid("change");
        long drop = pid("drop");
        Follower dropped = follow("drop");
        await().until(() -> dropped.out().contains("xy started pid"));

        xy.writeServer("broken", "comand \"x\"\nport 1\n");
        Run refused = xy.xy("reload");
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("broken.kdl:1:1: unknown node `comand`; did you mean `command`?");
        String list = xy.xy("list").out();
        assertThat(list.lines()).as("no row for it").noneMatch(row -> row.startsWith("broken"));
        assertThat(list).contains("not served: broken.kdl");
        Files.delete(xy.configDir.resolve("broken.kdl"));

        Files.delete(xy.configDir.resolve("drop.kdl"));
        xy.writeServer("change", RealXy.shellServer("exec sleep 999", ""));
        String tweaked = Files.readString(xy.configDir.resolve("tweak.kdl")) + "restart {\n  policy always\n}\n";
        xy.writeServer("tweak", tweaked);
        xy.writeServer("fresh", RealXy.shellServer("exec sleep 1000", ""));

        Run reload = xy.xy("reload", "--json");
        assertThat(reload.exit()).isZero();
        JsonNode diff = reload.json();
        assertThat(diff.path("added").toString()).isEqualTo("[\"fresh\"]");
        assertThat(diff.path("removed").toString()).isEqualTo("[\"drop\"]");
        assertThat(diff.path("changed").toString()).contains("change", "tweak");
        assertThat(diff.path("unchanged").toString()).isEqualTo("[\"keep\"]");

        assertThat(pid("keep")).isEqualTo(keep);
        assertThat(pid("tweak")).isEqualTo(tweak);
        await().until(() -> xy.state("change").equals("running") && pid("change") != change);
        assertThat(xy.state("fresh")).isEqualTo("running");
        assertThat(RealXy.isRunning(drop)).isFalse();
        assertThat(xy.xy("status", "drop").exit()).isEqualTo(1);
        Run droppedLog = xy.xy("logs", "drop");
        assertThat(droppedLog.exit()).as("its log files are still there").isZero();
        assertThat(droppedLog.err())
                .isEqualTo("xy: drop is not configured (any more): from the log files in "
                        + xy.paths().logDir() + "\n");
        assertThat(droppedLog.out()).contains("xy stopping (removed from the configs)");
        assertThat(dropped.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(dropped.process().exitValue()).isZero();
        assertThat(dropped.err()).isEqualTo("xy: stopped following drop: removed from the configs\n");
    }

    @Test
    void aDaemonThatHoldsTheLockButDoesNotAnswerIsNotToldToBeStarted() throws Exception {
        // What a daemon looks like between taking the lock and serving, or while it shuts down: the lock is held
        // (here by this test JVM, a live process) and nothing answers on the socket.
        Path stateDir = xy.stateDir.resolve("xy");
        Files.createDirectories(stateDir);
        try (var lock = dev.xy.core.daemon.DaemonLock.acquire(stateDir.resolve("xy.lock"))) {
            Run list = xy.xy("list");

            assertThat(list.exit()).isEqualTo(2);
            assertThat(list.err())
                    .contains("the xy daemon (pid " + ProcessHandle.current().pid() + ") does not answer")
                    .contains("starting or shutting down", "try again in a moment")
                    .doesNotContain("start it with");
        }
        assertThat(xy.xy("list").err()).as("released: nobody runs").contains("no xy daemon is running");
    }

    @Test
    void exitCodesFollowTheContract() throws Exception {
        Run unreachable = xy.xy("list");
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.err()).contains("no xy daemon is running", "start it with `xy daemon`");

        xy.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        xy.startDaemon();
        assertThat(xy.xy("list").exit()).isZero();
        Run unknown = xy.xy("stop", "nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no server named nope");
        xy.writeServer("bad", "port \"x\"\n");
        assertThat(xy.xy("reload").exit()).isEqualTo(3);
        assertThat(xy.xy("validate", xy.configDir.toString()).exit()).isEqualTo(3);
        assertThat(xy.xy("logs").exit()).isEqualTo(1); // missing NAME: a usage error
    }

    @Test
    void invalidConfigsStopTheDaemonFromStartingWithExitThree() throws Exception {
        xy.writeServer("alpha", "command \"x\"\nport 70000\n");
        Process daemon = xy.spawnDaemon();
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(3);
        assertThat(xy.daemonLog()).contains("alpha.kdl:2:6: `port` must be from 1 to 65535, got 70000");
    }

    @Test
    void sigtermStopsEveryServerAndCleansUp() throws Exception {
        xy.writeServer("tree", RealXy.shellServer("sleep 1000 & exec sleep 1000", ""));
        xy.writeServer(
                "stubborn",
                RealXy.shellServer("trap '' TERM; while :; do sleep 0.1; done", "stop {\n  grace \"300ms\"\n}\n"));
        Process daemon = xy.startDaemon();
        List<Long> pids = new ArrayList<>(List.of(pid("tree"), pid("stubborn")));
        // The shell may not have forked its background sleep yet: without it, the tree part could not fail.
        ProcessHandle tree = ProcessHandle.of(pid("tree")).orElseThrow();
        await().until(() -> tree.descendants().count() == 1);
        tree.descendants().forEach(d -> pids.add(d.pid()));
        assertThat(pids).hasSize(3);
        Follower follower = follow("tree");
        await().until(() -> follower.out().contains("xy started pid")); // connected and following

        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(follower.process().waitFor(30, TimeUnit.SECONDS))
                .as("logs -f ends with the daemon")
                .isTrue();
        assertThat(follower.process().exitValue())
                .as("a daemon that shuts down ends the stream cleanly; stderr: " + follower.err())
                .isZero();
        assertThat(follower.out())
                .as("the shutdown's own events reach the follower")
                .contains("stopping (xy is shutting down): sending SIGTERM", "exited with signal SIGTERM");
        assertThat(follower.err()).isEqualTo("xy: stopped following tree: xy is shutting down\n");

        assertThat(daemon.exitValue()).isZero();
        for (long pid : pids) {
            assertThat(RealXy.isRunning(pid)).as("pid " + pid).isFalse();
        }
        assertThat(xy.socket()).doesNotExist();
        assertThat(xy.stateDir.resolve("xy/xy.lock"))
                .as("released: no holder named")
                .isEmptyFile();
    }

    @Test
    void aFollowerOfAServerThatStopsAtOnceStillGetsTheShutdownsLastLinesAndAnEnd() throws Exception {
        xy.writeServer("quick", RealXy.shellServer("exec sleep 1000", ""));
        // The race this guards against lost the end in about one shutdown of four: try several.
        for (int round = 0; round < 4; round++) {
            Process daemon = xy.startDaemon();
            Follower follower = follow("quick");
            await().until(() -> !follower.out().isEmpty());

            daemon.destroy(); // SIGTERM
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(follower.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(follower.process().exitValue())
                    .as("round " + round + ": a clean end; stderr: " + follower.err())
                    .isZero();
            assertThat(follower.out())
                    .as("round " + round)
                    .contains("stopping (xy is shutting down): sending SIGTERM", "exited with signal SIGTERM");
        }
    }

    /** A real {@code bin/xy logs NAME -f}, its output going to files of its own. */
    private record Follower(Process process, Path outFile, Path errFile) {
        String out() throws IOException {
            return Files.readString(outFile);
        }

        String err() throws IOException {
            return Files.readString(errFile);
        }
    }

    private Follower follow(String name) throws IOException {
        ProcessBuilder follow = new ProcessBuilder(RealXy.REPO.resolve("bin/xy").toString(), "logs", name, "-f");
        follow.environment().putAll(xy.environment());
        Path out = Files.createTempFile(xy.root, "follow", ".out");
        Path err = Files.createTempFile(xy.root, "follow", ".err");
        return new Follower(
                follow.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    @Test
    void aSigkilledDaemonsLeftoversDoNotBlockTheNextStart() throws Exception {
        xy.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        Process first = xy.startDaemon();
        long orphan = pid("alpha");
        ProcessBuilder follow = new ProcessBuilder(RealXy.REPO.resolve("bin/xy").toString(), "logs", "alpha", "-f");
        follow.environment().putAll(xy.environment());
        var followOut = Files.createTempFile(xy.root, "follow", ".out");
        var followErr = Files.createTempFile(xy.root, "follow", ".err");
        Process follower = follow.redirectOutput(followOut.toFile())
                .redirectError(followErr.toFile())
                .start();
        await().until(() -> Files.readString(followOut).contains("xy started pid"));

        first.destroyForcibly(); // SIGKILL: socket and lock file stay behind
        first.waitFor(10, TimeUnit.SECONDS);
        assertThat(xy.socket()).exists();
        assertThat(follower.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(follower.exitValue())
                .as("a daemon that vanishes mid-stream is an error, not a quiet end")
                .isEqualTo(1);
        assertThat(Files.readString(followErr)).contains("the daemon closed the connection");
        new ProcessBuilder("kill", "-KILL", Long.toString(orphan)).start().waitFor();

        xy.startDaemon();

        assertThat(xy.state("alpha")).isEqualTo("running");
    }

    @Test
    void aSecondDaemonIsRefusedNamingTheFirst() throws Exception {
        Process first = xy.startDaemon();
        Process second = xy.spawnDaemon();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(xy.daemonLog()).contains("another xy daemon is already running (pid " + first.pid() + ")");
        assertThat(first.isAlive()).isTrue();
    }

    @Test
    void aSocketPathBeyondTheOsLimitIsAClearError() throws Exception {
        var deep = Files.createDirectories(xy.runtimeDir.resolve("x".repeat(60)).resolve("y".repeat(60)));
        ProcessBuilder builder =
                new ProcessBuilder(RealXy.REPO.resolve("bin/xy").toString(), "daemon");
        builder.environment().putAll(xy.environment());
        builder.environment().put("XDG_RUNTIME_DIR", deep.toString());
        var log = Files.createTempFile(xy.root, "long", ".log");
        Process daemon =
                builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log))
                .contains("the socket path " + deep.resolve("xy.sock"))
                .doesNotContain("Exception");
    }
}
