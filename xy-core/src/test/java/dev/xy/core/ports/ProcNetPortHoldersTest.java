package dev.xy.core.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a {@code /proc} tree laid out in a temporary directory, as Linux lays it out. */
class ProcNetPortHoldersTest {
    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @TempDir
    Path proc;

    private ProcNetPortHolders holders;

    private static String row(String local, String remote, String state, long inode) {
        return "   0: " + local + " " + remote + " " + state
                + " 00000000:00000000 00:00000000 00000000  1000        0 " + inode
                + " 1 0000000000000000 100 0 0 10 0\n";
    }

    private void process(long pid, String cmdline, String comm, String... fdTargets) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("fd"));
        Files.writeString(proc.resolve(pid + "/cmdline"), cmdline, StandardCharsets.UTF_8);
        Files.writeString(proc.resolve(pid + "/comm"), comm + "\n", StandardCharsets.UTF_8);
        for (int fd = 0; fd < fdTargets.length; fd++) {
            Files.createSymbolicLink(dir.resolve(Integer.toString(fd + 3)), Path.of(fdTargets[fd]));
        }
    }

    @BeforeEach
    void layOutProc() throws IOException {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(
                proc.resolve("net/tcp"),
                HEADER
                        + row("0100007F:0BB9", "00000000:0000", "0A", 111) // 127.0.0.1:3001, listening
                        + row("0100007F:0BB9", "0100007F:A1EA", "01", 222) // a connection to it
                        + row("00000000:0BBA", "00000000:0000", "0A", 333) // 0.0.0.0:3002, listening
                        + row("0100007F:0BBB", "0100007F:A1EB", "06", 0) // TIME_WAIT, no owner
                        + "   garbage line\n");
        Files.writeString(
                proc.resolve("net/tcp6"),
                HEADER
                        + row(
                                "00000000000000000000000000000000:0F4D",
                                "00000000000000000000000000000000:0000",
                                "0A",
                                444));
        process(100, "python3\0-m\0http.server\0003001\0", "python3", "anon_inode:[eventfd]", "socket:[111]");
        process(
                200,
                "/usr/bin/node\0/home/me/mcp/server-everything/dist/index.js\0streamableHttp\0",
                "node",
                "socket:[444]",
                "socket:[333]",
                "pipe:[9]");
        process(300, "curl\0localhost:3001\0", "curl", "socket:[222]");
        process(400, "", "worker", "socket:[111]"); // a forked child sharing the listening socket
        Files.createDirectories(proc.resolve("self"));
        holders = new ProcNetPortHolders(proc);
    }

    @Test
    void everyProcessWithTheListeningSocketHoldsThePort() {
        assertThat(holders.holders(3001))
                .containsExactly(new PortHolder(100, "python3 -m http.server 3001"), new PortHolder(400, "worker"));
    }

    @Test
    void ipv4AndIpv6ListenersAreBothFound() {
        PortHolder node = new PortHolder(200, "node …/server-everything/dist/index.js streamableHttp");
        assertThat(holders.holders(3002)).containsExactly(node);
        assertThat(holders.holders(3917)).containsExactly(node);
    }

    @Test
    void connectionsAndTimeWaitAreNotListeners() {
        assertThat(holders.holders(3003)).isEmpty();
        assertThat(holders.holders(41450)).isEmpty();
        assertThat(holders.listeningPorts(Set.of(300L))).isEmpty();
    }

    @Test
    void theListeningPortsOfAProcessTree() {
        assertThat(holders.listeningPorts(Set.of(200L))).containsExactly(3002, 3917);
        assertThat(holders.listeningPorts(Set.of(100L, 200L, 300L))).containsExactly(3001, 3002, 3917);
        assertThat(holders.listeningPorts(Set.of(999L))).isEmpty();
        assertThat(holders.listeningPorts(Set.of())).isEmpty();
    }

    @Test
    void aMissingProcTellsNothing() {
        ProcNetPortHolders none = new ProcNetPortHolders(proc.resolve("absent"));
        assertThat(none.holders(3001)).isEmpty();
        assertThat(none.listeningPorts(Set.of(100L))).isEmpty();
    }
}
