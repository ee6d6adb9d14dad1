import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The floor of a JVM client for xy-cli-profile.sh: one `list` request over the JDK's own Unix-domain SocketChannel
 * (no junixsocket, no picocli), the reply printed as it came, or — with "--jackson" — parsed with Jackson's
 * readTree first (to see what Jackson alone costs). Not part of xy. Usage: BareListClient SOCKET [--jackson]
 */
public final class BareListClient {
    public static void main(String[] args) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
            channel.write(ByteBuffer.wrap("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list\"}\n".getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer) >= 0) {
                reply.write(buffer.array(), 0, buffer.position());
                boolean done = buffer.position() > 0 && buffer.get(buffer.position() - 1) == '\n';
                buffer.clear();
                if (done) {
                    break;
                }
            }
            if (args.length > 1 && args[1].equals("--jackson")) {
                Object tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.toByteArray());
                System.out.println(tree);
            } else {
                System.out.write(reply.toByteArray());
                System.out.flush();
            }
        }
    }
}
