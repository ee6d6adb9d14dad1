package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.OptionSpec;

/** {@code xy reload}: re-read the configs, apply the difference, and say what came of it. */
final class ReloadCommand extends QueryCommand<Wire.ReloadResult> {
    private int exit = ExitCodes.OK;

    private final OptionSpec noWait =
            Model.flag("Return once the changes are applied, without waiting for ready.", "--no-wait");

    ReloadCommand(XyCommand parent) {
        super(
                parent,
                "reload",
                "Re-read the config directory and apply the difference.",
                "If any config is invalid nothing changes, and every problem is printed (exit 3).",
                "A changed server that had failed is started with its new config.");
        spec.addOption(noWait);
        Model.exitCodes(
                spec,
                "0:applied, and every server it started or restarted is ready",
                "1:applied, but a server could not start or is not ready (each is named, with the reason)",
                "2:no daemon is running",
                "3:a config is invalid; nothing changed");
    }

    @Override
    Wire.ReloadResult ask(XyApi api) throws Exception {
        boolean returnEarly = noWait.getValue();
        Wire.ReloadResult result = api.reload(new Wire.ReloadParams(returnEarly ? false : null));
        exit = result.failed() == null || result.failed().isEmpty() ? ExitCodes.OK : ExitCodes.OPERATIONAL_ERROR;
        return result;
    }

    @Override
    void describe(Wire.ReloadResult result, PrintWriter out, XyApi api) throws Exception {
        out.println("configs: " + api.info().configDir());
        line(out, "added", result.added(), true);
        line(out, "removed", result.removed(), true);
        line(out, "changed", result.changed(), true);
        line(out, "unchanged", result.unchanged(), false);
        for (String name : nullToEmpty(result.started())) {
            out.println("started " + name);
        }
        for (String name : nullToEmpty(result.restarted())) {
            out.println("restarted " + name + " with its new config");
        }
        for (Wire.Failure failure : nullToEmpty(result.failed())) {
            err().println("xy: cannot start " + failure.name() + ": " + failure.reason());
        }
    }

    @Override
    public Integer call() throws Exception {
        int shown = super.call();
        return shown == ExitCodes.OK ? exit : shown;
    }

    private static void line(PrintWriter out, String kind, List<String> names, boolean withNames) {
        StringBuilder line = new StringBuilder(kind + ": " + names.size());
        if (withNames && !names.isEmpty()) {
            line.append(" (").append(String.join(", ", names)).append(')');
        }
        out.println(line);
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
