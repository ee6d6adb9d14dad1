package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.Suggestions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a mistyped command is taken for: the one way xy guesses a typo ({@link Suggestions}), over its commands. */
class UsageErrorsTest {
    private static final List<String> COMMANDS =
            List.of("daemon", "list", "status", "start", "stop", "restart", "reload", "logs", "validate");

    private static CapturedRun run(String... args) {
        return CapturedRun.of(XyCommand.commandLine(NoDaemon.pathsIn(Path.of("/nonexistent"))), args);
    }

    @Test
    void aTypoFindsTheCommandItMeant() {
        assertThat(Suggestions.closest("lsit", COMMANDS)).hasValue("list");
        assertThat(Suggestions.closest("stauts", COMMANDS)).hasValue("status");
        assertThat(Suggestions.closest("restrat", COMMANDS)).hasValue("restart");
        assertThat(Suggestions.closest("reloda", COMMANDS)).hasValue("reload");
        assertThat(Suggestions.closest("log", COMMANDS)).hasValue("logs");
    }

    @Test
    void aWordFarFromEveryCommandFindsNone() {
        assertThat(Suggestions.closest("frob", COMMANDS)).isEmpty();
        assertThat(Suggestions.closest("echo", COMMANDS)).isEmpty();
    }

    @Test
    void theMessageNamesTheClosestCommandOrNone() {
        assertThat(run("stauts").err()).startsWith("xy: unknown command `stauts`; did you mean `status`?\n");
        assertThat(run("frob").err()).startsWith("xy: unknown command `frob`\n");
        assertThat(run("list", "extra").err()).startsWith("xy list: unexpected argument `extra`\n");
    }
}
