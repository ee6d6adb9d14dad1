package dev.xy.gui.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A file at a well-known place that xy writes and removes only when it is xy's own: one that someone else put
 * there (another app called xy, a hand-written entry) is never overwritten nor deleted.
 */
final class OwnedFile {
    private final Path file;
    private final Predicate<String> ours;

    /** @param ours tells xy's own content from anyone else's */
    OwnedFile(Path file, Predicate<String> ours) {
        this.file = file;
        this.ours = ours;
    }

    Path path() {
        return file;
    }

    /** The content when the file is there and xy's own. */
    Optional<String> readOurs() throws IOException {
        return read().filter(ours);
    }

    /** Writes {@code content} in one step (a reader never sees half a file); refuses when the file is not ours. */
    void write(String content) throws IOException {
        if (read().filter(ours.negate()).isPresent()) {
            throw new IOException(file + " exists and was not written by xy: it is left alone");
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the file when it is ours; true when something was removed. */
    boolean deleteOurs() throws IOException {
        return readOurs().isPresent() && Files.deleteIfExists(file);
    }

    private Optional<String> read() throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
