package dev.xy.core.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One daemon per user: an OS file lock on {@code <state>/xy.lock}, holding the owner's pid as text. The OS
 * drops the lock when its process dies however it dies, so a SIGKILLed daemon's leftover file never blocks the
 * next start; the pid inside is only there to name the holder in the error.
 */
public final class DaemonLock implements AutoCloseable {
    /** The lock file's name in the state directory. */
    public static final String FILE_NAME = "xy.lock";

    /** Another live daemon holds the lock. */
    public static final class HeldException extends IOException {
        private final Optional<Long> pid;

        HeldException(Path file, Optional<Long> pid) {
            super("another xy daemon is already running"
                    + pid.map(p -> " (pid " + p + ")").orElse("") + "; it holds " + file);
            this.pid = pid;
        }

        public Optional<Long> pid() {
            return pid;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DaemonLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static DaemonLock acquire(Path file) throws IOException {
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            Optional<Long> holder = readPid(channel);
            channel.close();
            throw new HeldException(file, holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        return new DaemonLock(file, channel, lock);
    }

    /**
     * The pid named in the lock file, if that process is alive: the daemon that holds the lock, read without
     * taking it (a released lock file is empty; one a killed daemon left names a pid that is gone, or, rarely,
     * reused, which only changes a message).
     */
    public static Optional<Long> namedHolder(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readPid(channel)
                    .filter(pid ->
                            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> readPid(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            return Optional.of(
                    Long.parseLong(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Empties the lock file while still holding the lock (no pid names a holder any more), then releases it. The
     * file stays: removing it would let a daemon that opened it just before lock a file nobody else can see,
     * while a third one creates and locks a new one — two hosts at once.
     */
    @Override
    public void close() throws IOException {
        channel.truncate(0);
        lock.release();
        channel.close();
    }
}
