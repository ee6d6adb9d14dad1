package dev.xy.core.ipc;

import dev.xy.core.rpc.RpcDispatcher;
import dev.xy.core.rpc.RpcPeer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.newsclub.net.unix.AFSocket;

/**
 * One client connection: a reader thread that takes bounded lines and answers them through the dispatcher,
 * and a writer thread that drains this connection's {@link Outbox}. The outbox is bounded: a client that stops
 * reading its notifications (say, a {@code logs -f} whose terminal is suspended) is disconnected instead of
 * growing it, and one that stops reading its answers is no longer read from until it does.
 */
final class Connection implements RpcPeer {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** How often a client whose input has ended, and whose open streams are quiet, is checked for a hang-up. */
    private static final Duration HANG_UP_CHECK = Duration.ofSeconds(1);
    /** Not a piece: what {@link #nextToWrite} says when there is nothing to write but the client should be checked. */
    private static final Outbox.Piece QUIET = new Outbox.Piece("", false, false);

    private final Socket socket;
    private final Function<RpcPeer, RpcDispatcher> sessions;
    private RpcDispatcher dispatcher;
    private final int maxLineBytes;
    private final Outbox outbox;
    private final List<Runnable> cleanups = new CopyOnWriteArrayList<>();
    /** Touched only by the reader thread, which runs the handlers. */
    private final List<Runnable> afterReply = new ArrayList<>();

    private final Runnable onClosed;
    private boolean closed;
    private boolean inputEnded;
    private boolean overflowed;
    private boolean writing;
    private int openStreams;

    Connection(
            Socket socket,
            Function<RpcPeer, RpcDispatcher> sessions,
            int maxLineBytes,
            long maxOutboxBytes,
            NotificationBudget notifications,
            Runnable onClosed) {
        this.socket = socket;
        this.sessions = sessions;
        this.maxLineBytes = maxLineBytes;
        this.outbox = new Outbox(maxOutboxBytes, notifications);
        this.onClosed = onClosed;
    }

