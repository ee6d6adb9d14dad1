package dev.xy.core.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Linux's answer, from {@code /proc}: the listening sockets of {@code net/tcp} and {@code net/tcp6} by inode,
 * and the processes whose {@code fd/} links point at {@code socket:[inode]}. Without root, only the caller's own
 * processes show their descriptors, so other users' holders stay unnamed.
 */
final class ProcNetPortHolders implements PortHolders {
    private static final String LISTEN = "0A";

    private final Path proc;

    /** @param proc the {@code /proc} directory (another root in tests) */
    ProcNetPortHolders(Path proc) {
        this.proc = proc;
    }

    @Override
    public List<PortHolder> holders(int port) {
        Map<Long, Integer> listening = listeningSockets();
        listening.values().removeIf(p -> p != port);
        if (listening.isEmpty()) {
            return List.of();
        }
        List<PortHolder> holders = new ArrayList<>();
        for (long pid : allPids()) {
            if (!socketsOf(pid, listening).isEmpty()) {
                holders.add(new PortHolder(pid, command(pid)));
            }
        }
        holders.sort(Comparator.comparingLong(PortHolder::pid));
        return holders;
    }

    @Override
    public SortedSet<Integer> listeningPorts(Set<Long> pids) {
        Map<Long, Integer> listening = listeningSockets();
        SortedSet<Integer> ports = new TreeSet<>();
        for (long pid : pids) {
            ports.addAll(socketsOf(pid, listening));
        }
        return ports;
    }

    /** Port by socket inode, for every socket in LISTEN state, IPv4 and IPv6. */
    Map<Long, Integer> listeningSockets() {
        Map<Long, Integer> sockets = new HashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(proc.resolve(table), StandardCharsets.US_ASCII);
            } catch (IOException absent) {
                continue; // No IPv6, say.
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 10 || !fields[3].equals(LISTEN)) {
                    continue;
                }
                String local = fields[1];
                try {
                    int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                    sockets.put(Long.parseLong(fields[9]), port);
                } catch (NumberFormatException | StringIndexOutOfBoundsException malformed) {
                    // A line this reader does not understand tells nothing.
                }
            }
        }
        return sockets;
    }

    /** The ports of those of {@code sockets} that {@code pid} has open. */
    private List<Integer> socketsOf(long pid, Map<Long, Integer> sockets) {
        List<Integer> ports = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(pid + "/fd"))) {
            for (Path fd : fds) {
                Integer port = socketInode(fd).map(sockets::get).orElse(null);
                if (port != null && !ports.contains(port)) {
                    ports.add(port);
                }
            }
        } catch (IOException | SecurityException gone) {
            // The process ended, or its descriptors are not ours to see.
        }
        return ports;
    }

    private static Optional<Long> socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Optional.of(Long.parseLong(target.substring(8, target.length() - 1)));
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException closedOrOther) {
            // The descriptor was closed meanwhile, or is not a socket.
        }
        return Optional.empty();
    }

    private List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    pids.add(Long.parseLong(entry.getFileName().toString()));
                } catch (NumberFormatException notAProcess) {
                    // Such as a file that only starts with a digit.
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }

    /** The command line from {@code cmdline}, or the name from {@code comm} when that is empty (kernel threads). */
    String command(long pid) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(pid + "/cmdline"));
            List<String> argv = new ArrayList<>();
            for (String arg : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                if (!arg.isEmpty()) {
                    argv.add(arg);
                }
            }
            if (argv.isEmpty()) {
                argv.add(Files.readString(proc.resolve(pid + "/comm"), StandardCharsets.UTF_8)
                        .trim());
            }
            return PortHolder.shorten(argv);
        } catch (IOException gone) {
            return "";
        }
    }
}
