package dev.xy.core.ports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.health.EchoServer;
import dev.xy.core.testing.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who holds a port, asked of this machine's own operating system about real sockets. */
class PortHoldersIT {
    private final PortHolders holders = PortHolders.forThisSystem();

    @Test
    void thisMachineTellsWhoListens() {
        assertThat(holders).isInstanceOf(ProcNetPortHolders.class);
    }

    @Test
    void aPortHeldByThisJvmNamesItsPidAndJava() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(holders.holders(socket.getLocalPort())).singleElement().satisfies(holder -> {
                assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(holder.command()).startsWith("java ");
            });
        }
    }

    @Test
    void anIpv6ListenerIsFoundToo() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            assertThat(holders.holders(socket.getLocalPort()))
                    .extracting(PortHolder::pid)
                    .containsExactly(ProcessHandle.current().pid());
        }
    }

    @Test
    void aPortHeldByAnotherProcessNamesThatProcess() throws Exception {
        try (EchoServer other = EchoServer.start()) {
            assertThat(holders.holders(other.port()))
                    .containsExactly(new PortHolder(
                            other.pid(), "java -cp target/echo-server-classes dev.xy.examples.EchoMcpServer --port 0"));
            assertThat(holders.listeningPorts(Set.of(other.pid()))).containsExactly(other.port());
        }
    }

    @Test
    void aFreePortHasNoHolder() throws Exception {
        int port = FreePorts.next();
        assertThat(holders.holders(port)).isEmpty();
        assertThat(holders.listeningPorts(Set.of(ProcessHandle.current().pid())))
                .doesNotContain(port);
    }
}
