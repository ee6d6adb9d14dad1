package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.XyVersion;
import dev.xy.core.daemon.XyPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What users see of xy's command model, held to golden files recorded from the annotated model it replaced: every
 * command's usage, the completion scripts, how command lines parse (every argument's value, or the error), and what
 * daemon-less invocations print and exit with, both through {@link Main}'s trimmed tree and the whole one.
 *
 * <p>To record the files again after a deliberate change: {@code -Dxy.golden.update=true}, then review the diff.
 */
class CommandModelGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/dev/xy/cli/golden");

    @TempDir
    Path home;

    private XyPaths paths;

    @BeforeEach
    void setUp() {
        paths = NoDaemon.pathsIn(home);
    }

    /** Every command's usage, through {@code --help}, {@code -h} where it differs, and {@code help NAME}. */
    private static final List<List<String>> USAGE = List.of(
            List.of("--help"),
            List.of("-h"),
            List.of(),
            List.of("help"),
            List.of("help", "--help"),
            List.of("daemon", "--help"),
            List.of("list", "--help"),
            List.of("status", "--help"),
            List.of("start", "--help"),
            List.of("stop", "--help"),
            List.of("restart", "--help"),
            List.of("reload", "--help"),
            List.of("logs", "--help"),
            List.of("client-config", "--help"),
            List.of("validate", "--help"),
            List.of("completion", "--help"),
            List.of("service", "--help"),
            List.of("service"),
            List.of("service", "install", "--help"),
            List.of("service", "uninstall", "--help"),
            List.of("service", "status", "--help"),
            List.of("service", "status", "-h"),
            List.of("help", "daemon"),
            List.of("help", "list"),
            List.of("help", "status"),
            List.of("help", "start"),
            List.of("help", "stop"),
            List.of("help", "restart"),
            List.of("help", "reload"),
            List.of("help", "logs"),
            List.of("help", "client-config"),
            List.of("help", "validate"),
            List.of("help", "completion"),
            List.of("help", "service"),
            List.of("help", "help"),
            List.of("list", "-h"),
            List.of("start", "-h"),
            List.of("logs", "-h"));

    /**
     * Command lines, valid and not, whose parse (or parse error) must not change. A lone {@code --version} is left
     * out: {@link Main} gives it a root with that one option, so its parse differs by design (its run does not).
     */
    private static final List<List<String>> PARSES = List.of(
            List.of(),
            List.of("-hV"),
            List.of("--help"),
            List.of("--bogus"),
            List.of("lsit"),
            List.of("list"),
            List.of("list", "--json"),
            List.of("list", "--json", "--json"),
            List.of("list", "--bogus"),
            List.of("list", "extra"),
            List.of("list", "-h"),
            List.of("list", "--version"),
            List.of("status"),
            List.of("status", "a"),
            List.of("status", "a", "b"),
            List.of("status", "a", "--json"),
            List.of("status", "--json", "a"),
            List.of("status", "-V"),
            List.of("start"),
            List.of("start", "a"),
            List.of("start", "a", "b", "--no-wait"),
            List.of("start", "--all"),
            List.of("start", "--all", "a"),
            List.of("start", "a", "--all"),
            List.of("start", "--no-wait", "--all", "--json"),
            List.of("start", "--all", "--all"),
            List.of("start", "-V", "a"),
            List.of("stop", "a"),
            List.of("stop", "--all"),
            List.of("stop"),
            List.of("stop", "--no-wait", "a"),
            List.of("restart", "a", "--no-wait"),
            List.of("restart", "--all", "--json"),
            List.of("reload"),
            List.of("reload", "--no-wait", "--json"),
            List.of("reload", "x"),
            List.of("logs"),
            List.of("logs", "a"),
            List.of("logs", "a", "-n", "5"),
            List.of("logs", "a", "--tail=7", "-f"),
            List.of("logs", "a", "-n", "x"),
            List.of("logs", "a", "-fn", "3"),
            List.of("logs", "a", "-n"),
            List.of("logs", "a", "b"),
            List.of("logs", "-f", "a", "--follow"),
            List.of("logs", "a", "--json"),
            List.of("client-config"),
            List.of("client-config", "a", "b"),
            List.of("client-config", "--client", "cursor", "a"),
            List.of("client-config", "--client", "nope"),
            List.of("client-config", "--client=vscode"),
            List.of("client-config", "--client"),
            List.of("validate"),
            List.of("validate", "p1", "p2"),
            List.of("validate", "--bogus"),
            List.of("completion"),
            List.of("completion", "bash"),
            List.of("completion", "zsh"),
            List.of("completion", "fish"),
            List.of("completion", "bash", "zsh"),
            List.of("daemon"),
            List.of("daemon", "--detach"),
            List.of("daemon", "--config-dir", "/x"),
            List.of("daemon", "--config-dir"),
            List.of("daemon", "extra"),
            List.of("service"),
            List.of("service", "install"),
            List.of("service", "install", "--config-dir", "d"),
            List.of("service", "uninstall"),
            List.of("service", "uninstall", "--config-dir", "d"),
            List.of("service", "status"),
            List.of("service", "bogus"),
            List.of("help"),
            List.of("help", "list"),
            List.of("help", "list", "status"),
            List.of("help", "bogus"),
            List.of("help", "-h"));

    /** Command lines that run without a daemon and without side effects: exit code, stdout and stderr. */
    private static final List<List<String>> RUNS = List.of(
            List.of(),
            List.of("--version"),
            List.of("-V"),
            List.of("-hV"),
            List.of("--bogus"),
            List.of("lsit"),
            List.of("list"),
            List.of("list", "--json"),
            List.of("list", "--bogus"),
            List.of("list", "extra"),
            List.of("list", "--version"),
            List.of("status"),
            List.of("status", "a", "b"),
            List.of("status", "a", "--json"),
            List.of("start"),
            List.of("start", "a", "b", "--no-wait"),
            List.of("start", "--all", "a"),
            List.of("start", "--no-wait", "--all", "--json"),
            List.of("stop", "--all"),
            List.of("stop", "--no-wait", "a"),
            List.of("restart", "a", "--no-wait"),
            List.of("reload", "--no-wait", "--json"),
            List.of("reload", "x"),
            List.of("logs", "a", "-n", "x"),
            List.of("logs", "a", "--tail=7", "-f"),
            List.of("logs", "a", "--json"),
            List.of("client-config", "--client", "nope"),
            List.of("client-config", "--client=vscode", "a"),
            List.of("validate"),
            List.of("validate", "--bogus"),
            List.of("completion"),
            List.of("completion", "fish"),
            List.of("daemon", "extra"),
            List.of("daemon", "--config-dir"),
            List.of("service", "bogus"),
            List.of("service", "uninstall", "--config-dir", "d"),
            List.of("help", "bogus"),
            List.of("help", "list", "status"));

    @Test
    void usageOfEveryCommandIsAsRecorded() throws IOException {
        StringBuilder text = new StringBuilder();
        for (List<String> args : USAGE) {
            text.append(sameBothWays(args, this::run));
        }
        assertGolden("usage.txt", text.toString());
    }

    @Test
    void completionScriptsAreAsRecorded() throws IOException {
        assertGolden("completion-bash.txt", sameBothWays(List.of("completion", "bash"), this::run));
        assertGolden("completion-zsh.txt", sameBothWays(List.of("completion", "zsh"), this::run));
    }

    @Test
    void commandLinesParseAsRecorded() throws IOException {
        StringBuilder text = new StringBuilder();
        for (List<String> args : PARSES) {
            text.append(sameBothWays(args, CommandModelGoldenTest::parse));
        }
        assertGolden("parse.txt", text.toString());
    }

    @Test
    void daemonlessRunsPrintAndExitAsRecorded() throws IOException {
        Path configs = Files.createDirectories(home.resolve("configs"));
        Files.writeString(configs.resolve("alpha.kdl"), "command \"a\"\nport 3001\nautostart yes\n");
        StringBuilder text = new StringBuilder();
        for (List<String> args : RUNS) {
            text.append(sameBothWays(args, this::run));
        }
        text.append(sameBothWays(List.of("validate", configs.toString()), this::run));
        text.append(sameBothWays(List.of("validate", home.resolve("missing.kdl").toString()), this::run));
        assertGolden("runs.txt", text.toString());
    }

    /** The same text from {@link Main}'s tree and from the whole tree, headed by the command line. */
    private String sameBothWays(List<String> args, BiFunction<CommandLine, String[], String> what) {
        String[] argv = args.toArray(String[]::new);
        String alone = what.apply(Main.commandLine(paths, argv), argv);
        String whole = what.apply(XyCommand.commandLine(paths), argv);
        assertThat(alone).as(String.join(" ", args)).isEqualTo(whole);
        return anonymous("=== xy " + String.join(" ", args) + "\n") + alone + "\n";
    }

    private String run(CommandLine cli, String... args) {
        CapturedRun run = CapturedRun.of(cli, args);
        return anonymous("exit " + run.exit() + "\n--- out\n" + run.out() + "--- err\n" + run.err());
    }

    /** Every argument of every command the line reaches, with its value after the parse; or the parse error. */
    private static String parse(CommandLine cli, String... args) {
        StringBuilder text = new StringBuilder();
        try {
            CommandLine.ParseResult result = cli.parseArgs(args);
            for (CommandLine.ParseResult level = result; level != null; level = level.subcommand()) {
                text.append(level.commandSpec().qualifiedName())
                        .append(" help=")
                        .append(level.isUsageHelpRequested())
                        .append(" version=")
                        .append(level.isVersionHelpRequested())
                        .append(" unmatched=")
                        .append(level.unmatched())
                        .append('\n');
                Map<String, String> values = new TreeMap<>();
                for (ArgSpec arg : level.commandSpec().args()) {
                    String name = arg instanceof OptionSpec option
                            ? option.longestName()
                            : ((PositionalParamSpec) arg).paramLabel() + "@" + ((PositionalParamSpec) arg).index();
                    values.put(name, (level.matchedArgs().contains(arg) ? "matched " : "") + arg.getValue());
                }
                values.forEach((name, value) -> text.append("  ")
                        .append(name)
                        .append(" = ")
                        .append(value)
                        .append('\n'));
            }
        } catch (CommandLine.ParameterException e) {
            text.append("error: ")
                    .append(e.getClass().getSimpleName())
                    .append(": ")
                    .append(e.getMessage())
                    .append('\n');
        }
        return text.toString();
    }

    private String anonymous(String text) {
        return text.replace(home.toString(), "$HOME")
                .replace(Path.of("").toAbsolutePath().toString(), "$CWD")
                .replace(XyVersion.current(), "$VERSION");
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("xy.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as(name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
