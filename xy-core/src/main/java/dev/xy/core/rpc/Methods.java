package dev.xy.core.rpc;

/** The method and notification names of xy's protocol, as they appear on the wire. */
public final class Methods {
    public static final String INFO = "info";
    public static final String LIST = "list";
    public static final String STATUS = "status";
    public static final String START = "start";
    public static final String STOP = "stop";
    public static final String RESTART = "restart";
    public static final String RELOAD = "reload";
    public static final String LOGS = "logs";
    public static final String LOGS_CANCEL = "logs_cancel";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String VERSION = "version";

    /** Notifications the daemon sends. */
    public static final String LOG = "log";

    public static final String LOG_END = "log_end";
    public static final String STATE = "state";

    /** The protocol version, raised on any incompatible change. */
    public static final int PROTOCOL_VERSION = 1;

    private Methods() {}
}
