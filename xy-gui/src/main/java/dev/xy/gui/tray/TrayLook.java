package dev.xy.gui.tray;

import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import dev.xy.gui.servers.StateLook;
import java.util.List;

/** The tray icon's one glyph in three looks, by the servers as a whole: something failed, something is moving, or all is well. */
public enum TrayLook {
    FINE,
    STARTING,
    FAILED;

    public static TrayLook of(List<Wire.ServerSummary> servers) {
        if (servers.stream().anyMatch(s -> s.state() == ServerState.FAILED)) {
            return FAILED;
        }
        boolean moving = servers.stream()
                .anyMatch(s -> s.state() == ServerState.STARTING
                        || s.state() == ServerState.RESTARTING
                        || s.state() == ServerState.STOPPING);
        return moving ? STARTING : FINE;
    }

    /** The icon's tooltip: {@code xy — 3 running, 1 failed}. */
    public static String tooltip(List<Wire.ServerSummary> servers) {
        if (servers.isEmpty()) {
            return "xy — no servers";
        }
        long running =
                servers.stream().filter(s -> s.state() == ServerState.RUNNING).count();
        long failed =
                servers.stream().filter(s -> s.state() == ServerState.FAILED).count();
        return "xy — " + running + " of " + servers.size() + " running" + (failed > 0 ? ", " + failed + " failed" : "");
    }

    /** A server's line in the tray menu: {@code ● alpha  :3001  running}. */
    public static String menuLabel(Wire.ServerSummary server) {
        StateLook look = StateLook.of(server.state());
        return look.glyph() + " " + server.name() + "  :" + server.port() + "  " + look.word();
    }
}
