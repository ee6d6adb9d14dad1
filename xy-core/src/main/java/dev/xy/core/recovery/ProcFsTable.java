package dev.xy.core.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The process table of Linux, read from {@code /proc/<pid>/stat}. Start times are the kernel's own: clock ticks
 * since boot (field 22), on a clock named after the boot id.
 *
 * <p>Why not {@link ProcessHandle.Info#startInstant()}: on Linux the JDK computes it as the boot time of
 * {@code /proc/stat} plus those ticks, and that boot time is derived from the wall clock, so it moves whenever the
 * clock is stepped (an NTP correction after boot, a suspended laptop, a user setting the time). A daemon started
 * after such a step would see its predecessor's servers with different start instants and mistake them for
 * strangers. The ticks never change for a process; the boot id rules out matching across a reboot.
 */
final class ProcFsTable implements ProcessTable {
    private final Path proc;
    private final String clock;

    ProcFsTable(Path proc, String bootId) {
        this.proc = proc;
        this.clock = "linux-boot:" + bootId;
    }

    /** The table of {@code /proc}, when this system has one with a boot id. */
    static Optional<ProcFsTable> forThisSystem() {
        Path proc = Path.of("/proc");
        try {
            String bootId = Files.readString(proc.resolve("sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
                    .trim();
            if (bootId.isEmpty() || !Files.isReadable(proc.resolve("self/stat"))) {
                return Optional.empty();
            }
            return Optional.of(new ProcFsTable(proc, bootId));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ProcessEntry> find(long pid) {
        return read(proc.resolve(Long.toString(pid)));
    }

    @Override
    public ProcessSnapshot snapshot() throws IOException {
        List<ProcessEntry> processes = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, ProcFsTable::isPidDirectory)) {
            for (Path dir : dirs) {
                read(dir).ifPresent(processes::add);
            }
        }
        return new ProcessSnapshot(clock, ProcessHandle.current().pid(), processes);
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** Empty when the process has gone meanwhile, or its line cannot be read. */
    private Optional<ProcessEntry> read(Path dir) {
        try {
            return parseStat(Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8), clock);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads one {@code /proc/<pid>/stat} line: {@code pid (comm) state ppid pgrp session … starttime …}. The
     * command name may hold spaces and parentheses, so the fields are counted from its last {@code )}.
     */
    static Optional<ProcessEntry> parseStat(String line, String clock) {
        int open = line.indexOf(" (");
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            return Optional.empty();
        }
        String[] fields = line.substring(close + 1).trim().split(" +");
        // fields[0] is field 3 of proc(5): state; then ppid, pgrp, session; starttime is field 22
        if (fields.length < 20) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(line.substring(0, open).trim());
            char state = fields[0].charAt(0);
            return Optional.of(new ProcessEntry(
                    pid,
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]),
                    OptionalLong.of(Long.parseLong(fields[3])),
                    new StartTime(clock, Long.parseLong(fields[19])),
                    state == 'Z' || state == 'X'));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
