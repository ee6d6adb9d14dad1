package dev.xy.core.supervisor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Tells whether something already listens on a local port, by trying to connect to it. A connect probe, not a
 * bind probe: binding is fooled by connections in TIME_WAIT after a restart and differs between Linux and macOS.
 */
final class PortProbe {
    private static final int TIMEOUT_MILLIS = 200;

    private PortProbe() {}

    static boolean accepts(int port) {
        for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), ipv6Loopback()}) {
            if (address == null) {
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
                return true;
            } catch (IOException refused) {
                // Nothing there on this address.
            }
        }
        return false;
    }

    private static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByName("::1");
        } catch (IOException e) {
            return null;
        }
    }
}
