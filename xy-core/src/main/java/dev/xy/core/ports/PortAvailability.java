package dev.xy.core.ports;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a server could take its port: checked before spawning, so that a port held by another process is
 * reported as that, rather than as a crash loop of a server that cannot bind (the reference MCP server even
 * logs "listening" before it exits).
 *
 * <p>Two checks. A connect to 127.0.0.1 and ::1 finds anything a local client would reach. A bind of 127.0.0.1,
 * ::1, 0.0.0.0 and :: finds listeners on other addresses too, which would make a server's own bind fail. The
 * bind uses {@code SO_REUSEADDR}, as servers do, so connections of a previous run in {@code TIME_WAIT} do not
 * make a just-released port look taken; it never listens, and it is closed at once.
 */
public final class PortAvailability {
    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private final PortHolders holders;

    public PortAvailability(PortHolders holders) {
        this.holders = holders;
    }

    /**
     * Why the port cannot be had, for a person: {@code port 3001 is in use on 127.0.0.1 by pid 4242 (python3 -m
     * http.server 3001)}; empty when it is free.
     *
     * <p>Something that accepts connections, or a listener the OS names, is a conflict. A bind that fails with
     * no listener anywhere is not, where the OS can name listeners: that is a connection's leftover (say, a
     * client socket in TIME_WAIT on a port in the ephemeral range), gone within a minute, and often no obstacle
     * to a server that binds with {@code SO_REUSEADDR}; the server's own bind is the judge then, and a
     * failure is handled as a crash, with retries, rather than as a permanent conflict.
     */
    public Optional<String> conflict(int port) {
        Optional<String> accepting = acceptingAt(port);
        if (accepting.isPresent()) {
            return Optional.of(describe(port, accepting.get(), holders.holders(port)));
        }
        Optional<String> unbindable = unbindableAt(port);
        if (unbindable.isEmpty()) {
            return Optional.empty();
        }
        List<PortHolder> found = holders.holders(port);
        if (found.isEmpty() && holders.tells()) {
            return Optional.empty();
        }
        return Optional.of(describe(port, unbindable.get(), found));
    }

    private static String describe(int port, String where, List<PortHolder> found) {
        String by = found.isEmpty()
                ? "by another process (the system does not say which)"
                : "by " + found.stream().map(PortHolder::describe).collect(Collectors.joining(", "));
        return "port " + port + " is in use on " + where + " " + by;
    }

    /** Where the port is taken ({@code 127.0.0.1}, {@code ::1}, {@code all interfaces}); empty when it is free. */
    public static Optional<String> takenAt(int port) {
        return acceptingAt(port).or(() -> unbindableAt(port));
    }

    /** The loopback address on which something accepts connections on the port. */
    private static Optional<String> acceptingAt(int port) {
        for (InetAddress address : loopbacks()) {
            if (accepts(address, port)) {
                return Optional.of(describe(address));
            }
        }
        return Optional.empty();
    }

    /** The address a server could not bind the port on. */
    private static Optional<String> unbindableAt(int port) {
        for (InetAddress address : bindAddresses()) {
            if (!bindable(address, port)) {
                return Optional.of(describe(address));
            }
        }
        return Optional.empty();
    }

    private static String describe(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "all interfaces";
        }
        return address instanceof Inet6Address ? "::1" : address.getHostAddress();
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            // A client socket in TIME_WAIT with SO_REUSEADDR never stands in the way of a server's bind.
            socket.setReuseAddress(true);
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean bindable(InetAddress address, int port) {
        // Bound, never listening: while it is open, a server another thread spawns inherits it for a moment
        // (until the JDK's spawn helper closes what it inherited), and a listening copy there would look like
        // that server holding this port, to this very check on its next address.
        try (Socket socket = new Socket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (BindException taken) {
            return false;
        } catch (IOException unsupported) {
            // An address family this machine lacks cannot be in anyone's way.
            return true;
        }
    }

    /** 127.0.0.1, and ::1 where the loopback interface has it. */
    private static List<InetAddress> loopbacks() {
        List<InetAddress> addresses = new ArrayList<>();
        addresses.add(InetAddress.getLoopbackAddress());
        ipv6Loopback().ifPresent(addresses::add);
        return addresses;
    }

    private static List<InetAddress> bindAddresses() {
        List<InetAddress> addresses = loopbacks();
        try {
            addresses.add(InetAddress.getByName("0.0.0.0"));
            if (ipv6Loopback().isPresent()) {
                addresses.add(InetAddress.getByName("::"));
            }
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        return addresses;
    }

    private static Optional<InetAddress> ipv6Loopback() {
        try {
            InetAddress v6 = InetAddress.getByName("::1");
            return NetworkInterface.getByInetAddress(v6) != null ? Optional.of(v6) : Optional.empty();
        } catch (SocketException | UnknownHostException e) {
            return Optional.empty();
        }
    }
}
