package dev.xy.core.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.RpcDispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket server with real Unix sockets, independent of the daemon. */
class SocketServerIT {
    @TempDir
    Path dir;

    private static final RpcDispatcher ECHO = new RpcDispatcher(Map.of("echo", (params, peer) -> params));

    private Path socketPath() {
        return dir.resolve("s.sock");
    }

    @Test
    void theOwnerIsServedAndTheSocketIsPrivate() throws Exception {
        Path path = socketPath();
        try (SocketServer server = SocketServer.start(path, ECHO);
                RpcClient client = RpcClient.connect(path)) {
            JsonNode result = client.call("echo", Map.of("hello", "world"));
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
        try (SocketServer server = SocketServer.start(path, ECHO, ownUid + 1);
                RpcClient client = RpcClient.connect(path)) {
            assertThatThrownBy(() -> client.call("echo", Map.of())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path path = socketPath();
        Files.writeString(path, "left behind by a killed daemon");
        try (SocketServer server = SocketServer.start(path, ECHO);
                RpcClient client = RpcClient.connect(path)) {
            assertThat(client.call("echo", Map.of("a", 1)).path("a").asInt()).isEqualTo(1);
        }
    }

    @Test
    void nothingListeningIsDaemonUnreachable() throws Exception {
        Path path = socketPath();
        assertThatThrownBy(() -> RpcClient.connect(path)).isInstanceOf(DaemonUnreachableException.class);
        Files.writeString(path, "not a socket");
        assertThatThrownBy(() -> RpcClient.connect(path)).isInstanceOf(DaemonUnreachableException.class);
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
