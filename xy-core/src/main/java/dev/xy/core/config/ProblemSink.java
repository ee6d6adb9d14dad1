package dev.xy.core.config;

import dev.xy.core.kdl.KdlLocation;
import dev.xy.core.kdl.SourceText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Collects the problems of one config file, each with its location and source snippet. */
final class ProblemSink {
    private final Path file;
    private final SourceText source;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ProblemSink(Path file, SourceText source) {
        this.file = file;
        this.source = source;
    }

    void at(KdlLocation location, String message) {
        problems.add(anchor(location).withMessage(message));
    }

    /** A problem at {@code location} with no message yet, for checks that span files. */
    ConfigProblem anchor(KdlLocation location) {
        return new ConfigProblem(file, location.line(), location.column(), "", Optional.of(source.snippetAt(location)));
    }

    void forFile(String message) {
        problems.add(ConfigProblem.ofFile(file, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems in file order; those about the whole file come first. */
    List<ConfigProblem> problems() {
        return problems.stream()
                .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
                .toList();
    }
}
