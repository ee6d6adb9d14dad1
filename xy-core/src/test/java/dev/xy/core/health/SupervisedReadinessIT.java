package dev.xy.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.xy.core.api.XyApi;
import dev.xy.core.client.DaemonClient;
import dev.xy.core.logs.LogLine;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import dev.xy.core.testing.FreePorts;
import dev.xy.core.testing.HostedEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness end to end: a hosted engine supervising real MCP servers (the example server's variants and the
 * reference server from npm), asked over the socket as the CLI does.
 */
class SupervisedReadinessIT {
    @TempDir
    Path dir;

    private HostedEngine hosted;
    private DaemonClient api;
    private final List<AutoCloseable> extras = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        hosted = HostedEngine.in(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        hosted.close();
        for (AutoCloseable extra : extras) {
            extra.close();
        }
    }

    /** An echo server variant, not started automatically, with quick health settings. */
    private int echo(String name, String health, String... flags) throws IOException {
        int port = FreePorts.next();
        hosted.config(
                name,
                EchoServer.configLines(flags) + "port " + port + "\nautostart #false\n" + health
                        + "restart {\n  backoff-initial \"100ms\"\n}\n");
        return port;
    }

    /** The lines of a server's log (through xy) that start with {@code prefix}. */
    private long logged(String name, String prefix) throws Exception {
        return lines(name).stream().filter(line -> line.startsWith(prefix)).count();
    }

    private List<String> lines(String name) throws Exception {
        return api.tail(name, 10_000).stream().map(LogLine::text).toList();
    }

    private XyApi serve() throws IOException {
        hosted.serve(Wire.Host.DAEMON);
        api = hosted.client();
        return api;
    }

    @Test
    void startReturnsOnceTheServerAnswersMcpAndStatusSaysWhoItIs() throws Exception {
        int port = echo("echo", "", "--sse");
        XyApi api = serve();

        assertThat(api.start(Wire.Target.one("echo")).started()).containsExactly("echo");

        Wire.ServerDetail echo = api.status("echo");
        assertThat(echo.state()).isEqualTo(ServerState.RUNNING);
        assertThat(echo.ready()).isTrue();
        assertThat(echo.url()).isEqualTo("http://localhost:" + port + "/mcp");
        assertThat(echo.mcp().name()).isEqualTo("xy-echo");
        assertThat(echo.mcp().tools()).isEqualTo(echo.toolNames().size()).isPositive();
        assertThat(echo.toolNames()).contains("echo");
        assertThat(echo.reason()).startsWith("ready: xy-echo ");
        assertThat(McpProbe.probe(port, "/mcp", Duration.ofSeconds(2)).isPassed())
                .as("usable right after start returned")
                .isTrue();
    }

    @Test
    void theStatelessEraIsReportedAsSuch() throws Exception {
        echo("discover", "", "--discover", "--reject-legacy");
        XyApi api = serve();
        api.start(Wire.Target.one("discover"));
        assertThat(api.status("discover").mcp().protocolVersion()).isEqualTo("2026-07-28");
    }

