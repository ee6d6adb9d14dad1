package dev.xy.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
