package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Json;
import dev.xy.core.testing.FreePorts;
import dev.xy.core.testing.RealXy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon that is SIGKILLed leaves its servers running; the next daemon stops them before starting its own, so
 * that exactly one copy of every server runs. Real daemons, real trees, a real port.
 */
class CrashRecoveryIT {
    private static final Path ECHO_DIR = RealXy.REPO.resolve("examples/src/main/java/dev/xy/examples");

    private RealXy xy;
    private final List<ProcessHandle> firstGeneration = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        xy = new RealXy("xyit");
    }

    @AfterEach
    void tearDown() throws Exception {
        // Handles remember start times: a pid reused since is never hit.
        firstGeneration.forEach(ProcessHandle::destroyForcibly);
        xy.close();
    }

    private long pid(String name) throws Exception {
        return xy.server(name).path("pid").asLong();
    }

    private Path runDir() {
        return xy.stateDir.resolve("xy/run");
    }

    /** The running processes of the whole system that run {@code program} with exactly {@code args}. */
    private static long copiesOf(String program, String... args) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/" + program))
                .filter(p ->
                        p.info().arguments().map(List::of).orElse(List.of()).equals(List.of(args)))
                .filter(p -> isRunning(p.pid()))
                .count();
    }

    private static boolean isRunning(long pid) {
        try {
            return RealXy.isRunning(pid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String initialize(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static boolean answers(int port) {
        try {
            return initialize(port).startsWith("200 ");
        } catch (Exception e) {
            return false;
        }
    }

    /** Server name → pid, from the record files. */
    private Map<String, Long> recordedPids() throws Exception {
        Map<String, Long> pids = new TreeMap<>();
        try (var files = Files.list(runDir())) {
            for (Path file : files.toList()) {
                JsonNode record = Json.LENIENT.readTree(file.toFile());
                pids.put(file.getFileName().toString(), record.path("pid").asLong());
            }
        }
        return pids;
    }

    @Test
    void afterASigkilledDaemonTheNextOneRunsExactlyOneCopyOfEveryServer() throws Exception {
        int mark = ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String grandchild = Integer.toString(mark);
        String child = Integer.toString(mark + 1);
        xy.writeServer(
                "tree", RealXy.shellServer("sh -c 'sleep " + grandchild + " & wait' & sleep " + child + " & wait", ""));
        int port = FreePorts.next();
        xy.writeServer(
                "echo",
                "command \"java\"\nargs \"EchoMcpServer.java\" \"--port\" \"" + port + "\"\nworking-dir \"" + ECHO_DIR
                        + "\"\nport " + port + "\nstop {\n  grace \"5s\"\n}\n");

        Process first = xy.startDaemon();
        // Generous: the example server compiles itself from source at start, slow on a loaded machine.
        await().atMost(Duration.ofSeconds(180)).until(() -> answers(port));
        await().until(() -> copiesOf("sleep", grandchild) == 1 && copiesOf("sleep", child) == 1);
        long oldTree = pid("tree");
        long oldEcho = pid("echo");
        for (long leader : List.of(oldTree, oldEcho)) {
            ProcessHandle root = ProcessHandle.of(leader).orElseThrow();
            firstGeneration.add(root);
            root.descendants().forEach(firstGeneration::add);
        }
        assertThat(firstGeneration).hasSizeGreaterThanOrEqualTo(5);

        first.destroyForcibly(); // SIGKILL: no chance to stop anything
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(firstGeneration)
                .as("orphans, still running and holding the port")
                .allMatch(p -> isRunning(p.pid()));
        assertThat(answers(port)).isTrue();

        xy.startDaemon();
        await().atMost(Duration.ofSeconds(180)).until(() -> xy.state("echo").equals("running") && answers(port));
        await().until(() -> copiesOf("sleep", grandchild) == 1 && copiesOf("sleep", child) == 1);

        assertThat(firstGeneration).as("the old trees").noneMatch(p -> isRunning(p.pid()));
        assertThat(pid("tree")).isNotEqualTo(oldTree);
        assertThat(pid("echo")).isNotEqualTo(oldEcho);
        assertThat(copiesOf("java", "EchoMcpServer.java", "--port", Integer.toString(port)))
                .isEqualTo(1);
        assertThat(initialize(port)).startsWith("200 ").contains("\"protocolVersion\"");
        assertThat(xy.xy("list").out()).containsPattern("echo\\s+running").containsPattern("tree\\s+running");
        assertThat(recordedPids())
                .as("the run directory names the new processes only")
                .isEqualTo(Map.of("echo.json", pid("echo"), "tree.json", pid("tree")));
        assertThat(xy.daemonLog())
                .contains("crash recovery: echo: stopped 1 process(es) left running by an earlier xy (pids " + oldEcho
                        + ")")
                .contains("crash recovery: tree: stopped 4 process(es)");
    }

    @Test
    void aCleanShutdownLeavesNoRecordBehind() throws Exception {
        xy.writeServer("tree", RealXy.shellServer("sleep 1000 & sleep 1000 & wait", ""));
        xy.startDaemon();
        await().until(() -> xy.state("tree").equals("running"));
        assertThat(recordedPids()).isEqualTo(Map.of("tree.json", pid("tree")));

        xy.terminateDaemon();

        try (var files = Files.list(runDir())) {
            assertThat(files).isEmpty();
        }
    }
}
