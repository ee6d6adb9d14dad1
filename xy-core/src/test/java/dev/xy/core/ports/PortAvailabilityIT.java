package dev.xy.core.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.xy.core.health.EchoServer;
import dev.xy.core.testing.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Whether a port is free, checked against real listeners and a real TIME_WAIT. */
class PortAvailabilityIT {
    private static ServerSocket listen(String address) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        return socket;
    }

    /** Whether Linux has a connection in TIME_WAIT whose local port is {@code port}. */
    private static boolean timeWaitOn(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X ", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && (fields[1] + " ").endsWith(hexPort) && fields[3].equals("06")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aFreePortIsFree() throws IOException {
        assertThat(PortAvailability.takenAt(FreePorts.next())).isEmpty();
        assertThat(new PortAvailability(PortHolders.forThisSystem()).conflict(FreePorts.next()))
                .isEmpty();
    }

    @Test
    void aListenerOnEitherLoopbackTakesThePort() throws IOException {
        try (ServerSocket v4 = listen("127.0.0.1");
                ServerSocket v6 = listen("::1")) {
            assertThat(PortAvailability.takenAt(v4.getLocalPort())).contains("127.0.0.1");
            assertThat(PortAvailability.takenAt(v6.getLocalPort())).contains("::1");
        }
    }

    @Test
    void aListenerOnAnotherAddressIsFoundByBinding() throws IOException {
        // 127.0.0.2 is loopback on Linux, but not where a client of localhost connects: only a bind sees it.
        try (ServerSocket other = listen("127.0.0.2")) {
            assertThat(PortAvailability.takenAt(other.getLocalPort())).contains("all interfaces");
        }
    }

    @Test
    void aConflictNamesTheHoldersPidAndCommand() throws IOException {
        try (ServerSocket held = listen("0.0.0.0")) {
            int port = held.getLocalPort();
            assertThat(new PortAvailability(PortHolders.forThisSystem()).conflict(port))
                    .hasValueSatisfying(reason -> assertThat(reason)
                            .startsWith("port " + port + " is in use on 127.0.0.1 by pid "
                                    + ProcessHandle.current().pid() + " (java "));
            assertThat(new PortAvailability(PortHolders.NONE).conflict(port))
                    .contains("port " + port
                            + " is in use on 127.0.0.1 by another process (the system does not say which)");
        }
    }

    @Test
    void aPortUsedOnlyAsTheLocalEndOfAConnectionIsNoConflictWhereTheSystemNamesListeners() throws IOException {
        try (ServerSocket listener = listen("127.0.0.1");
                Socket client = new Socket()) {
            client.setReuseAddress(false);
            client.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = client.getLocalPort();
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));

            assertThat(PortAvailability.takenAt(port)).as("a bind does fail").isPresent();
            assertThat(new PortAvailability(PortHolders.forThisSystem()).conflict(port))
                    .as("but nobody listens: the server's own bind decides, with retries")
                    .isEmpty();
            assertThat(new PortAvailability(PortHolders.NONE).conflict(port))
                    .as("where the system names no listeners, a failed bind still counts")
                    .isPresent();
        }
    }

    @Test
    void aPortJustReleasedByAKilledServerIsFreeDespiteTimeWait() throws Exception {
        int port;
        try (EchoServer server = EchoServer.start()) {
            port = server.port();
            // The server closes this connection first (Connection: close), so its side stays in TIME_WAIT.
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = client.getOutputStream();
                out.write("GET /mcp HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                        .startsWith("HTTP/1.1 405");
            }
            await().until(() -> timeWaitOn(port));
            server.process().destroyForcibly().waitFor();
        }
        assertThat(timeWaitOn(port)).isTrue();
        // Without SO_REUSEADDR the port would look taken: the TIME_WAIT is real.
        try (ServerSocket plain = new ServerSocket()) {
            plain.setReuseAddress(false);
            assertThatThrownBy(() -> plain.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
                    .isInstanceOf(BindException.class);
        }

        assertThat(PortAvailability.takenAt(port)).isEmpty();
    }
}
