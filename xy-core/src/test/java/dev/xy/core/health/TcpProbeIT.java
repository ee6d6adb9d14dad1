package dev.xy.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.testing.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpProbeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aListenerOnEitherLoopbackPasses() throws Exception {
        for (String address : new String[] {"127.0.0.1", "::1"}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
                assertThat(TcpProbe.probe(socket.getLocalPort(), TIMEOUT))
                        .as(address)
                        .isEqualTo(ProbeOutcome.passed());
            }
        }
    }

    @Test
    void nothingListeningFailsAtOnceSayingSo() throws Exception {
        int port = FreePorts.next();
        long start = System.nanoTime();

        assertThat(TcpProbe.probe(port, TIMEOUT))
                .isEqualTo(new ProbeOutcome.Failed("nothing listens on " + port, true));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
    }
}
