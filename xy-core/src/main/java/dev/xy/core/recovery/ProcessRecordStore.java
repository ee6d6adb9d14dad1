package dev.xy.core.recovery;

import dev.xy.core.logs.RotatingLogFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The process records of one state directory: {@code <stateDir>/run/<name>.json}, one file per server, the newest
 * launch winning. Files are 0600 in a 0700 directory, each replaced atomically (a temporary file in the same
 * directory, then an atomic rename), so that a daemon killed mid-write leaves the previous record whole, never
 * half of one. Nothing is fsynced: the records only matter while the machine stays up (a reboot ends every
 * process they name).
 *
 * <p>Writes and conditional deletes of one store are serialized, so that an old process's late cleanup can never
 * remove the record of its successor.
 */
public final class ProcessRecordStore {
    private static final String SUFFIX = ".json";

    /** One file found in the directory: a record, or something unreadable and why. */
    public sealed interface Entry {
        Path file();
    }

    public record Readable(Path file, ProcessRecord record) implements Entry {}

    public record Unreadable(Path file, String problem) implements Entry {}

    private final Path dir;

    public ProcessRecordStore(Path dir) {
        this.dir = dir;
    }

    /** The store of a daemon's state directory. */
    public static ProcessRecordStore in(Path stateDir) {
        return new ProcessRecordStore(stateDir.resolve("run"));
    }

    public Path dir() {
        return dir;
    }

    /** Writes or replaces the record of {@code record.name()}. */
    public synchronized void write(ProcessRecord record) throws IOException {
        RotatingLogFile.createPrivateDirectory(dir);
        Path temp = Files.createTempFile(
                dir,
                "." + record.name() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, ProcessRecordFormat.write(record));
            Files.move(temp, fileOf(record.name()), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The current record of server {@code name}, if there is a readable one. */
    public synchronized Optional<ProcessRecord> read(String name) {
        return readFile(fileOf(name)) instanceof Readable readable ? Optional.of(readable.record()) : Optional.empty();
    }

    /**
     * Removes the record of {@code record.name()} if it still describes the same process: a newer launch of the
     * server has replaced it otherwise, and that record must stay.
     *
     * @return whether a file was removed
     */
    public synchronized boolean deleteIfCurrent(ProcessRecord record) throws IOException {
        Optional<ProcessRecord> current = read(record.name());
        if (current.isPresent() && current.get().sameProcess(record)) {
            return Files.deleteIfExists(fileOf(record.name()));
        }
        return false;
    }

    /** Removes one file found by {@link #readAll()}. */
    public synchronized void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * Every file in the directory, sorted by name: records, and whatever cannot be read as one (including a
     * temporary file left by a write that was cut short).
     */
    public synchronized List<Entry> readAll() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                Entry entry = readFile(file);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    private Path fileOf(String name) {
        return dir.resolve(name + SUFFIX);
    }

    /** The entry for one file, or null when it vanished meanwhile. */
    private static Entry readFile(Path file) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(SUFFIX) || fileName.startsWith(".")) {
            return new Unreadable(file, "not a process record (an unfinished write?)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return new Unreadable(file, "cannot read: " + e.getMessage());
        }
        try {
            ProcessRecord record = ProcessRecordFormat.read(bytes);
            String expected = record.name() + SUFFIX;
            if (!fileName.equals(expected)) {
                return new Unreadable(file, "holds the record of " + record.name() + ", which belongs in " + expected);
            }
            return new Readable(file, record);
        } catch (ProcessRecordFormat.Invalid e) {
            return new Unreadable(file, e.getMessage());
        }
    }
}
