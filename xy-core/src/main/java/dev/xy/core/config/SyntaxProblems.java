package dev.xy.core.config;

import dev.xy.core.kdl.KdlParseException;
import dev.xy.core.kdl.KdlParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The syntax errors of one config file as problems, one each, and a last one saying how many were left out. */
final class SyntaxProblems {
    private SyntaxProblems() {}

    static List<ConfigProblem> of(Path file, KdlParseResult parsed) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (KdlParseException e : parsed.errors()) {
            String message =
                    e.problem() + e.hint().map(h -> " (hint: " + h + ")").orElse("");
            problems.add(new ConfigProblem(
                    file, e.location().line(), e.location().column(), message, Optional.of(e.snippet())));
        }
        int omitted = parsed.omitted();
        if (omitted > 0) {
            problems.add(ConfigProblem.ofFile(
                    file,
                    "… and " + omitted + " more syntax " + (omitted == 1 ? "error" : "errors") + " (only the first "
                            + KdlParseResult.MAX_ERRORS + " of a file are shown)"));
        }
        return problems;
    }
}
