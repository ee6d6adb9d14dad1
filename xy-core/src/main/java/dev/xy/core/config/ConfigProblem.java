package dev.xy.core.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a config: the file, where in it (line and column are 0 when the problem concerns the
 * file as a whole, such as its name), what is wrong, and the offending source line with a caret.
 */
public record ConfigProblem(Path file, int line, int column, String message, Optional<String> snippet) {
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(snippet, "snippet");
    }

    public static ConfigProblem ofFile(Path file, String message) {
        return new ConfigProblem(file, 0, 0, message, Optional.empty());
    }

    /** The same place with another message. */
    public ConfigProblem withMessage(String newMessage) {
        return new ConfigProblem(file, line, column, newMessage, snippet);
    }

    /** {@code file:line:col}, or just the file when the problem has no position. */
    public String place() {
        return line > 0 ? file + ":" + line + ":" + column : file.toString();
    }

    /** {@code file:line:col: message}, the shape compilers use, so editors and terminals can jump to it. */
    public String headline() {
        return place() + ": " + message;
    }

    /** The headline followed by the snippet, indented, when there is one. */
    public String describe() {
        return snippet.map(s -> headline() + "\n" + s.indent(4).stripTrailing()).orElse(headline());
    }
}
