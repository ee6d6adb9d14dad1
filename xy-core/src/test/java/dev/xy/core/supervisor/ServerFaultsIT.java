package dev.xy.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.RestartPolicy;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.EchoServer;
import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.LogStream;
import dev.xy.core.ports.PortHolders;
import dev.xy.core.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a real supervisor does when its server misbehaves in ways that are not plain crashes: it says goodbye on
 * SIGTERM, closes its output, has its binary replaced or deleted under it. Real processes, real files.
 */
class ServerFaultsIT {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ExecutorScheduler scheduler = new ExecutorScheduler("xy-test-faults");
    private final List<ServerSupervisor> supervisors = new ArrayList<>();
    private final List<Long> strays = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (ServerSupervisor supervisor : supervisors) {
            supervisor.shutdown().get(30, TimeUnit.SECONDS);
            supervisor.logs().close();
        }
        scheduler.close();
        strays.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private static RestartConfig restart(RestartPolicy policy) {
        return new RestartConfig(policy, Duration.ofMillis(50), Duration.ofMillis(200), 20);
    }

    private ServerSupervisor supervise(ServerConfig config) throws IOException {
        ServerConfig onFreePort = TestServers.with(config, FreePorts.next(), config.env(), config.workingDir());
        ServerSupervisor supervisor = new ServerSupervisor(
                onFreePort, scheduler, new OsProcessLauncher(dir), TestServers.hub(dir, config.name()));
        supervisors.add(supervisor);
        return supervisor;
    }

    private static List<String> texts(ServerSupervisor supervisor, LogStream stream) {
        return supervisor.logs().tail(Integer.MAX_VALUE).stream()
                .filter(line -> line.stream() == stream)
                .map(LogLine::text)
                .toList();
    }

    /** The texts of one stream's lines in the log file ({@code <timestamp> <stream> <text>}). */
    private static List<String> fileTexts(ServerSupervisor supervisor, LogStream stream) throws IOException {
        supervisor.logs().flush();
        return Files.readAllLines(supervisor.logs().file().path()).stream()
                .map(line -> line.split(" ", 3))
                .filter(parts -> parts[1].equals(stream.wireName()))
                .map(parts -> parts.length > 2 ? parts[2] : "")
                .toList();
    }

    private static String lastReason(ServerSupervisor supervisor) {
        List<Transition> transitions = supervisor.status().transitions();
        return transitions.get(transitions.size() - 1).reason();
    }

    private static boolean alive(long pid) {
        return !ProcessGroups.running(-1, Set.of(pid)).orElseThrow().isEmpty();
    }

