package dev.xy.gui;

import dev.xy.core.api.XyApi;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.rpc.Wire;
import java.util.List;
import java.util.Objects;

/**
 * What the app drives: the engine it hosts in-process, or a daemon it attached to over the socket. The views know
 * only {@link #api()}, so both are the same code. Closing a hosting backend stops every server it hosts, removes
 * the socket and releases the lock; closing an attached one only hangs up, and the daemon keeps running.
 */
public final class Backend implements AutoCloseable {
    private final XyApi api;
    private final Wire.DaemonInfo info;
    private final boolean hosting;
    private final List<ConfigProblem> startupProblems;
    private final AutoCloseable owner;

    /**
     * @param startupProblems what was wrong with the configs when this process started hosting (none when attached)
     * @param owner what {@link #close()} closes: the host or the client connection
     */
    public Backend(
            XyApi api,
            Wire.DaemonInfo info,
            boolean hosting,
            List<ConfigProblem> startupProblems,
            AutoCloseable owner) {
        this.api = Objects.requireNonNull(api, "api");
        this.info = Objects.requireNonNull(info, "info");
        this.hosting = hosting;
        this.startupProblems = List.copyOf(startupProblems);
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    public XyApi api() {
        return api;
    }

    public Wire.DaemonInfo info() {
        return info;
    }

    /** True when this process hosts the engine (and its servers end with it). */
    public boolean hosting() {
        return hosting;
    }

    public List<ConfigProblem> startupProblems() {
        return startupProblems;
    }

    /** What the status line says: "hosting", or who this app is attached to. */
    public String describe() {
        if (hosting) {
            return "hosting";
        }
        String who = info.host() == Wire.Host.APP ? "xy app" : "daemon";
        return "attached to " + who + " pid " + info.pid();
    }

    /** Blocks while a hosting backend stops its servers: never call it on the JavaFX thread. */
    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            System.getLogger(Backend.class.getName()).log(System.Logger.Level.WARNING, "closing the backend", e);
        }
    }
}