    @Test
    void aServerThatNeverAnswersIsNotReadyAndTheStartSaysWhy() throws Exception {
        echo("mute", "health {\n  start-timeout \"1500ms\"\n  timeout \"300ms\"\n}\n", "--mute");
        echo("broken", "health {\n  start-timeout \"1500ms\"\n  timeout \"300ms\"\n}\n", "--broken-tools");
        XyApi api = serve();

        assertThatThrownBy(() -> api.start(Wire.Target.some(List.of("mute", "broken"))))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.SPAWN_FAILED);
                    List<Wire.Failure> failed = e.startFailure().orElseThrow().failed();
                    assertThat(failed).extracting(Wire.Failure::name).containsExactlyInAnyOrder("mute", "broken");
                    assertThat(failed).allSatisfy(f -> assertThat(f.reason()).startsWith("not ready within"));
                    assertThat(failed)
                            .filteredOn(f -> f.name().equals("broken"))
                            .singleElement()
                            .satisfies(f -> assertThat(f.reason()).contains("tools/list"));
                });
    }

    @Test
    void aServerThatDiesIsRestartedAndReadyAgain() throws Exception {
        echo("mortal", "", "--die-after", "2");
        XyApi api = serve();
        api.start(Wire.Target.one("mortal"));
        long first = api.status("mortal").pid();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Wire.ServerDetail now = api.status("mortal");
            return now.pid() != null && now.pid() != first && Boolean.TRUE.equals(now.ready());
        });
        assertThat(api.status("mortal").restartCount()).isPositive();
    }

    @Test
    void eachProcessIsCheckedOnOneSessionThatIsDeletedWhenTheProcessIsReplacedOrStopped() throws Exception {
        echo("echo", "health {\n  interval \"100ms\"\n}\n", "--sse");
        XyApi api = serve();
        api.start(Wire.Target.one("echo"));

        // Ready after one handshake; then each check is one tools/list on its session.
        await().until(() -> logged("echo", "echo: tools/list") >= 11);
        assertThat(logged("echo", "echo: initialize")).isEqualTo(1);
        assertThat(logged("echo", "echo: notification")).isEqualTo(1);
        assertThat(logged("echo", "echo: DELETE")).isZero();

        api.restart(Wire.Target.one("echo"));
        await().until(() -> logged("echo", "echo: DELETE session") == 1);
        List<String> sessions = sessionsOpened("echo");
        assertThat(lines("echo"))
                .as("the old process hears its session end before its SIGTERM")
                .containsSubsequence(
                        "stopping (restart requested): sending SIGTERM",
                        "echo: DELETE session " + sessions.get(0) + " ended",
                        "exited with signal SIGTERM");
        long listed = logged("echo", "echo: tools/list");
        await().until(() -> logged("echo", "echo: tools/list") >= listed + 5);
        assertThat(sessionsOpened("echo")).as("the new process's own session").hasSize(2);

        api.stop(Wire.Target.one("echo"));
        await().untilAsserted(() -> assertThat(logged("echo", "echo: DELETE session"))
                .as("sessions deleted; the log: %s", lines("echo"))
                .isEqualTo(2));
        assertThat(lines("echo"))
                .containsSubsequence(
                        "stopping (stopped by request): sending SIGTERM",
                        "echo: DELETE session " + sessionsOpened("echo").get(1) + " ended",
                        "exited with signal SIGTERM");
    }

    private List<String> sessionsOpened(String name) throws Exception {
        String opened = "echo: initialize -> session ";
        return lines(name).stream()
                .filter(line -> line.startsWith(opened))
                .map(line -> line.substring(opened.length()))
                .toList();
    }

    @Test
    void aServerWhoseToolsListStartsFailingIsUnhealthy() throws Exception {
        int port = FreePorts.next();
        hosted.config(
                "fragile",
                EchoServer.configLines("--broken-tools-after", "3") + "port " + port + "\nautostart #false\n"
                        + "health {\n  interval \"100ms\"\n  failures 2\n}\nrestart {\n  policy \"never\"\n}\n");
        XyApi api = serve();
        api.start(Wire.Target.one("fragile"));

        await().until(() -> api.status("fragile").state() == ServerState.FAILED);

        assertThat(api.status("fragile").reason())
                .isEqualTo("health check failed 2 times in a row: tools/list failed: tools are broken on purpose"
                        + " (--broken-tools-after 3) (code -32603); restart policy is never");
        assertThat(logged("fragile", "echo: initialize"))
                .as("failures of the method, not of the session")
                .isEqualTo(1);
        assertThat(logged("fragile", "echo: DELETE session")).isEqualTo(1);
    }

    @Test
    void aPortHeldByAnotherProcessIsAConflictNamingTheHolder() throws Exception {
        int port = echo("blocked", "");
        XyApi api = serve();
        try (ServerSocket holder = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> api.start(Wire.Target.one("blocked")))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.PORT_CONFLICT);
                        assertThat(e.getMessage())
                                .contains("port " + port + " is in use on 127.0.0.1 by pid "
                                        + ProcessHandle.current().pid());
                    });
            assertThat(api.status("blocked").state()).isEqualTo(ServerState.FAILED);
            assertThat(api.status("blocked").restartCount()).as("no retries").isZero();
        }
    }

    @Test
    void theReferenceServerBecomesReadyWithItsRealIdentityAndHealsAfterASigkill() throws Exception {
        Path entry = ReferenceServer.installed().resolve("dist/index.js");
        int port = FreePorts.next();
        hosted.config(
                "everything",
                "command \"" + ReferenceServer.executable("node") + "\"\nargs \"" + entry + "\" \"streamableHttp\"\n"
                        + "port " + port + "\nautostart #false\nrestart {\n  backoff-initial \"100ms\"\n}\n");
        XyApi api = serve();

        api.start(Wire.Target.one("everything"));
        Wire.ServerDetail ready = api.status("everything");
        assertThat(ready.mcp().name()).isEqualTo("mcp-servers/everything");
        assertThat(ready.mcp().tools()).isGreaterThanOrEqualTo(10);
        assertThat(ready.mcp().protocolVersion()).startsWith("2025-");

        ProcessHandle.of(ready.pid()).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Wire.ServerDetail now = api.status("everything");
            return now.pid() != null && !now.pid().equals(ready.pid()) && Boolean.TRUE.equals(now.ready());
        });
        assertThat(api.status("everything").lastExit().signal()).isEqualTo("SIGKILL");
    }

    @Test
    void theReferenceServerLogsOneLinePerCheckAndHearsItsSessionEndWhenStopped() throws Exception {
        Path entry = ReferenceServer.installed().resolve("dist/index.js");
        hosted.config(
                "everything",
                "command \"" + ReferenceServer.executable("node") + "\"\nargs \"" + entry + "\" \"streamableHttp\"\n"
                        + "port " + FreePorts.next() + "\nautostart #false\nhealth {\n  interval \"100ms\"\n}\n");
        XyApi api = serve();
        api.start(Wire.Target.one("everything"));
        long ready = logged("everything", "Received MCP POST request");

        await().until(() -> logged("everything", "Received MCP POST request") >= ready + 10);

        assertThat(logged("everything", "Session initialized with ID")).isEqualTo(1);
        assertThat(logged("everything", "Received session termination request")).isZero();
        api.stop(Wire.Target.one("everything"));
        await().until(() -> logged("everything", "Transport closed for session") == 1);
        assertThat(logged("everything", "Received session termination request")).isEqualTo(1);
    }

    @Test
    void aPortHeldByTheReferenceServerIsNamedInTheConflict() throws Exception {
        ReferenceServer other = ReferenceServer.start(dir);
        extras.add(other);
        hosted.config(
                "second",
                "command \"/bin/sh\"\nargs \"-c\" \"exec sleep 1000\"\nport " + other.port() + "\nautostart #false\n");
        XyApi api = serve();
        assertThatThrownBy(() -> api.start(Wire.Target.one("second")))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.getMessage())
                        .contains("pid " + other.pid())
                        .contains("server-everything"));
    }
}