    void start(String name) {
        dispatcher = sessions.apply(this);
        Thread reader = new Thread(this::readLoop, name + "-reader");
        Thread writer = new Thread(this::writeLoop, name + "-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public void sendNotification(String method, Object params) {
        send(method, params, false);
    }

    @Override
    public void sendNotificationAfterReply(String method, Object params) {
        send(method, params, true);
    }

    @Override
    public void sendNotificationWaiting(String method, Object params) {
        String line = RpcDispatcher.notification(method, params);
        synchronized (this) {
            while (!closed && !outbox.hasRoomForNotification(line.length())) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closeLater(); // a tail cut short without a word: the client must not take it for whole
                    return;
                }
            }
        }
        queue(line, false);
    }

    @Override
    public void onClose(Runnable cleanup) {
        boolean alreadyClosed;
        synchronized (this) {
            alreadyClosed = closed;
            if (!alreadyClosed) {
                cleanups.add(cleanup);
            }
        }
        if (alreadyClosed) {
            cleanup.run();
        }
    }

    @Override
    public void afterReply(Runnable task) {
        afterReply.add(task);
    }

    @Override
    public Runnable openStream() {
        synchronized (this) {
            openStreams++;
        }
        boolean[] ended = {false};
        return () -> {
            synchronized (this) {
                if (!ended[0]) {
                    ended[0] = true;
                    openStreams--;
                    notifyAll();
                }
            }
        };
    }

    private void readLoop() {
        BoundedLineReader lines;
        try {
            lines = new BoundedLineReader(socket.getInputStream(), maxLineBytes);
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                answer(line);
                List<Runnable> tasks = List.copyOf(afterReply);
                afterReply.clear();
                tasks.forEach(Runnable::run);
            }
            // The client has said all it will: answer it, finish its streams, then hang up.
            synchronized (this) {
                inputEnded = true;
                notifyAll();
            }
        } catch (BoundedLineReader.LineTooLongException e) {
            LOG.log(System.Logger.Level.WARNING, "client sent a " + e.getMessage() + "; closing its connection");
            close();
        } catch (IOException e) {
            close(); // the client went away
        }
    }

    /**
     * Answers one line. The reader waits while the client has a full outbox of answers still to read: a client
     * that sends requests without reading the answers is simply no longer read from.
     */
    private void answer(String line) {
        synchronized (this) {
            outbox.beginAnswer();
        }
        try {
            dispatcher.handle(line, this, piece -> {
                synchronized (this) {
                    while (!closed && !outbox.hasRoomForAnswer(piece.length())) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            closeLater(); // half an answer is no answer: the client must not wait for the rest
                            return;
                        }
                    }
                    if (!closed) {
                        outbox.addAnswerPiece(piece);
                        notifyAll();
                    }
                }
            });
        } finally {
            synchronized (this) {
                if (!closed) {
                    outbox.endAnswer();
                    notifyAll();
                }
            }
        }
    }

    private void send(String method, Object params, boolean afterReply) {
        synchronized (this) {
            if (closed) {
                return; // spares serialising what nobody will read
            }
        }
        queue(RpcDispatcher.notification(method, params), afterReply);
    }

    private void queue(String line, boolean afterReply) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!outbox.offerNotification(line, afterReply)) {
                if (!overflowed) {
                    overflowed = true;
                    LOG.log(System.Logger.Level.WARNING, "client is not reading its messages; closing its connection");
                    closeLater();
                }
                return;
            }
            notifyAll();
        }
    }

    /** Writes queued pieces in order; never holds the lock during I/O, so senders never wait on the client. */
    private void writeLoop() {
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            while (true) {
                Outbox.Piece piece = nextToWrite();
                if (piece == null) {
                    return;
                }
                if (piece == QUIET) {
                    if (peerHasHungUp()) {
                        return;
                    }
                    continue;
                }
                out.write(piece.text().getBytes(StandardCharsets.UTF_8));
                if (piece.endsLine()) {
                    out.write('\n');
                }
                boolean more;
                synchronized (this) {
                    more = !outbox.isEmpty();
                }
                if (!more) {
                    out.flush();
                }
                synchronized (this) {
                    writing = false;
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The client went away.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /**
     * The next piece to write, waiting for one; null once there is nothing more to write. {@link #QUIET} when the
     * client's input has ended but its streams are open and have had nothing to say for {@link #HANG_UP_CHECK}.
     */
    private synchronized Outbox.Piece nextToWrite() throws InterruptedException {
        while (outbox.isEmpty() && !closed) {
            if (!inputEnded) {
                wait();
            } else if (openStreams == 0) {
                return null;
            } else {
                wait(HANG_UP_CHECK.toMillis());
                if (outbox.isEmpty() && !closed && openStreams > 0) {
                    return QUIET;
                }
            }
        }
        Outbox.Piece piece = outbox.poll();
        if (piece != null) {
            writing = true;
            notifyAll(); // a reader waiting for room in the outbox
        }
        return piece;
    }

    /**
     * Whether a client whose input has ended has closed its connection altogether, rather than only its sending
     * side. Its streams may stay quiet for hours, and with nothing written nothing fails: without asking, the
     * connection and its streams would be kept forever.
     */
    private boolean peerHasHungUp() {
        try {
            return socket instanceof AFSocket<?> unix && unix.checkConnectionClosed();
        } catch (IOException e) {
            return true;
        }
    }

    /** Closing the socket from inside {@link #send} would hold this lock across I/O: hand it to a thread. */
    private void closeLater() {
        Thread closer = new Thread(this::close, "xy-connection-close");
        closer.setDaemon(true);
        closer.start();
    }

    /**
     * Gives the client until {@code deadlineNanos} to receive what is queued for it (a daemon shutting down
     * still delivers its last events), then closes the connection.
     */
    void drainThenClose(long deadlineNanos) {
        synchronized (this) {
            while (!closed && (!outbox.isEmpty() || writing)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
    }

    void close() {
        List<Runnable> toRun;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            outbox.clear();
            notifyAll();
            toRun = List.copyOf(cleanups);
            cleanups.clear();
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Already broken: nothing more to release.
        }
        toRun.forEach(Connection::runQuietly);
        onClosed.run();
    }

    private static void runQuietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection cleanup failed", e);
        }
    }
}
