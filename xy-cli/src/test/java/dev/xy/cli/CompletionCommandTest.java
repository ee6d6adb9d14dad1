package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompletionCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = XyCommand.commandLine(XyPaths.from(Map.of(), Path.of("/home/me")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void bashCompletionKnowsEverySubcommand() {
        assertThat(run("completion", "bash")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("complete -F")
                .contains("daemon", "list", "status", "start", "stop", "restart", "reload", "logs", "validate");
    }

    @Test
    void zshCompletionLoadsBashCompatibility() {
        assertThat(run("completion", "zsh")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        assertThat(run("completion", "fish")).isEqualTo(ExitCodes.OPERATIONAL_ERROR);
        assertThat(err.toString()).contains("fish");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Keeps your local HTTP MCP servers running and visible.", "daemon", "logs");
    }
}
