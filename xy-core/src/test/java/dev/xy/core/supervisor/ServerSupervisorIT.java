package dev.xy.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.RestartPolicy;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogFollower;
import dev.xy.core.logs.LogLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real processes, real signals, real files. */
class ServerSupervisorIT {
    private static final RestartConfig NEVER =
            new RestartConfig(RestartPolicy.NEVER, Duration.ofMillis(10), Duration.ofMillis(10), 5);

    @TempDir
    Path dir;

    private final ExecutorScheduler scheduler = new ExecutorScheduler("xy-test-supervisor");
    private final List<ServerSupervisor> supervisors = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (ServerSupervisor supervisor : supervisors) {
            supervisor.shutdown().get(30, TimeUnit.SECONDS);
            supervisor.logs().close();
        }
        scheduler.close();
    }

    private ServerSupervisor supervise(ServerConfig config) {
        ServerSupervisor supervisor = new ServerSupervisor(
                config, scheduler, new OsProcessLauncher(dir), TestServers.hub(dir, config.name()));
        supervisors.add(supervisor);
        return supervisor;
    }

    private ServerSupervisor running(ServerConfig config) throws Exception {
        ServerSupervisor supervisor = supervise(config);
        assertThat(supervisor.start().get(10, TimeUnit.SECONDS)).isEqualTo(StartOutcome.STARTED);
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.status().state() == ServerState.RUNNING);
        return supervisor;
    }

    private static List<ProcessHandle> tree(long pid) {
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(root -> {
            tree.add(root);
            root.descendants().forEach(tree::add);
        });
        return tree;
    }

    /** The pids of {@code processes} still running; zombies count as gone (see {@link ProcessGroups#running}). */
    private static java.util.Set<Long> running(List<ProcessHandle> processes) {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        processes.forEach(p -> pids.add(p.pid()));
        return ProcessGroups.running(-1, pids).orElseThrow();
    }

    private static List<String> logLines(ServerSupervisor supervisor, String stream) throws IOException {
        supervisor.logs().flush();
        return logLines(supervisor.logs().file().path(), stream);
    }

    /** The texts of one stream's lines in a log file ({@code <timestamp> <stream> <text>}). */
    private static List<String> logLines(Path file, String stream) throws IOException {
        return Files.readAllLines(file).stream()
                .map(line -> line.split(" ", 3))
                .filter(parts -> parts[1].equals(stream))
                .map(parts -> parts.length > 2 ? parts[2] : "")
                .toList();
    }

    @Test
    void stopLeavesNoProcessOfTheTree() throws Exception {
        ServerSupervisor supervisor =
                running(TestServers.shell("sleep 1000 & exec sleep 1000", NEVER, Duration.ofSeconds(10)));
        long pid = supervisor.status().pid().orElseThrow();
        await().until(() -> tree(pid).size() == 2);
        List<ProcessHandle> tree = tree(pid);

        assertThat(supervisor.stop().get(15, TimeUnit.SECONDS)).isTrue();

        assertThat(running(tree)).isEmpty();
        assertThat(supervisor.status().state()).isEqualTo(ServerState.STOPPED);
        assertThat(supervisor.status().lastExit()).contains(ExitStatus.signal("SIGTERM"));
    }

    @Test
    void aChildThatIgnoresTermIsKilledAfterTheGrace() throws Exception {
        String script = "trap '' TERM; echo ready; while :; do sleep 0.05; done";
        ServerSupervisor supervisor = running(TestServers.shell(script, NEVER, Duration.ofMillis(500)));
        await().until(() -> logLines(supervisor, "stdout").contains("ready"));
        long pid = supervisor.status().pid().orElseThrow();

        assertThat(supervisor.stop().get(15, TimeUnit.SECONDS)).isTrue();

        assertThat(ProcessGroups.running(-1, java.util.Set.of(pid)).orElseThrow())
                .isEmpty();
        assertThat(supervisor.status().lastExit()).contains(ExitStatus.signal("SIGKILL"));
        assertThat(logLines(supervisor, "xy")).contains("did not exit within 500ms of SIGTERM: sending SIGKILL");
    }

    @Test
    void aCrashLoopReachesFailed() throws Exception {
        RestartConfig fast =
                new RestartConfig(RestartPolicy.ON_FAILURE, Duration.ofMillis(10), Duration.ofMillis(40), 3);
        ServerSupervisor supervisor =
                supervise(TestServers.shell("echo boom >&2; exit 3", fast, Duration.ofSeconds(1)));
        supervisor.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.status().state() == ServerState.FAILED);

        List<Transition> transitions = supervisor.status().transitions();
        assertThat(transitions.get(transitions.size() - 1).reason())
                .isEqualTo("crashed 4 times in 60s, more than the 3 restarts a minute allowed; last exit code 3");
        assertThat(logLines(supervisor, "stderr")).containsExactly("boom", "boom", "boom", "boom");
        assertThat(logLines(supervisor, "xy")).last().asString().startsWith("failed: crashed 4 times");
    }

    @Test
    void aCrashLoopsLastEventsReachTheFileWithoutAnyoneFlushingIt() throws Exception {
        RestartConfig fast =
                new RestartConfig(RestartPolicy.ON_FAILURE, Duration.ofMillis(10), Duration.ofMillis(40), 2);
        ServerSupervisor supervisor = supervise(TestServers.shell("exit 3", fast, Duration.ofSeconds(1)));
        supervisor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.status().state() == ServerState.FAILED);

        // Read from disk while the supervisor and its hub live on: no pump is left to flush the file.
        Path file = supervisor.logs().file().path();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logLines(file, "xy"))
                .endsWith(
                        "exited with code 3",
                        "failed: crashed 3 times in 60s, more than the 2 restarts a minute allowed; last exit code 3"));
    }

    @Test
    void aStopsEventsReachTheFileWithoutAnyoneFlushingIt() throws Exception {
        ServerSupervisor supervisor = running(TestServers.shell("exec sleep 1000", NEVER, Duration.ofSeconds(10)));

        assertThat(supervisor.stop().get(15, TimeUnit.SECONDS)).isTrue();

        Path file = supervisor.logs().file().path();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logLines(file, "xy"))
                .endsWith("stopping (stopped by request): sending SIGTERM", "exited with signal SIGTERM"));
    }

    @Test
    void aMissingCommandFailsAtOnceWithTheReason() throws Exception {
        ServerSupervisor supervisor =
                supervise(TestServers.config("no-such-xy-command", List.of(), NEVER, Duration.ofSeconds(1)));
        supervisor.start().get(10, TimeUnit.SECONDS);
        await().until(() -> supervisor.status().state() == ServerState.FAILED);
        assertThat(supervisor.status().transitions())
                .last()
                .extracting(Transition::reason)
                .asString()
                .startsWith("cannot start: command `no-such-xy-command` not found on PATH");
    }

    @Test
    void everyOneOfAHundredThousandLinesReachesTheFileAndTheRing() throws Exception {
        String script = "i=0; while [ $i -lt 100000 ]; do echo \"line $i\"; i=$((i+1)); done";
        ServerSupervisor supervisor = supervise(TestServers.shell(script, NEVER, Duration.ofSeconds(1)));
        supervisor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.status().state() == ServerState.STOPPED);

        List<String> lines = logLines(supervisor, "stdout");
        assertThat(lines).hasSize(100_000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo("line " + i);
        }
        List<String> ring = supervisor.logs().tail(Integer.MAX_VALUE).stream()
                .filter(l -> l.stream().wireName().equals("stdout"))
                .map(LogLine::text)
                .toList();
        int first = Integer.parseInt(ring.get(0).substring(5));
        for (int i = 0; i < ring.size(); i++) {
            assertThat(ring.get(i)).isEqualTo("line " + (first + i));
        }
        assertThat(ring).last().isEqualTo("line 99999");
    }

    @Test
    void rotationUnderARealWriterKeepsEveryLine() throws Exception {
        String script = "i=0; while [ $i -lt 100000 ]; do echo \"line $i\"; i=$((i+1)); done";
        ServerConfig config = TestServers.shell(script, NEVER, Duration.ofSeconds(1));
        dev.xy.core.logs.LogHub hub = new dev.xy.core.logs.LogHub(
                "rotating",
                new dev.xy.core.logs.RotatingLogFile(dir.resolve("rotating.log"), 64 * 1024, 1000),
                System::currentTimeMillis);
        ServerSupervisor supervisor = new ServerSupervisor(config, scheduler, new OsProcessLauncher(dir), hub);
        supervisors.add(supervisor);
        supervisor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.status().state() == ServerState.STOPPED);
        hub.flush();

        List<String> lines = new ArrayList<>();
        for (int i = 1000; i >= 0; i--) {
            Path file = dir.resolve(i == 0 ? "rotating.log" : "rotating.log." + i);
            if (Files.exists(file)) {
                assertThat(Files.size(file)).isLessThanOrEqualTo(64 * 1024);
                lines.addAll(logLines(file, "stdout"));
            }
        }
        assertThat(lines).hasSize(100_000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo("line " + i);
        }
    }

    @Test
    void aMissingWorkingDirectoryFailsAtOnceWithTheReason() throws Exception {
        ServerConfig base = TestServers.shell("exit 0", NEVER, Duration.ofSeconds(1));
        ServerConfig config = TestServers.with(base, base.port(), base.env(), Optional.of(dir.resolve("gone")));
        ServerSupervisor supervisor = supervise(config);

        assertThat(supervisor.start().get(10, TimeUnit.SECONDS)).isEqualTo(StartOutcome.SPAWN_FAILED);
        assertThat(supervisor.lastSpawnFailure().orElseThrow())
                .hasMessageStartingWith("working directory " + dir.resolve("gone") + " does not exist (hint: ");
    }

    @Test
    void aStalledFollowerSlowsNeitherTheChildNorTheFile() throws Exception {
        ServerConfig config =
                TestServers.shell("yes 'a line of output' | head -n 300000", NEVER, Duration.ofSeconds(1));
        ServerSupervisor supervisor = supervise(config);
        LogFollower stalled = supervisor.logs().follow(0);

        supervisor.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.status().state() == ServerState.STOPPED);
        assertThat(logLines(supervisor, "stdout")).hasSize(300_000);
        List<String> received = new ArrayList<>();
        Optional<LogLine> line;
        while ((line = stalled.poll(Duration.ZERO)).isPresent()) {
            received.add(line.get().text());
        }
        assertThat(received).anyMatch(text -> text.matches("… \\d+ lines skipped.*"));
    }

    @Test
    void aWrapperThatDiesLeavesNoGrandchildHoldingOn() throws Exception {
        ServerSupervisor supervisor =
                supervise(TestServers.shell("sleep 1000 & echo $!; exit 1", NEVER, Duration.ofSeconds(5)));
        supervisor.start();
        await().until(() -> supervisor.status().state() == ServerState.FAILED);
        await().until(() -> !logLines(supervisor, "stdout").isEmpty());
        long grandchild = Long.parseLong(logLines(supervisor, "stdout").get(0).trim());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(grandchild).isEmpty());
    }

    @Test
    void aTakenPortFailsTheStartWithoutRetrying() throws Exception {
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ServerConfig base = TestServers.shell(
                    "exit 0",
                    new RestartConfig(RestartPolicy.ALWAYS, Duration.ofMillis(10), Duration.ofMillis(10), 5),
                    Duration.ofSeconds(1));
            ServerConfig config = TestServers.with(base, taken.getLocalPort(), base.env(), base.workingDir());
            ServerSupervisor supervisor = supervise(config);

            assertThat(supervisor.start().get(10, TimeUnit.SECONDS)).isEqualTo(StartOutcome.SPAWN_FAILED);

            assertThat(supervisor.lastSpawnFailure()).containsInstanceOf(PortInUseException.class);
            assertThat(supervisor.status().state()).isEqualTo(ServerState.FAILED);
        }
    }

    @Test
    void aStormOfConcurrentCommandsEndsConsistentWithNoProcessLeft() throws Exception {
        List<Long> pids = java.util.Collections.synchronizedList(new ArrayList<>());
        OsProcessLauncher os = new OsProcessLauncher(dir);
        ProcessLauncher recording = (config, logs) -> {
            LaunchedProcess launched = os.launch(config, logs);
            pids.add(launched.pid());
            return launched;
        };
        RestartConfig fast = new RestartConfig(RestartPolicy.ALWAYS, Duration.ofMillis(5), Duration.ofMillis(20), 1000);
        ServerSupervisor supervisor = new ServerSupervisor(
                TestServers.shell("sleep 0.$((RANDOM % 3)); exit 1", fast, Duration.ofMillis(200)),
                scheduler,
                recording,
                TestServers.hub(dir, "storm"));
        supervisors.add(supervisor);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                all.add(clients.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        pending.add(
                                switch (random.nextInt(3)) {
                                    case 0 -> supervisor.start();
                                    case 1 -> supervisor.stop();
                                    default -> supervisor.restart();
                                });
                    }
                    pending.forEach(f -> f.orTimeout(60, TimeUnit.SECONDS).join());
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> client : all) {
                client.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(supervisor.stop().get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(supervisor.status().state()).isIn(ServerState.STOPPED, ServerState.FAILED);
        assertThat(supervisor.status().pid()).isEmpty();
        assertThat(pids).isNotEmpty();
        java.util.Set<Long> launched = new java.util.HashSet<>(pids);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessGroups.running(-1, launched).orElseThrow().isEmpty());
    }

    @Test
    void environmentAndWorkingDirectoryReachTheProcess() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        ServerConfig base = TestServers.shell("echo \"$XY_TEST_VALUE in $(pwd)\"", NEVER, Duration.ofSeconds(1));
        ServerConfig config =
                TestServers.with(base, base.port(), java.util.Map.of("XY_TEST_VALUE", "hello"), Optional.of(work));
        ServerSupervisor supervisor = supervise(config);
        supervisor.start();
        await().until(() -> supervisor.status().state() == ServerState.STOPPED);
        assertThat(logLines(supervisor, "stdout")).containsExactly("hello in " + work.toRealPath());
    }

    private List<String> outputWith(int port, java.util.Map<String, String> env) throws Exception {
        ServerConfig base = TestServers.shell("echo \"PORT=$PORT\"", NEVER, Duration.ofSeconds(1));
        ServerSupervisor supervisor = supervise(TestServers.with(base, port, env, Optional.empty()));
        supervisor.start();
        await().until(() -> supervisor.status().state() == ServerState.STOPPED);
        return logLines(supervisor, "stdout");
    }

    @Test
    void theChildIsToldItsPortInPort() throws Exception {
        assertThat(outputWith(3917, java.util.Map.of())).containsExactly("PORT=3917");
    }

    @Test
    void aPortSetInTheConfigsEnvWins() throws Exception {
        assertThat(outputWith(3918, java.util.Map.of("PORT", "4000"))).containsExactly("PORT=4000");
    }
}
