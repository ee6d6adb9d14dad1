package dev.xy.core.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * macOS's answer, from {@code lsof} (which has no {@code /proc} to read): {@code -nP -iTCP:<port> -sTCP:LISTEN
 * -Fpc} for a port's holders, {@code -nP -a -p <pids> -iTCP -sTCP:LISTEN -Fn} for the ports of a process tree.
 * Each run is bounded by {@link #TIMEOUT_SECONDS}; its output goes through a file, so no thread is needed to
 * drain it.
 */
final class LsofPortHolders implements PortHolders {
    static final long TIMEOUT_SECONDS = 3;
    private static final long MAX_OUTPUT = 1 << 20;

    private final Path lsof;

    LsofPortHolders(Path lsof) {
        this.lsof = lsof;
    }

    @Override
    public List<PortHolder> holders(int port) {
        List<PortHolder> holders = new ArrayList<>();
        long pid = -1;
        for (String line : run(List.of("-nP", "-iTCP:" + port, "-sTCP:LISTEN", "-Fpc"))) {
            if (line.startsWith("p")) {
                pid = parsePid(line.substring(1));
            } else if (line.startsWith("c") && pid > 0) {
                long holder = pid;
                // lsof gives only the short name; the JDK knows the whole command line of the user's own processes.
                List<String> argv = ProcessHandle.of(holder)
                        .map(ProcessHandle::info)
                        .flatMap(info -> info.command().map(command -> {
                            List<String> all = new ArrayList<>(List.of(command));
                            all.addAll(List.of(info.arguments().orElse(new String[0])));
                            return all;
                        }))
                        .orElse(List.of(line.substring(1)));
                if (holders.stream().noneMatch(h -> h.pid() == holder)) {
                    holders.add(new PortHolder(holder, PortHolder.shorten(argv)));
                }
            }
        }
        return holders;
    }

    @Override
    public SortedSet<Integer> listeningPorts(Set<Long> pids) {
        SortedSet<Integer> ports = new TreeSet<>();
        if (pids.isEmpty()) {
            return ports;
        }
        String list = pids.stream().map(String::valueOf).collect(Collectors.joining(","));
        for (String line : run(List.of("-nP", "-a", "-p", list, "-iTCP", "-sTCP:LISTEN", "-Fn"))) {
            if (line.startsWith("n")) {
                // n*:3001, n127.0.0.1:3001, n[::1]:3001
                try {
                    ports.add(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
                } catch (NumberFormatException notAPort) {
                    // Not a local address this reader understands.
                }
            }
        }
        return ports;
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** lsof's output lines; empty when it is missing, fails, finds nothing (exit 1) or takes too long. */
    private List<String> run(List<String> args) {
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("xy-lsof", ".txt");
            List<String> command = new ArrayList<>();
            command.add(lsof.toString());
            command.addAll(args);
            process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return List.of();
            }
            if (Files.size(out) > MAX_OUTPUT) {
                return List.of();
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            Optional.ofNullable(out).ifPresent(LsofPortHolders::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temp file left behind is harmless.
        }
    }
}
