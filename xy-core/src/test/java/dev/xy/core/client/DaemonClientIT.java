package dev.xy.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.ipc.SocketServer;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.RpcDispatcher;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket client against a stand-in daemon that answers as a newer (or odd) daemon might. */
class DaemonClientIT {
    @TempDir
    Path dir;

    private SocketServer fakeDaemon(Map<String, RpcDispatcher.Handler> handlers) throws Exception {
        return SocketServer.start(dir.resolve("d.sock"), peer -> new RpcDispatcher(handlers));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.LENIENT.readTree(text);
    }

    @Test
    void aNewerDaemonsExtraFieldsAndStatesDoNotBreakTheClient() throws Exception {
        JsonNode newer = json("[{\"name\":\"a\",\"state\":\"hibernating\",\"port\":3001,\"restart_count\":0,"
                + "\"colour\":\"teal\",\"mcp\":{\"name\":\"x\",\"tools\":3,\"icons\":[]}},"
                + "{\"name\":\"b\",\"state\":\"running\",\"port\":3002,\"restart_count\":1,\"ready\":true}]");
        try (SocketServer server = fakeDaemon(Map.of("list", (params, peer) -> newer));
                DaemonClient client = DaemonClient.connect(dir.resolve("d.sock"))) {
            List<Wire.ServerSummary> servers = client.list();
            assertThat(servers).hasSize(2);
            assertThat(servers.get(0).state())
                    .as("a state this client does not know")
                    .isNull();
            assertThat(servers.get(0).mcp().tools()).isEqualTo(3);
            assertThat(servers.get(1).state()).isEqualTo(ServerState.RUNNING);
            assertThat(servers.get(1).ready()).isTrue();
        }
    }

    @Test
    void errorDataIsTypedByCodeAndUnknownDataIsKeptRaw() throws Exception {
        try (SocketServer server = fakeDaemon(Map.of(
                        "reload",
                        (params, peer) -> {
                            throw new RpcException(
                                    ErrorCodes.CONFIG_INVALID,
                                    "1 problem(s)",
                                    List.of(new Wire.Problem("/c/a.kdl", 3, 7, "unknown node `comand`")));
                        },
                        "version",
                        (params, peer) -> {
                            throw new RpcException(-32050, "something new", Map.of("hint", "upgrade"));
                        }));
                DaemonClient client = DaemonClient.connect(dir.resolve("d.sock"))) {
            assertThatThrownBy(client::reload).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.problems())
                    .containsExactly(new Wire.Problem("/c/a.kdl", 3, 7, "unknown node `comand`")));
            assertThatThrownBy(client::version).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.data())
                    .isInstanceOf(JsonNode.class)
                    .hasToString("{\"hint\":\"upgrade\"}"));
        }
    }
}
