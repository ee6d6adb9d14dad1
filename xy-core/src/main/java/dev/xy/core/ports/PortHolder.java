package dev.xy.core.ports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A process that listens on a port.
 *
 * @param command its command line, shortened for messages (or only its name, where that is all the OS tells)
 */
public record PortHolder(long pid, String command) {
    static final int MAX_COMMAND = 100;

    public PortHolder {
        Objects.requireNonNull(command, "command");
    }

    /** {@code pid 4242 (python3 -m http.server 3001)}. */
    public String describe() {
        return command.isEmpty() ? "pid " + pid : "pid " + pid + " (" + command + ")";
    }

    /**
     * A command line made short enough for a message while keeping what tells processes apart: the program's
     * name without its directory, long absolute paths cut to their last three parts ({@code
     * …/server-everything/dist/index.js}), the arguments as they are, and at most {@link #MAX_COMMAND} characters.
     */
    static String shorten(List<String> argv) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (i == 0 && arg.contains("/")) {
                parts.add(arg.substring(arg.lastIndexOf('/') + 1));
            } else if (arg.startsWith("/") && arg.split("/").length > 4) {
                String[] segments = arg.split("/");
                parts.add("…/" + String.join("/", List.of(segments).subList(segments.length - 3, segments.length)));
            } else {
                parts.add(arg);
            }
        }
        String line = String.join(" ", parts).replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_COMMAND ? line : line.substring(0, MAX_COMMAND - 1) + "…";
    }
}
