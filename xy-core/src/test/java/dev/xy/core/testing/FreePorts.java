package dev.xy.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports nothing listens on, each handed out once per test JVM. The kernel may give the same ephemeral port to two
 * {@code bind(0)} calls in a row; two servers configured on it would be refused as a port clash.
 */
public final class FreePorts {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {}

    public static synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("the kernel kept handing out ports already in use by this test run");
    }

    /** A loopback listener on a port no config of this test JVM was given: a port "taken" by someone else. */
    public static synchronized ServerSocket hold() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket;
                }
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("the kernel kept handing out ports already in use by this test run");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
