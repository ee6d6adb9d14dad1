package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command and subcommand answers {@code --help} and {@code -h} with its usage on stdout and exit 0. */
class HelpOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static CommandLine cli() {
        return XyCommand.commandLine(XyPaths.from(Map.of(), Path.of("/home/me")));
    }

    private int run(String... args) {
        CommandLine cli = cli();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** The words that name each command below {@code xy}, found by walking the real command tree. */
    static Stream<List<String>> commands() {
        List<List<String>> found = new ArrayList<>();
        collect(cli(), new ArrayList<>(), found);
        return found.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> found) {
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias
            }
            List<String> words = new ArrayList<>(path);
            words.add(name);
            found.add(words);
            collect(sub, words, found);
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void longHelpPrintsUsageAndExitsZero(List<String> command) {
        assertHelp(command, "--help");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void shortHelpPrintsUsageAndExitsZero(List<String> command) {
        assertHelp(command, "-h");
    }

    /** The commands right below {@code xy}: picocli's {@code help} takes one command name, not a path. */
    static Stream<List<String>> topLevelCommands() {
        return commands().filter(command -> command.size() == 1);
    }

    @ParameterizedTest
    @MethodSource("topLevelCommands")
    void helpCommandPrintsTheSameUsage(List<String> command) {
        List<String> args = new ArrayList<>(List.of("help"));
        args.addAll(command);
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Usage: xy " + String.join(" ", command) + " ");
    }

    private void assertHelp(List<String> command, String option) {
        List<String> args = new ArrayList<>(command);
        args.add(option);
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Usage: xy " + String.join(" ", command) + " ");
        assertThat(out.toString()).contains("-h, --help");
        assertThat(err.toString()).isEmpty();
    }
}