    @Test
    void whatAServerPrintsWhileItStopsIsKeptAndItExitsAsItChose() throws Exception {
        // The goodbye comes after SIGTERM, when xy has already decided to stop the server: the pipe must stay open.
        String script = "trap 'echo bye 1; echo bye 2 >&2; echo bye 3; exit 0' TERM; echo hello; sleep 1000 & wait";
        ServerSupervisor supervisor = supervise(TestServers.shell(script, restart(RestartPolicy.NEVER), LONG));
        supervisor.start().get(30, TimeUnit.SECONDS);
        await().atMost(LONG).until(() -> texts(supervisor, LogStream.STDOUT).contains("hello"));

        assertThat(supervisor.stop().get(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(LONG).untilAsserted(() -> {
            assertThat(texts(supervisor, LogStream.STDOUT)).containsExactly("hello", "bye 1", "bye 3");
            assertThat(texts(supervisor, LogStream.STDERR)).containsExactly("bye 2");
            assertThat(fileTexts(supervisor, LogStream.STDOUT)).containsExactly("hello", "bye 1", "bye 3");
        });
        assertThat(supervisor.status().lastExit()).contains(ExitStatus.code(0));
    }

    @Test
    void aStopSendsTheServerOneSigtermNotTwo() throws Exception {
        // Many servers take a second SIGTERM (or SIGINT) as "quit now, skip the graceful shutdown".
        String script = "trap 'echo term' TERM; echo ready; while :; do sleep 0.05 & wait; done";
        ServerSupervisor supervisor =
                supervise(TestServers.shell(script, restart(RestartPolicy.NEVER), Duration.ofSeconds(1)));
        supervisor.start().get(30, TimeUnit.SECONDS);
        await().atMost(LONG).until(() -> texts(supervisor, LogStream.STDOUT).contains("ready"));

        assertThat(supervisor.stop().get(30, TimeUnit.SECONDS)).isTrue();

        assertThat(supervisor.status().lastExit()).contains(ExitStatus.signal("SIGKILL"));
        assertThat(texts(supervisor, LogStream.STDOUT)).containsExactly("ready", "term");
    }

    @Test
    void aServerThatClosesItsOutputStaysRunningAndItsExitIsStillSeen() throws Exception {
        String script = "echo before; echo err before >&2; exec >&- 2>&-; exec sleep 1000";
        ServerSupervisor supervisor = supervise(TestServers.shell(script, restart(RestartPolicy.NEVER), LONG));
        supervisor.start().get(30, TimeUnit.SECONDS);
        long pid = supervisor.status().pid().orElseThrow();
        await().atMost(LONG).untilAsserted(() -> {
            assertThat(texts(supervisor, LogStream.STDOUT)).containsExactly("before");
            assertThat(texts(supervisor, LogStream.STDERR)).containsExactly("err before");
        });
        // Both pumps have seen the end of their pipes by now (the lines before it are in): nothing else changes.
        await().atMost(LONG).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("xy-pump-alpha")));
        assertThat(supervisor.status().state()).isEqualTo(ServerState.RUNNING);
        assertThat(supervisor.status().pid()).hasValue(pid);
        assertThat(texts(supervisor, LogStream.XY)).containsExactly("started pid " + pid);

        ProcessHandle.of(pid).orElseThrow().destroy();

        await().atMost(LONG).until(() -> supervisor.status().state() == ServerState.FAILED);
        assertThat(supervisor.status().lastExit()).contains(ExitStatus.signal("SIGTERM"));
        assertThat(texts(supervisor, LogStream.XY)).contains("exited with signal SIGTERM");
    }

