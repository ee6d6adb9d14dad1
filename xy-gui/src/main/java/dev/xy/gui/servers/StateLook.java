package dev.xy.gui.servers;

import dev.xy.core.supervisor.ServerState;

/**
 * How a server state looks everywhere in the app: a glyph and a word, so it reads without colour (colour-blind
 * users, monochrome screenshots), and a style class that adds the colour.
 */
public enum StateLook {
    RUNNING("●", "running", "state-running"),
    STARTING("◐", "starting", "state-starting"),
    RESTARTING("↻", "restarting", "state-starting"),
    STOPPING("◑", "stopping", "state-starting"),
    STOPPED("○", "stopped", "state-stopped"),
    FAILED("✖", "failed", "state-failed"),
    /** A state this app does not know (a newer daemon) or none reported. */
    UNKNOWN("?", "unknown", "state-stopped");

    private final String glyph;
    private final String word;
    private final String styleClass;

    StateLook(String glyph, String word, String styleClass) {
        this.glyph = glyph;
        this.word = word;
        this.styleClass = styleClass;
    }

    public static StateLook of(ServerState state) {
        if (state == null) {
            return UNKNOWN;
        }
        return switch (state) {
            case RUNNING -> RUNNING;
            case STARTING -> STARTING;
            case RESTARTING -> RESTARTING;
            case STOPPING -> STOPPING;
            case STOPPED -> STOPPED;
            case FAILED -> FAILED;
        };
    }

    public String glyph() {
        return glyph;
    }

    public String word() {
        return word;
    }

    public String styleClass() {
        return styleClass;
    }

    /** Glyph and word together, as the table and the tray show them. */
    public String label() {
        return glyph + " " + word;
    }
}
