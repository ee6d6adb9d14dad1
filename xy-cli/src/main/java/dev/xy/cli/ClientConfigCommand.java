package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.client.DaemonClient;
import dev.xy.core.clients.ClientConfigs;
import dev.xy.core.clients.McpClient;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xy client-config [--client C] [NAME...]}: what an MCP client needs to reach the servers. */
@Command(
        name = "client-config",
        description = {
            "Print what an MCP client needs in its config to reach the servers (default: all of them).",
            "Printing only: xy never edits a client's config file."
        })
final class ClientConfigCommand extends ClientCommand {
    @Option(
            names = "--client",
            paramLabel = "CLIENT",
            defaultValue = "generic",
            converter = McpClientConverter.class,
            completionCandidates = McpClientCandidates.class,
            description = "generic (default), claude-desktop, claude-code, cursor or vscode.")
    McpClient client;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Servers to include.")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        try (DaemonClient api = connect()) {
            List<ClientConfigs.Endpoint> endpoints = endpoints(api);
            out().print(ClientConfigs.render(client, endpoints));
            out().flush();
        }
        return ExitCodes.OK;
    }

    private List<ClientConfigs.Endpoint> endpoints(XyApi api) throws Exception {
        List<Wire.ServerSummary> servers = api.list();
        if (names != null && !names.isEmpty()) {
            List<String> unknown = names.stream()
                    .filter(n -> servers.stream().noneMatch(s -> s.name().equals(n)))
                    .toList();
            if (!unknown.isEmpty()) {
                throw new RpcException(
                        ErrorCodes.SERVER_NOT_FOUND, "no server named " + String.join(", ", unknown), unknown);
            }
        }
        return servers.stream()
                .filter(s -> names == null || names.isEmpty() || names.contains(s.name()))
                .map(s -> new ClientConfigs.Endpoint(s.name(), s.url()))
                .toList();
    }

    static final class McpClientConverter implements picocli.CommandLine.ITypeConverter<McpClient> {
        @Override
        public McpClient convert(String value) {
            return McpClient.byId(value)
                    .orElseThrow(() -> new picocli.CommandLine.TypeConversionException("unknown client `" + value
                            + "`; choose generic, claude-desktop, claude-code, cursor or vscode"));
        }
    }

    static final class McpClientCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(McpClient.values())
                    .map(McpClient::id)
                    .iterator();
        }
    }
}
