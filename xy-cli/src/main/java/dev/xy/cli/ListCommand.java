package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ServerConfigReader;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code xy list}: every server with its state, and where the daemon reads their configs. */
final class ListCommand extends QueryCommand<List<Wire.ServerSummary>> {
    /** A reason is cut to this in the table; {@code xy status} shows it whole. */
    private static final int REASON_WIDTH = 60;

    /** A ready server needs no explanation; anything else (failing, restarting, not ready) does. */
    private static boolean worthSaying(Wire.ServerSummary s) {
        boolean fine = s.state() == ServerState.RUNNING && !Boolean.FALSE.equals(s.ready());
        return !fine && s.state() != ServerState.STOPPING && s.reason() != null;
    }

    ListCommand(XyCommand parent) {
        super(parent, "list", "Show every server and its state.");
    }

    @Override
    List<Wire.ServerSummary> ask(XyApi api) throws Exception {
        return api.list();
    }

    @Override
    void describe(List<Wire.ServerSummary> servers, PrintWriter out, XyApi api) throws Exception {
        String configDir = api.info().configDir();
        List<String> unserved = unserved(Path.of(configDir), servers);
        if (servers.isEmpty()) {
            err().println("no servers configured (put <name>.kdl files in " + configDir + ", then `xy reload`)");
            sayUnserved(unserved, err());
            return;
        }
        Table table = new Table("NAME", "STATE", "READY", "PID", "PORT", "UPTIME", "RESTARTS", "LAST-EXIT", "REASON");
        // On a terminal a long reason is cut to keep rows on one line; piped (to grep, say) it stays whole.
        int reasonWidth = System.console() != null ? REASON_WIDTH : Integer.MAX_VALUE;
        boolean cut = false;
        for (Wire.ServerSummary s : servers) {
            String reason = worthSaying(s) ? s.reason() : "";
            cut |= reason.length() > reasonWidth;
            table.add(
                    s.name(),
                    HumanFormat.state(s.state()),
                    HumanFormat.ready(s.ready()),
                    HumanFormat.orDash(s.pid()),
                    Integer.toString(s.port()),
                    s.uptimeSecs() == null ? "-" : HumanFormat.uptime(s.uptimeSecs()),
                    Integer.toString(s.restartCount()),
                    HumanFormat.lastExit(s.lastExit()),
                    HumanFormat.shorten(reason, reasonWidth));
        }
        table.print(out);
        out.println();
        if (cut) {
            out.println("a reason that ends in … is whole in `xy status NAME`");
        }
        out.println("configs: " + configDir);
        sayUnserved(unserved, out);
    }

    /**
     * Config files in the directory that serve no server: invalid (the app hosts the valid ones and leaves those
     * out), or added since the last reload. Only the directory is listed, nothing parsed: {@code xy validate}
     * says which.
     */
    private static List<String> unserved(Path configDir, List<Wire.ServerSummary> servers) {
        Set<String> served = servers.stream().map(Wire.ServerSummary::name).collect(Collectors.toSet());
        return ConfigLoader.configFiles(configDir).stream()
                .filter(file -> !served.contains(ServerConfigReader.serverName(file)))
                .map(file -> file.getFileName().toString())
                .toList();
    }

    private static void sayUnserved(List<String> unserved, PrintWriter out) {
        if (!unserved.isEmpty()) {
            out.println("not served: " + String.join(", ", unserved)
                    + " (invalid, or added since the last reload: `xy validate`, then `xy reload`)");
        }
    }
}
