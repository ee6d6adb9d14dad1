package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.daemon.XyPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

/**
 * {@link Main} builds only the root and the subcommand that runs for the {@link Main#SELF_CONTAINED} commands: that
 * subcommand must be exactly what the whole tree has, and behave the same.
 */
class MainTest {
    @TempDir
    Path home;

    private XyPaths paths;

    @BeforeEach
    void setUp() {
        paths = NoDaemon.pathsIn(home);
    }

    static Stream<String> selfContained() {
        return Main.SELF_CONTAINED.stream().sorted();
    }

    @Test
    void everySelfContainedCommandIsASubcommandOfXyUnderThatName() {
        assertThat(XyCommand.SUBCOMMANDS).containsAll(Main.SELF_CONTAINED);
        assertThat(XyCommand.commandLine(paths).getSubcommands()).containsOnlyKeys(XyCommand.SUBCOMMANDS);
        for (String name : XyCommand.SUBCOMMANDS) {
            assertThat(new XyCommand(paths).subcommand(name).name()).isEqualTo(name);
        }
        assertThat(Main.SELF_CONTAINED).doesNotContain("help", "completion", "daemon", "service");
    }

    @Test
    void theRootPassesDownOnlyItsHelpAndVersionOptions() {
        CommandSpec root = XyCommand.commandLine(paths).getCommandSpec();
        assertThat(root.name()).isEqualTo("xy");
        assertThat(root.scopeType()).isEqualTo(ScopeType.INHERIT);
        assertThat(root.options().stream().map(option -> option.longestName()))
                .containsExactlyInAnyOrder("--help", "--version");
        assertThat(root.positionalParameters()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("selfContained")
    void theSubcommandIsTheSameAsInTheWholeTree(String name) {
        CommandLine whole = XyCommand.commandLine(paths).getSubcommands().get(name);
        CommandLine alone = Main.commandLine(paths, name).getSubcommands().get(name);

        assertThat(Main.commandLine(paths, name).getSubcommands()).containsOnlyKeys(name);
        assertThat(alone.getCommandSpec().qualifiedName())
                .isEqualTo(whole.getCommandSpec().qualifiedName());
        assertThat(alone.getUsageMessage()).isEqualTo(whole.getUsageMessage());
        assertThat(describe(alone.getCommandSpec())).isEqualTo(describe(whole.getCommandSpec()));
        assertThat(alone.getCommandSpec().exitCodeOnInvalidInput())
                .isEqualTo(whole.getCommandSpec().exitCodeOnInvalidInput());
        assertThat(alone.getCommandSpec().exitCodeOnExecutionException())
                .isEqualTo(whole.getCommandSpec().exitCodeOnExecutionException());
        assertThat(alone.getExecutionExceptionHandler().getClass())
                .isEqualTo(whole.getExecutionExceptionHandler().getClass());
        assertThat(alone.getCommandSpec().parser().toString())
                .isEqualTo(whole.getCommandSpec().parser().toString());
        assertThat(Main.commandLine(paths, name).getCommandSpec().parser().toString())
                .isEqualTo(
                        XyCommand.commandLine(paths).getCommandSpec().parser().toString());
    }

    private static String describe(CommandSpec spec) {
        StringBuilder text = new StringBuilder();
        for (ArgSpec arg : spec.args()) {
            if (arg instanceof OptionSpec option) {
                text.append(Arrays.toString(option.names()));
            } else {
                text.append(((PositionalParamSpec) arg).paramLabel());
            }
            text.append(' ')
                    .append(arg.type().getName())
                    .append(' ')
                    .append(arg.arity())
                    .append(' ')
                    .append(arg.required())
                    .append(' ')
                    .append(arg.defaultValue())
                    .append(' ')
                    .append(arg.scopeType())
                    .append('\n');
        }
        return text.append(spec.mixins().keySet())
                .append(spec.subcommands().keySet())
                .toString();
    }

    private static CapturedRun run(CommandLine cli, String... args) {
        return CapturedRun.of(cli, args);
    }

    @Test
    void runsAndFailsTheSameWayAsTheWholeTree() throws Exception {
        Path configs = Files.createDirectories(home.resolve("configs"));
        Files.writeString(configs.resolve("alpha.kdl"), "command \"a\"\nport 3001\nautostart yes\n");
        for (String[] args : List.of(
                new String[] {"list"},
                new String[] {"list", "--json"},
                new String[] {"list", "--bogus"},
                new String[] {"list", "extra"},
                new String[] {"list", "--help"},
                new String[] {"status", "-h"},
                new String[] {"logs", "--help"},
                new String[] {"validate", "-h"},
                new String[] {"list", "--version"},
                new String[] {"status"},
                new String[] {"status", "alpha", "--json"},
                new String[] {"logs", "alpha", "-n", "x"},
                new String[] {"start"},
                new String[] {"stop", "--all", "alpha"},
                new String[] {"restart", "alpha"},
                new String[] {"reload", "--json"},
                new String[] {"client-config", "--client", "nope"},
                new String[] {"validate", configs.toString()},
                new String[] {"validate", home.resolve("missing.kdl").toString()})) {
            CapturedRun whole = run(XyCommand.commandLine(paths), args);
            CapturedRun alone = run(Main.commandLine(paths, args), args);
            assertThat(alone).as(String.join(" ", args)).isEqualTo(whole);
        }
    }

    @Test
    void aDaemonOnAConfigDirectoryThatDoesNotExistRefusesToStart() {
        CapturedRun run = run(
                XyCommand.commandLine(paths),
                "daemon",
                "--config-dir",
                home.resolve("typo").toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("xy: --config-dir " + home.resolve("typo") + ": no such directory\n");
        assertThat(paths.socket()).doesNotExist();
    }

    @Test
    void aNegativeTailIsAUsageErrorInTheOptionsOwnWordsBeforeAnyDaemonIsAsked() {
        String[] args = {"logs", "alpha", "-n", "-1"};
        CapturedRun result = run(Main.commandLine(paths, args), args);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("Invalid value for option '--tail': -1 (give 0 or more lines)");
        assertThat(result.err()).as("not the unreachable daemon").doesNotContain("daemon");
    }

    @Test
    void printsTheVersionTheSameWayAsTheWholeTree() {
        for (String option : List.of("--version", "-V")) {
            CapturedRun whole = run(XyCommand.commandLine(paths), option);
            CapturedRun alone = run(Main.commandLine(paths, option), option);
            assertThat(alone).isEqualTo(whole);
            assertThat(alone.out()).startsWith("xy ");
        }
    }

    @Test
    void everythingElseGetsTheWholeTree() {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"--help"},
                new String[] {"-h"},
                new String[] {"--version", "list"},
                new String[] {"-V", "--help"},
                new String[] {"help", "list"},
                new String[] {"completion", "bash"},
                new String[] {"daemon", "--help"},
                new String[] {"lsit"})) {
            assertThat(Main.commandLine(paths, args).getSubcommands().keySet())
                    .isEqualTo(XyCommand.commandLine(paths).getSubcommands().keySet());
        }
    }
}
