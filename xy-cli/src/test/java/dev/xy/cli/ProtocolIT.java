package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.api.StateListener;
import dev.xy.core.client.DaemonClient;
import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.testing.FreePorts;
import dev.xy.core.testing.RealXy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The socket protocol against a real daemon: every error code, hostile clients, and many clients at once. */
class ProtocolIT {
    private static RealXy xy;
    private static ServerSocket portHolder;

    @BeforeAll
    static void startDaemon() throws Exception {
        xy = new RealXy("xyit");
        xy.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        xy.writeServer("idle", RealXy.shellServer("exec sleep 1000", "autostart #false\n"));
        xy.writeServer("missing", RealXy.missingCommandServer());
        portHolder = FreePorts.hold();
        xy.writeServer(
                "taken",
                "command \"/bin/sh\"\nargs \"-c\" \"exec sleep 1000\"\nport " + portHolder.getLocalPort()
                        + "\nautostart #false\n");
        xy.startDaemon();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        xy.close();
        portHolder.close();
    }

    /** Sends raw lines on one connection and reads {@code replies} lines back. */
    private static List<JsonNode> raw(int replies, String... lines) throws Exception {
        try (AFUNIXSocket socket = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(xy.socket()))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<JsonNode> read = new ArrayList<>();
            for (int i = 0; i < replies; i++) {
                read.add(Json.LENIENT.readTree(in.readLine()));
            }
            return read;
        }
    }

    private static int errorCode(String line) throws Exception {
        return raw(1, line).get(0).path("error").path("code").asInt();
    }

    /** The error code a call answers with; the call must fail. */
    private static int callError(String method, Object params) throws Exception {
        String line = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":"
                + Json.LENIENT.writeValueAsString(params) + "}";
        JsonNode reply = raw(1, line).get(0);
        assertThat(reply.has("error")).as(method + " fails: " + reply).isTrue();
        return reply.path("error").path("code").asInt();
    }

    @Test
    void aParseErrorIsAnsweredAndTheConnectionStaysUsable() throws Exception {
        List<JsonNode> replies = raw(2, "{not json", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"version\"}");
        assertThat(replies.get(0).path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(replies.get(0).get("id").isNull()).isTrue();
        assertThat(replies.get(1).path("id").asInt()).isEqualTo(7);
        assertThat(replies.get(1).path("result").path("protocol").asInt()).isEqualTo(1);
    }

    @Test
    void invalidRequestsGetMinus32600() throws Exception {
        assertThat(errorCode("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"list\"}"))
                .isEqualTo(-32600);
        assertThat(errorCode("{\"id\":1,\"method\":\"list\"}")).isEqualTo(-32600);
        assertThat(errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}")).isEqualTo(-32600);
        assertThat(errorCode("[]")).isEqualTo(-32600);
        assertThat(errorCode("42")).isEqualTo(-32600);
    }

    @Test
    void unknownMethodsGetMinus32601() throws Exception {
        assertThat(errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"frobnicate\"}"))
                .isEqualTo(-32601);
    }

    @Test
    void invalidParamsGetMinus32602() throws Exception {
        assertThat(callError("status", Map.of())).isEqualTo(-32602);
        assertThat(callError("status", Map.of("name", "alpha", "nmae", "x"))).isEqualTo(-32602);
        assertThat(callError("start", Map.of("name", "alpha", "all", true))).isEqualTo(-32602);
        assertThat(callError("logs", Map.of("name", "alpha", "tail", -1))).isEqualTo(-32602);
        assertThat(callError("logs_cancel", Map.of("subscription_id", "nope"))).isEqualTo(-32602);
        assertThat(callError("list", Map.of("name", "alpha"))).isEqualTo(-32602);
        assertThat(errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\",\"params\":[\"alpha\"]}"))
                .isEqualTo(-32602);
    }

    @Test
    void wrongParamTypesAreRefusedNamingTheParam() throws Exception {
        JsonNode error = raw(1, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\",\"params\":{\"name\":42}}")
                .get(0)
                .path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32602);
        assertThat(error.path("message").asText()).isEqualTo("invalid params for status: `name` must be a string");
        JsonNode unknown = raw(1, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list\",\"params\":{\"x\":1}}")
                .get(0)
                .path("error");
        assertThat(unknown.path("message").asText())
                .isEqualTo("invalid params for list: unknown param `x` (it takes none)");
    }

    @Test
    void aClientCannotCancelAnotherClientsStream() throws Exception {
        List<Wire.StateEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DaemonClient owner = DaemonClient.connect(xy.socket());
                var subscription = owner.subscribe(new StateListener() {
                    @Override
                    public void snapshot(List<Wire.ServerSummary> servers) {}

                    @Override
                    public void event(Wire.StateEvent event) {
                        heard.add(event);
                    }
                })) {
            for (int id = 1; id <= 50; id++) {
                assertThat(callError("unsubscribe", Map.of("subscription_id", "state-" + id)))
                        .as("another connection guessing state-" + id)
                        .isEqualTo(-32602);
            }
            try (DaemonClient admin = DaemonClient.connect(xy.socket())) {
                admin.start(Wire.Target.one("idle"));
                admin.stop(Wire.Target.one("idle"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> heard.stream()
                    .anyMatch(e -> e.name().equals("idle") && e.to() == dev.xy.core.supervisor.ServerState.STOPPED));
        }
    }

    @Test
    void xysOwnErrorCodes() throws Exception {
        assertThat(callError("status", new Wire.NameParams("nope"))).isEqualTo(-32001);
        assertThat(callError("start", Wire.Target.one("taken"))).isEqualTo(-32002);
        assertThat(callError("start", Wire.Target.one("alpha"))).isEqualTo(-32004);
        assertThat(callError("stop", Wire.Target.one("idle"))).isEqualTo(-32005);
        assertThat(callError("start", Wire.Target.one("missing"))).isEqualTo(-32006);
    }

    @Test
    void anInvalidConfigOnReloadIsMinus32003WithEveryProblem() throws Exception {
        var broken = xy.writeServer("broken", "comand \"x\"\nport \"y\"\n");
        try (DaemonClient client = DaemonClient.connect(xy.socket())) {
            client.reload();
            throw new AssertionError("reload succeeded");
        } catch (RpcException e) {
            assertThat(e.code()).isEqualTo(-32003);
            List<Wire.Problem> problems = e.problems();
            assertThat(problems).hasSize(2);
            assertThat(problems.get(0).line()).isEqualTo(1);
            assertThat(problems.get(0).file()).endsWith("broken.kdl");
        } finally {
            java.nio.file.Files.delete(broken);
        }
    }

    @Test
    void batchesAreAnsweredAsBatchesAndNotificationsGetNoReply() throws Exception {
        List<JsonNode> replies = raw(
                2,
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"version\"},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"version\"},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}]",
                "{\"jsonrpc\":\"2.0\",\"method\":\"list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"version\"}");
        assertThat(replies.get(0).isArray()).isTrue();
        assertThat(replies.get(0)).hasSize(2);
        assertThat(replies.get(0).get(1).path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(replies.get(1).path("id").asInt()).isEqualTo(3);
    }

    @Test
    void aLineOverOneMegabyteClosesThatConnectionOnly() throws Exception {
        try (AFUNIXSocket socket = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(xy.socket()))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            boolean hungUpWhileWriting = false;
            try {
                for (int i = 0; i < 32; i++) {
                    out.write(chunk);
                }
                out.flush();
            } catch (java.io.IOException closedByDaemon) {
                hungUpWhileWriting = true;
            }
            if (!hungUpWhileWriting) {
                assertThat(socket.getInputStream().read())
                        .as("the daemon hangs up")
                        .isEqualTo(-1);
            }
        }
        assertThat(raw(1, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"version\"}")
                        .get(0)
                        .has("result"))
                .isTrue();
    }

    @Test
    void aClientThatNeverReadsItsLogStreamIsCutOff() throws Exception {
        xy.writeServer(
                "noisy",
                RealXy.shellServer("yes 'a rather long line of output to fill buffers quickly'", "autostart #false\n"));
        try (DaemonClient admin = DaemonClient.connect(xy.socket())) {
            admin.reload();
            admin.start(Wire.Target.one("noisy"));
        }
        try (AFUNIXSocket lazy = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(xy.socket()))) {
            lazy.getOutputStream()
                    .write(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logs\",\"params\":{\"name\":\"noisy\",\"follow\":true}}\n"
                                    .getBytes(StandardCharsets.UTF_8));
            lazy.getOutputStream().flush();
            // Never read: the daemon must drop this client rather than buffer for it, and stay responsive.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> xy.daemonLog().contains("client is not reading its messages; closing its connection"));
            lazy.setSoTimeout(20_000);
            byte[] buffer = new byte[1 << 16];
            long drained = 0;
            int read;
            while ((read = lazy.getInputStream().read(buffer)) >= 0) {
                drained += read;
            }
            assertThat(drained)
                    .as("what the socket held when the daemon hung up")
                    .isPositive();
        } finally {
            try (DaemonClient admin = DaemonClient.connect(xy.socket())) {
                admin.stop(Wire.Target.one("noisy"));
            }
        }
        assertThat(raw(1, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list\"}")
                        .get(0)
                        .has("result"))
                .isTrue();
    }

    @Test
    void subscribersGetASnapshotThenHearEveryTransitionWithTheWholeSummary() throws Exception {
        List<Wire.ServerSummary> snapshot = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DaemonClient subscriber = DaemonClient.connect(xy.socket());
                var subscription = subscriber.subscribe(new StateListener() {
                    @Override
                    public void snapshot(List<Wire.ServerSummary> servers) {
                        snapshot.addAll(servers);
                    }

                    @Override
                    public void event(Wire.StateEvent event) {
                        if (event.name().equals("idle") && event.kind() == Wire.EventKind.TRANSITION) {
                            assertThat(event.server().state()).isEqualTo(event.to());
                            assertThat(event.atUnixMs()).isPositive();
                            seen.add(event.from().wireName() + ">" + event.to().wireName());
                        }
                    }
                })) {
            assertThat(snapshot).extracting(Wire.ServerSummary::name).contains("alpha", "idle");
            try (DaemonClient admin = DaemonClient.connect(xy.socket())) {
                admin.start(Wire.Target.one("idle"));
                admin.stop(Wire.Target.one("idle"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 4);
            assertThat(seen)
                    .containsExactly("stopped>starting", "starting>running", "running>stopping", "stopping>stopped");
        }
    }

    @Test
    void fiftyConcurrentClientsAreAllServed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> clients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                clients.add(() -> {
                    try (DaemonClient client = DaemonClient.connect(xy.socket())) {
                        int answered = 0;
                        for (int call = 0; call < 20; call++) {
                            List<Wire.ServerSummary> list = client.list();
                            Wire.ServerDetail status = client.status("alpha");
                            answered += !list.isEmpty() && status.name().equals("alpha") ? 1 : 0;
                        }
                        return answered;
                    }
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(clients, 60, TimeUnit.SECONDS)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(50 * 20);
        } finally {
            pool.shutdownNow();
        }
    }
}
