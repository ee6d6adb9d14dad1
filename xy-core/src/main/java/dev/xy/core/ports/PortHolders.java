package dev.xy.core.ports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which processes listen on which TCP ports, as far as the operating system tells: for naming the holder of a
 * port that a server needs, and for naming the ports a server listens on instead of its own. Answers are
 * best-effort: empty when the OS does not tell (another user's processes, an unknown OS).
 */
public interface PortHolders {
    /** The processes with a listening socket on {@code port}, on any address. */
    List<PortHolder> holders(int port);

    /** The ports on which any of {@code pids} (say, a server's process tree) has a listening socket. */
    SortedSet<Integer> listeningPorts(Set<Long> pids);

    /** Whether this system names listeners: an empty {@link #holders} then means that none listens. */
    default boolean tells() {
        return true;
    }

    /** Knows nothing: for systems that do not tell. */
    PortHolders NONE = new PortHolders() {
        @Override
        public List<PortHolder> holders(int port) {
            return List.of();
        }

        @Override
        public SortedSet<Integer> listeningPorts(Set<Long> pids) {
            return new TreeSet<>();
        }

        @Override
        public boolean tells() {
            return false;
        }
    };

    /** {@code /proc} on Linux, {@code lsof} on macOS, nothing elsewhere. */
    static PortHolders forThisSystem() {
        if (Files.isReadable(Path.of("/proc/net/tcp"))) {
            return new ProcNetPortHolders(Path.of("/proc"));
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return new LsofPortHolders(Path.of("/usr/sbin/lsof"));
        }
        return NONE;
    }
}
