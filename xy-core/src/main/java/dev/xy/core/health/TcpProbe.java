package dev.xy.core.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Checks that something accepts TCP connections on a local port, at 127.0.0.1 or ::1 (where a client of
 * {@code localhost} would connect). Blocking, within the timeout; the connection is closed at once.
 */
public final class TcpProbe {
    private TcpProbe() {}

    public static ProbeOutcome probe(int port, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        try {
            new LoopbackConnector(port).connect(deadline).close();
            return ProbeOutcome.passed();
        } catch (ConnectException e) {
            return new ProbeOutcome.Failed("nothing listens on " + port, true);
        } catch (SocketTimeoutException e) {
            return new ProbeOutcome.Failed(
                    "connecting to " + port + " timed out after " + deadline.describeTotal(), false);
        } catch (IOException e) {
            return new ProbeOutcome.Failed("connecting to " + port + " failed: " + e.getMessage(), false);
        }
    }
}
