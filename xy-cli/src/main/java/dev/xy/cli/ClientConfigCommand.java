package dev.xy.cli;

import dev.xy.core.client.DaemonClient;
import dev.xy.core.clients.ClientConfigs;
import dev.xy.core.clients.McpClient;
import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.config.ServerConfigReader;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.ipc.DaemonUnreachableException;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
                "Printing only: xy never edits a client's config file. With no daemon running, the URLs come from the"
                        + " configs in the default directory.");
        spec.addOption(clientOption);
        spec.addPositional(namesArg);
    }

    @Override
    public Integer call() throws Exception {
        McpClient client = clientOption.getValue();
        List<ClientConfigs.Endpoint> servers;
        Set<String> invalid = Set.of(); // servers whose config has problems: named, they are not unknown
        int exit = ExitCodes.OK;
        try (DaemonClient api = connect()) {
            List<Wire.ServerSummary> summaries = api.list();
            servers = summaries.stream()
                    .map(s -> new ClientConfigs.Endpoint(s.name(), s.url()))
                    .toList();
            List<String> names = namesArg.getValue();
            summaries.stream()
                    .filter(s -> s.state() == ServerState.FAILED)
                    .filter(s -> names == null || names.isEmpty() || names.contains(s.name()))
                    .forEach(s -> err().println("xy: note: " + s.name() + " is failed just now (`xy status " + s.name()
                            + "` says why); its URL answers once it runs"));
        } catch (DaemonUnreachableException unreachable) {
            if (unreachable.lockHolder().isPresent()) {
                throw unreachable; // a daemon is there but not answering: its configs may not be the default ones
            }
            // Before the first `xy daemon`, a user setting up a client still wants the snippet: the URLs come from
            // the configs alone (the port and the MCP path), where a daemon would serve the servers once the
            // configs are valid.
            Path configDir = paths().configDir();
            ConfigSet configs = ConfigLoader.loadDirectory(configDir);
            err().println(
                            Files.isDirectory(configDir)
                                    ? "xy: no daemon is running: read from the configs in " + configDir
                                    : "xy: no daemon is running, and no config directory yet: put one <name>.kdl file per"
                                            + " server in " + configDir);
            for (ConfigProblem problem : configs.problems()) {
                err().println(problem.describe());
                exit = ExitCodes.CONFIG_INVALID;
            }
            invalid = configs.problems().stream()
                    .map(p -> ServerConfigReader.serverName(p.file()))
                    .collect(Collectors.toSet());
            err().flush();
            servers = configs.servers().stream()
                    .map(c -> new ClientConfigs.Endpoint(c.name(), c.url()))
                    .toList();
        }
        out().print(ClientConfigs.render(client, chosen(servers, namesArg.getValue(), invalid)));
        out().flush();
        return exit;
    }

    /**
     * The servers named (all of them when none is), or an error naming those that do not exist; one whose config
     * is {@code invalid} exists, and its problems were said already.
     */
    private static List<ClientConfigs.Endpoint> chosen(
            List<ClientConfigs.Endpoint> servers, List<String> names, Set<String> invalid) throws RpcException {
        if (names == null || names.isEmpty()) {
            return servers;
        }
        List<String> unknown = names.stream()
                .filter(n -> servers.stream().noneMatch(s -> s.name().equals(n)) && !invalid.contains(n))
                .toList();
        if (!unknown.isEmpty()) {
            throw new RpcException(
                    ErrorCodes.SERVER_NOT_FOUND, "no server named " + String.join(", ", unknown), unknown);
        }
        return servers.stream().filter(s -> names.contains(s.name())).toList();
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
