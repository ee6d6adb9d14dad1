package dev.xy.core.daemon;

/** Exit codes of the CLI and the daemon, a contract that scripts rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something went wrong doing what was asked (unknown server, bad arguments, I/O failure). */
    public static final int OPERATIONAL_ERROR = 1;

    public static final int DAEMON_UNREACHABLE = 2;
    public static final int CONFIG_INVALID = 3;

    private ExitCodes() {}
}
