package dev.xy.core.rpc;

/** JSON-RPC 2.0 error codes: the standard ones, and xy's own in the -32000 range. Part of the public protocol. */
public final class ErrorCodes {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    public static final int SERVER_NOT_FOUND = -32001;
    public static final int PORT_CONFLICT = -32002;
    public static final int CONFIG_INVALID = -32003;
    public static final int ALREADY_RUNNING = -32004;
    public static final int NOT_RUNNING = -32005;
    public static final int SPAWN_FAILED = -32006;
    /** The daemon is stopping its servers and takes no more commands. */
    public static final int SHUTTING_DOWN = -32007;
    /** A connection asked for more streams (followed or tailed logs, subscriptions) than it may have open at once. */
    public static final int TOO_MANY_STREAMS = -32008;
    /** The daemon already serves as many connections as it will; this one is refused. */
    public static final int TOO_MANY_CONNECTIONS = -32009;

    private ErrorCodes() {}
}