    /** A copy of {@code sh} that runs {@code script}: a server binary of our own to delete or replace. */
    private Path serverBinary(String name, String script) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path staged = Files.writeString(bin.resolve("." + name + ".new"), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwx------"));
        // A rename, as package managers and build tools replace binaries: the running one keeps its inode.
        return Files.move(
                staged, bin.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aDeletedBinaryKeepsRunningAndItsRestartFailsOnceWithTheReason() throws Exception {
        Path binary = serverBinary("server", "echo v1; exec sleep 1000");
        List<Long> launches = new ArrayList<>();
        ServerConfig config = TestServers.config(binary.toString(), List.of(), restart(RestartPolicy.ALWAYS), LONG);
        OsProcessLauncher os = new OsProcessLauncher(dir);
        ServerSupervisor supervisor = new ServerSupervisor(
                TestServers.with(config, FreePorts.next(), config.env(), config.workingDir()),
                scheduler,
                (c, logs) -> {
                    synchronized (launches) {
                        launches.add(System.nanoTime());
                    }
                    return os.launch(c, logs);
                },
                TestServers.hub(dir, "alpha"));
        supervisors.add(supervisor);
        supervisor.start().get(30, TimeUnit.SECONDS);
        long pid = supervisor.status().pid().orElseThrow();
        // Once it speaks, sh has opened its script: deleting it now is deleting the binary of a running server.
        await().atMost(LONG).until(() -> texts(supervisor, LogStream.STDOUT).contains("v1"));

        Files.delete(binary);

        assertThat(alive(pid)).isTrue();
        assertThat(supervisor.status().state()).isEqualTo(ServerState.RUNNING);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(LONG).until(() -> supervisor.status().state() == ServerState.FAILED);
        assertThat(lastReason(supervisor)).isEqualTo("cannot start: command `" + binary + "` does not exist");
        synchronized (launches) {
            assertThat(launches).as("the first start and one restart, no storm").hasSize(2);
        }
        assertThat(texts(supervisor, LogStream.XY))
                .endsWith(
                        "exited with signal SIGKILL",
                        "restarting in 50ms (restart 1)",
                        "failed: cannot start: command `" + binary + "` does not exist");
    }

    @Test
    void aReplacedBinaryKeepsRunningAndARestartRunsTheNewOne() throws Exception {
        Path binary = serverBinary("server", "echo v1; exec sleep 1000");
        ServerSupervisor supervisor =
                supervise(TestServers.config(binary.toString(), List.of(), restart(RestartPolicy.ON_FAILURE), LONG));
        supervisor.start().get(30, TimeUnit.SECONDS);
        long first = supervisor.status().pid().orElseThrow();
        await().atMost(LONG).until(() -> texts(supervisor, LogStream.STDOUT).contains("v1"));

        serverBinary("server", "echo v2; exec sleep 1000");

        assertThat(alive(first)).isTrue();
        assertThat(supervisor.restart().get(30, TimeUnit.SECONDS)).isEqualTo(StartOutcome.STARTED);
        await().atMost(LONG).until(() -> texts(supervisor, LogStream.STDOUT).contains("v2"));
        assertThat(texts(supervisor, LogStream.STDOUT)).containsExactly("v1", "v2");
        assertThat(supervisor.status().pid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(first));
    }

    /**
     * A server that starts a daemon of its own, which leaves its session (so its group too), and exits: the
     * classic double fork. xy sees the exit and the policy decides; the daemon is no longer tied to the server by
     * anything xy can see, so it runs on (the documented limit), and while it holds the port, the next start
     * fails naming it.
     */
    @ParameterizedTest
    @EnumSource(
            value = RestartPolicy.class,
            names = {"ON_FAILURE", "ALWAYS"})
    void aServerThatForksADaemonAndExitsIsSeenToExitAndItsDaemonIsNamedAsThePortHolder(RestartPolicy policy)
            throws Exception {
        String daemon = EchoServer.commandLine().stream()
                .map(arg -> "'" + arg + "'")
                .collect(java.util.stream.Collectors.joining(" "));
        String script = "setsid " + daemon + " </dev/null >/dev/null 2>&1 & echo \"daemon $!\"; exit 0";
        // The backoff gives the daemon (a JVM) time to listen before an automatic restart looks at the port.
        RestartConfig restart = new RestartConfig(policy, Duration.ofSeconds(2), Duration.ofSeconds(2), 5);
        ServerSupervisor supervisor = supervise(TestServers.shell(script, restart, LONG));
        int port = supervisor.config().port();
        supervisor.start().get(30, TimeUnit.SECONDS);
        await().atMost(LONG).until(() -> !texts(supervisor, LogStream.STDOUT).isEmpty());
        long forked = Long.parseLong(texts(supervisor, LogStream.STDOUT).get(0).substring("daemon ".length()));
        strays.add(forked);

        await().atMost(LONG).until(() -> supervisor.status().lastExit().isPresent());
        assertThat(supervisor.status().lastExit()).contains(ExitStatus.code(0));
        assertThat(texts(supervisor, LogStream.XY)).contains("exited with code 0");
        await().atMost(LONG)
                .until(() -> !PortHolders.forThisSystem().holders(port).isEmpty());
        assertThat(alive(forked)).as("the daemon escaped: xy cannot see it").isTrue();
        if (policy == RestartPolicy.ON_FAILURE) {
            await().atMost(LONG).until(() -> supervisor.status().state() == ServerState.STOPPED);
            assertThat(supervisor.start().get(30, TimeUnit.SECONDS)).isEqualTo(StartOutcome.SPAWN_FAILED);
        } else {
            await().atMost(LONG).until(() -> supervisor.status().state() == ServerState.FAILED);
        }

        assertThat(supervisor.status().state()).isEqualTo(ServerState.FAILED);
        assertThat(lastReason(supervisor))
                .startsWith("cannot start: port " + port + " is in use")
                .contains("by pid " + forked + " (");
    }
}
