package dev.xy.core.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to a port on this machine the way a client of {@code localhost} would: 127.0.0.1, then ::1, since a
 * server may listen on either alone. The address that answered is tried first next time, so that a probe of a
 * server on ::1 does not knock on 127.0.0.1 before every request.
 */
final class LoopbackConnector {
    private final int port;
    private final List<InetAddress> addresses = new ArrayList<>();

    LoopbackConnector(int port) {
        this.port = port;
        addresses.add(InetAddress.getLoopbackAddress());
        try {
            InetAddress v6 = InetAddress.getByName("::1");
            if (!addresses.contains(v6)) {
                addresses.add(v6);
            }
        } catch (UnknownHostException noIpv6) {
            // A machine without IPv6: 127.0.0.1 alone.
        }
    }

    int port() {
        return port;
    }

    /**
     * A connected socket, with its read timeout set to what is left of the deadline.
     *
     * @throws ConnectException when nothing accepts connections on the port at any loopback address
     * @throws java.net.SocketTimeoutException when the deadline passes first
     */
    Socket connect(Deadline deadline) throws IOException {
        for (InetAddress address : List.copyOf(addresses)) {
            Socket socket = new Socket();
            try {
                // Probes close first, so their side lingers in TIME_WAIT on an ephemeral port, which may be a
                // configured server's port: with SO_REUSEADDR it never stands in the way of that server's bind.
                socket.setReuseAddress(true);
                socket.connect(new InetSocketAddress(address, port), deadline.remainingMillis());
                socket.setSoTimeout(deadline.remainingMillis());
                socket.setTcpNoDelay(true);
                addresses.remove(address);
                addresses.add(0, address);
                return socket;
            } catch (SocketException notThere) {
                // Refused, or no such address family here (::1 on a machine with IPv6 off): try the next.
                socket.close();
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
        throw new ConnectException("nothing listens on port " + port);
    }
}
