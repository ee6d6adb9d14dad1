package dev.xy.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Whether something answers on the daemon's socket: a bare connect, with no request and no library. */
final class SocketProbe {
    private SocketProbe() {}

    static boolean answers(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no file, a stale file, or a file that is not a socket: nobody answers
        }
    }
}
