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
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code xy client-config [--client C] [NAME...]}: what an MCP client needs to reach the servers. */
final class ClientConfigCommand extends ClientCommand {
    private final OptionSpec clientOption = Model.option(
                    McpClient.class,
                    "CLIENT",
                    "generic (default), claude-desktop, claude-code, cursor or vscode.",
                    "--client")
            .defaultValue("generic")
            .converters(new McpClientConverter())
            .completionCandidates(new McpClientCandidates())
            .build();

    private final PositionalParamSpec namesArg =
            Model.list(String.class, "NAME", "0..*", "Servers to include.").build();

    ClientConfigCommand(XyCommand parent) {
        super(
                parent,
                "client-config",
                "Print what an MCP client needs in its config to reach the servers (default: all of them).",
                "Printing only: xy never edits a client's config file.");
        spec.addOption(clientOption);
        spec.addPositional(namesArg);
    }

    @Override
    public Integer call() throws Exception {
        McpClient client = clientOption.getValue();
        try (DaemonClient api = connect()) {
            List<ClientConfigs.Endpoint> endpoints = endpoints(api, namesArg.getValue());
            out().print(ClientConfigs.render(client, endpoints));
            out().flush();
        }
        return ExitCodes.OK;
    }

    private static List<ClientConfigs.Endpoint> endpoints(XyApi api, List<String> names) throws Exception {
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
