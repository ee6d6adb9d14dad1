package dev.xy.core.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.client.DaemonClient;
import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.RpcDispatcher;
import dev.xy.core.rpc.RpcPeer;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket server with real Unix sockets, independent of the daemon. */
class SocketServerIT {
    @TempDir
    Path dir;

    private static final Function<RpcPeer, RpcDispatcher> ECHO =
            peer -> new RpcDispatcher(Map.of("echo", (params, p) -> params));

    /** One request on a fresh JDK Unix-domain connection; the reply line as JSON. */
    private static JsonNode call(Path socket, String params) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":" + params + "}\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            String line = new BoundedLineReader(Channels.newInputStream(channel), 1 << 20).readLine();
            if (line == null) {
                throw new IOException("the server hung up");
            }
            return Json.LENIENT.readTree(line);
        }
    }

    private Path socketPath() {
        return dir.resolve("s.sock");
    }

    @Test
    void theOwnerIsServedAndTheSocketIsPrivate() throws Exception {
        Path path = socketPath();
        try (SocketServer server = SocketServer.start(path, ECHO)) {
            JsonNode result = call(path, "{\"hello\":\"world\"}").path("result");
            assertThat(result.path("hello").asText()).isEqualTo("world");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                    .isEqualTo("rw-------");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void aPeerOfAnotherUserIsRefused() throws Exception {
        Path path = socketPath();
        long ownUid = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        try (SocketServer server = SocketServer.start(path, ECHO, ownUid + 1)) {
            assertThatThrownBy(() -> call(path, "{}")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path path = socketPath();
        Files.writeString(path, "left behind by a killed daemon");
        try (SocketServer server = SocketServer.start(path, ECHO)) {
            assertThat(call(path, "{\"a\":1}").path("result").path("a").asInt()).isEqualTo(1);
        }
    }

    @Test
    void nothingListeningIsDaemonUnreachable() throws Exception {
        Path path = socketPath();
        assertThatThrownBy(() -> DaemonClient.connect(path)).isInstanceOf(DaemonUnreachableException.class);
        Files.writeString(path, "not a socket");
        assertThatThrownBy(() -> DaemonClient.connect(path)).isInstanceOf(DaemonUnreachableException.class);
    }

    @Test
    void beyondTheConnectionCapANewClientIsToldWhyAndTheOthersAreStillServed() throws Exception {
        Path path = socketPath();
        try (SocketServer server = SocketServer.start(path, ECHO)) {
            server.limitConnections(3);
            List<SocketChannel> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(SocketChannel.open(UnixDomainSocketAddress.of(path)));
                }
                await().until(() -> server.connectionCount() == 3);
                JsonNode refused;
                // The refusal comes unasked, and the daemon hangs up at once: read it without writing first.
                try (SocketChannel extra = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                    String line = new BoundedLineReader(Channels.newInputStream(extra), 1 << 20).readLine();
                    refused = Json.LENIENT.readTree(line);
                }
                assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32009);
                assertThat(refused.path("error").path("message").asText())
                        .isEqualTo("too many connections: xy serves at most 3 at once");
                open.remove(0).close();
                await().until(() -> server.connectionCount() == 2);
                assertThat(call(path, "{\"a\":2}").path("result").path("a").asInt())
                        .isEqualTo(2);
            } finally {
                for (SocketChannel channel : open) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void aTooLongSocketPathIsAClearError() {
        Path path = Path.of("/tmp/" + "d".repeat(120) + "/xy.sock");
        assertThatThrownBy(() -> SocketServer.checkLength(path))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the socket path " + path)
                .hasMessageContaining("XDG_RUNTIME_DIR");
    }
}
