package dev.xy.core.supervisor;

import java.util.Map;
import java.util.Optional;

/**
 * How a process ended: an exit code, or the signal that killed it. The JDK reports a death by signal N as exit
 * value 128+N (as shells do), so values from 129 to 159 are read as signals.
 */
public record ExitStatus(Optional<Integer> code, Optional<String> signal) {
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(
            Map.entry(1, "SIGHUP"),
            Map.entry(2, "SIGINT"),
            Map.entry(3, "SIGQUIT"),
            Map.entry(4, "SIGILL"),
            Map.entry(5, "SIGTRAP"),
            Map.entry(6, "SIGABRT"),
            Map.entry(7, "SIGBUS"),
            Map.entry(8, "SIGFPE"),
            Map.entry(9, "SIGKILL"),
            Map.entry(10, "SIGUSR1"),
            Map.entry(11, "SIGSEGV"),
            Map.entry(12, "SIGUSR2"),
            Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"),
            Map.entry(15, "SIGTERM"));

    public static ExitStatus code(int code) {
        return new ExitStatus(Optional.of(code), Optional.empty());
    }

    public static ExitStatus signal(String name) {
        return new ExitStatus(Optional.empty(), Optional.of(name));
    }

    /** Interprets a JDK exit value. */
    public static ExitStatus fromExitValue(int value) {
        if (value > 128 && value < 160) {
            return signal(SIGNALS.getOrDefault(value - 128, "SIG" + (value - 128)));
        }
        return code(value);
    }

    /** A clean exit: code 0. */
    public boolean isSuccess() {
        return code.filter(c -> c == 0).isPresent();
    }

    /** "code 3" or "signal SIGKILL", for messages. */
    public String describe() {
        return code.map(c -> "code " + c).orElseGet(() -> "signal " + signal.orElseThrow());
    }
}
