package dev.xy.core.config;

import dev.xy.core.kdl.KdlDocument;
import dev.xy.core.kdl.KdlLocation;
import dev.xy.core.kdl.KdlNode;
import dev.xy.core.kdl.KdlParseException;
import dev.xy.core.kdl.KdlParser;
import dev.xy.core.kdl.SourceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds where a top-level node is written in a config file, for problems found after reading (a directory
 * that does not exist, a command not on PATH), so that they point at {@code file:line:col} like every other.
 */
public final class NodeLocator {
    private NodeLocator() {}

    /**
     * A problem placed at the value of the first top-level node named {@code name} in {@code file}, with the
     * given message; placed at the file when the node cannot be found (the file changed or cannot be read).
     */
    public static ConfigProblem problemAt(Path file, String name, String message) {
        return locate(file, name)
                .map(anchor -> anchor.withMessage(message))
                .orElseGet(() -> ConfigProblem.ofFile(file, message));
    }

    private static Optional<ConfigProblem> locate(Path file, String name) {
        try {
            if (Files.size(file) > ConfigLoader.MAX_FILE_BYTES) {
                return Optional.empty();
            }
            byte[] content = Files.readAllBytes(file);
            KdlDocument document = KdlParser.parse(content);
            ProblemSink sink = new ProblemSink(file, new SourceText(new String(content, StandardCharsets.UTF_8)));
            return document.nodes().stream()
                    .filter(node -> node.name().equals(name))
                    .findFirst()
                    .map(node -> sink.anchor(valueOf(node)));
        } catch (IOException | KdlParseException e) {
            return Optional.empty();
        }
    }

    private static KdlLocation valueOf(KdlNode node) {
        return node.arguments().isEmpty()
                ? node.location()
                : node.arguments().get(0).location();
    }
}
