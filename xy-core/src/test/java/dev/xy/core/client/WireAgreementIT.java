package dev.xy.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.Methods;
import dev.xy.core.rpc.Wire;
import dev.xy.core.rpc.WireCodec;
import dev.xy.core.testing.FreePorts;
import dev.xy.core.testing.HostedEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon's answers — every method, every error that carries data, state and log notifications — read by
 * the client's streaming decoder and by databind: the same values, without databind, and written back as
 * {@code --json} the same text.
 */
class WireAgreementIT {
    @TempDir
    Path dir;

    private HostedEngine hosted;
    private ServerSocket taken;

    @AfterEach
    void tearDown() throws Exception {
        if (hosted != null) {
            hosted.close();
        }
        if (taken != null) {
            taken.close();
        }
    }

    /** A server of {@code command}'s config lines on {@code port}, with no health check. */
    private void server(String name, String command, int port, String extra) throws IOException {
        hosted.config(name, command + "\nport " + port + "\nhealth {\n  mode \"none\"\n}\n" + extra);
    }

    /** One connection that sends raw request lines and keeps every line the daemon sends back. */
    private static final class Raw implements AutoCloseable {
        private final SocketChannel channel;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Map<Long, Type> asked = new HashMap<>();
        private final List<String> heard = new ArrayList<>();
        private long nextId = 1;

        Raw(Path socket) throws IOException {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Sends a request and waits for its reply, keeping what came before it too. */
        void ask(String method, String params, Type result) throws Exception {
            long id = nextId++;
            asked.put(id, result);
            String line = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                    + (params == null ? "" : ",\"params\":" + params) + "}\n";
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            while (true) {
                String reply = lines.poll(30, TimeUnit.SECONDS);
                assertThat(reply).as("a reply to %s", line).isNotNull();
                heard.add(reply);
                if (reply.startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",")) {
                    return;
                }
            }
        }

        /** Waits for notifications until one contains {@code text}. */
        void awaitNotification(String text) throws Exception {
            while (true) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                assertThat(line).as("a notification with %s", text).isNotNull();
                heard.add(line);
                if (line.contains(text)) {
                    return;
                }
            }
        }

        Type typeOf(JsonNode line) {
            if (line.has("method")) {
                return switch (line.get("method").asText()) {
                    case Methods.STATE -> Wire.StateEvent.class;
                    case Methods.LOG -> Wire.LogEvent.class;
                    default -> Wire.LogEnd.class;
                };
            }
            return asked.get(line.get("id").asLong());
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    void everyAnswerOfARealDaemonReadsAndPrintsAsWithDatabind() throws Exception {
        hosted = HostedEngine.in(dir);
        XyPaths paths = hosted.paths();
        String script = "echo 'h\u00e9llo \\\"w\\\"\\t\u65e5'; exec sleep 1000";
        hosted.shellServer("alpha", script, "");
        hosted.shellServer("idle", script, "autostart #false\n");
        server("missing", "command \"no-such-xy-binary\"", FreePorts.next(), "autostart #false\n");
        taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server(
                "taken",
                "command \"/bin/sh\"\nargs \"-c\" \"" + script + "\"",
                taken.getLocalPort(),
                "autostart #false\n");
        hosted.serve(Wire.Host.DAEMON);

        try (Raw raw = new Raw(paths.socket());
                DaemonClient client = DaemonClient.connect(paths.socket())) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> client.status("alpha").pid() != null);
            raw.ask(Methods.SUBSCRIBE, null, Wire.SubscriptionResult.class);
            raw.ask(Methods.INFO, null, Wire.DaemonInfo.class);
            raw.ask(Methods.VERSION, null, Wire.VersionResult.class);
            raw.ask(Methods.LIST, null, WireCodec.listOf(Wire.ServerSummary.class));
            raw.ask(Methods.STATUS, "{\"name\":\"alpha\"}", Wire.ServerDetail.class);
            raw.ask(Methods.STATUS, "{\"name\":\"nope\"}", Wire.ServerDetail.class);
            raw.ask(Methods.START, "{\"name\":\"missing\"}", Wire.StartResult.class);
            raw.ask(Methods.START, "{\"name\":\"taken\"}", Wire.StartResult.class);
            raw.ask(Methods.START, "{\"names\":[\"idle\",\"alpha\"]}", Wire.StartResult.class);
            raw.ask(Methods.STATUS, "{\"name\":\"missing\"}", Wire.ServerDetail.class);
            raw.ask(Methods.STOP, "{\"name\":\"idle\"}", Wire.StopResult.class);
            raw.ask(Methods.STOP, "{\"name\":\"idle\"}", Wire.StopResult.class);
            raw.ask(Methods.RESTART, "{\"name\":\"alpha\"}", Wire.RestartResult.class);
            raw.ask(Methods.LOGS, "{\"name\":\"alpha\",\"tail\":20}", Wire.SubscriptionResult.class);
            raw.awaitNotification("\"method\":\"log_end\"");
            Files.writeString(paths.configDir().resolve("broken.kdl"), "comand \"x\"\n");
            raw.ask(Methods.RELOAD, null, Wire.ReloadResult.class);
            Files.delete(paths.configDir().resolve("broken.kdl"));
            hosted.shellServer("gamma", script, "autostart #false\n");
            Files.delete(paths.configDir().resolve("idle.kdl"));
            raw.ask(Methods.RELOAD, "{\"wait\":false}", Wire.ReloadResult.class);
            raw.ask(Methods.LIST, null, WireCodec.listOf(Wire.ServerSummary.class));

            List<String> methodsHeard = new ArrayList<>();
            for (String line : raw.heard) {
                JsonNode tree = Json.LENIENT.readTree(line);
                Type type = raw.typeOf(tree);
                methodsHeard.add(
                        tree.has("method") ? tree.get("method").asText() : tree.has("error") ? "error" : "result");
                assertThat(EnvelopeTest.readsAsATree(line, type))
                        .as("%s read without databind", line)
                        .isTrue();
                Object value = Envelope.read(line).payload(tree.has("method") ? "params" : "result", type);
                if (value != null) {
                    assertThat(WireCodec.write(value)).isEqualTo(Json.LENIENT.writeValueAsString(value));
                }
            }
            assertThat(methodsHeard).contains("state", "log", "log_end", "error", "result");
            assertThat(raw.heard)
                    .anySatisfy(
                            line -> assertThat(line).contains("\"code\":-32001").contains("\"data\""))
                    .anySatisfy(
                            line -> assertThat(line).contains("\"code\":-32002").contains("\"data\""))
                    .anySatisfy(
                            line -> assertThat(line).contains("\"code\":-32003").contains("\"data\""))
                    .anySatisfy(
                            line -> assertThat(line).contains("\"code\":-32006").contains("\"data\""))
                    .anySatisfy(line -> assertThat(line).contains("h\u00e9llo"));
        }
    }
}
