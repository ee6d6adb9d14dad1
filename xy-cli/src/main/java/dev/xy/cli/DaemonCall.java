package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.ipc.RpcClient;
import dev.xy.core.rpc.RpcException;
import java.io.IOException;
import java.nio.file.Path;

/** One request to the daemon over a fresh connection; failures surface as exceptions for {@link ErrorReporter}. */
final class DaemonCall {
    private DaemonCall() {}

    static JsonNode call(Path socket, String method, Object params) throws IOException, RpcException {
        try (RpcClient client = RpcClient.connect(socket)) {
            return client.call(method, params);
        }
    }
}
