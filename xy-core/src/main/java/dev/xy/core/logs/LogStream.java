package dev.xy.core.logs;

/** Where a log line came from: the server's stdout or stderr, or xy itself (supervisor events, markers). */
public enum LogStream {
    STDOUT("stdout"),
    STDERR("stderr"),
    XY("xy");

    private final String wireName;

    LogStream(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in log files and on the wire. */
    public String wireName() {
        return wireName;
    }
}
