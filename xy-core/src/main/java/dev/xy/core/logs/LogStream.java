package dev.xy.core.logs;

import java.util.Optional;

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

    /** The stream with this wire name, if any. */
    public static Optional<LogStream> fromWireName(String name) {
        for (LogStream stream : values()) {
            if (stream.wireName.equals(name)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }
}
