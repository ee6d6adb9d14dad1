package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code bin/xy} launcher against the packaged jar, from an unrelated working directory. */
class LauncherIT {
    private static final Path REPO =
            Path.of(System.getProperty("xy.repoRoot", "..")).toAbsolutePath().normalize();

    @TempDir
    Path work;

    private record Run(int exit, String out, String err) {}

    private Run xy(String... args) throws IOException, InterruptedException {
        List<String> command =
                new java.util.ArrayList<>(List.of(REPO.resolve("bin/xy").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
        builder.environment().put("XDG_STATE_HOME", work.resolve("state").toString());
        Path stdout = work.resolve("stdout");
        Path stderr = work.resolve("stderr");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("xy finished").isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    @Test
    void validatesTheShippedExamples() throws Exception {
        Run run = xy("validate", REPO.resolve("examples/servers").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("ok: 2 servers in " + REPO.resolve("examples/servers") + "\n");
    }

    @Test
    void hostileConfigsGetPreciseErrorsAndExitThree() throws Exception {
        Path dir = Files.createDirectories(work.resolve("hostile"));
        Files.writeString(dir.resolve("typo.kdl"), "comand \"x\"\nport 3001\n");
        Files.writeString(dir.resolve("unclosed.kdl"), "command \"x\"\nport 3002\nenv {\n  A \"b\"\n");
        Files.writeString(dir.resolve("unterminated.kdl"), "command \"x\nport 3003\n");
        Files.writeString(dir.resolve("crlf.kdl"), "command \"x\"\r\nport 3004\r\nautostart maybe\r\n");
        Files.writeString(dir.resolve("clash.kdl"), "command \"x\"\nport 3004\n");
        Files.writeString(dir.resolve("Bad Name.kdl"), "command \"x\"\nport 3005\n");
        Files.write(dir.resolve("binary.kdl"), new byte[] {0x00, (byte) 0xFF, 0x10, 'x'});

        Run run = xy("validate", dir.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("typo.kdl:1:1: unknown node `comand`; did you mean `command`?")
                .contains("unclosed.kdl:3:5: unclosed children block (hint: close it with })")
                .contains("unterminated.kdl:1:9: unterminated string")
                .contains("crlf.kdl:3:11: `autostart` must be #true or #false, got the string \"maybe\"")
                .contains("crlf.kdl:2:6: port 3004 is also used by `clash`")
                .contains("Bad Name.kdl: the file name makes the server name `Bad Name`")
                .containsPattern("binary.kdl:1:\\d+: invalid UTF-8");
    }

    @Test
    void completionScriptsReachStdoutAndBashCanSourceThem() throws Exception {
        Run bash = xy("completion", "bash");
        assertThat(bash.exit()).as(bash.err()).isZero();
        assertThat(bash.out()).contains("complete -F");

        Run zsh = xy("completion", "zsh");
        assertThat(zsh.exit()).as(zsh.err()).isZero();
        assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("complete -F");

        // What `source <(xy completion bash)` in a real bash does, then a tab after "xy li".
        String script = "source <(\"$0\" completion bash) && complete -p xy"
                + " && COMP_WORDS=(xy li) COMP_CWORD=1 COMP_LINE='xy li' COMP_POINT=5 && _complete_xy"
                + " && echo \"offered: ${COMPREPLY[*]}\"";
        Process shell = new ProcessBuilder(
                        "bash", "-c", script, REPO.resolve("bin/xy").toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String said = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as(said).isZero();
        assertThat(said).contains("-F _complete_xy xy\n").endsWith("offered: list\n");
    }

    @Test
    void subcommandsPrintTheirHelpWithoutADaemon() throws Exception {
        for (List<String> args : List.of(
                List.of("list", "--help"),
                List.of("logs", "-h"),
                List.of("completion", "--help"),
                List.of("help", "status"))) {
            Run run = xy(args.toArray(String[]::new));
            String command = args.get(0).equals("help") ? args.get(1) : args.get(0);
            assertThat(run.exit()).as(args + ": " + run.err()).isZero();
            assertThat(run.out()).as(args.toString()).startsWith("Usage: xy " + command + " ");
            assertThat(run.err()).as(args.toString()).isEmpty();
        }
    }

    @Test
    void printsItsVersion() throws Exception {
        Run run = xy("--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("xy " + System.getProperty("xy.expectedVersion") + "\n");
    }
}
