package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
    private static final String NO_DAEMON = " (the default; no daemon is running)";

    @TempDir
    Path home;

    private XyPaths paths;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() {
        paths = XyPaths.from(Map.of("XDG_CONFIG_HOME", home.resolve("cfg").toString()), home);
    }

    private int run(String... args) {
        CommandLine cli = XyCommand.commandLine(paths);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void writeServer(String name, String text) throws IOException {
        Files.createDirectories(paths.configDir());
        Files.writeString(paths.configDir().resolve(name + ".kdl"), text);
    }

    @Test
    void validConfigDirectoryPrintsTheServerCount() throws IOException {
        writeServer("alpha", "command \"sh\"\nport 3001\n");
        writeServer("beta", "command \"/bin/sh\"\nport 3002\n");

        assertThat(run("validate")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("ok: 2 servers in " + paths.configDir() + NO_DAEMON + "\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void invalidConfigPrintsEveryProblemAndExitsThree() throws IOException {
        writeServer("alpha", "command \"sh\"\nport 3001\nautostart yes\n");
        writeServer("beta", "command \"sh\"\nport 3001\n");

        assertThat(run("validate")).isEqualTo(ExitCodes.CONFIG_INVALID);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .contains("alpha.kdl:3:11: `autostart` must be #true or #false, got the string \"yes\"")
                .contains("    autostart yes\n              ^")
                .contains("alpha.kdl:2:6: port 3001 is also used by `beta`")
                .contains("beta.kdl:2:6: port 3001 is also used by `alpha`")
                .contains("3 problems found in ");
    }

    @Test
    void aMissingConfigDirectoryIsZeroServersWithAHint() {
        assertThat(run("validate")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("ok: 0 servers in " + paths.configDir() + NO_DAEMON + "\n");
        assertThat(err.toString()).contains("put one <name>.kdl file per server in " + paths.configDir());
    }

    @Test
    void explicitFilesAreValidatedAndAMissingOneIsAProblem() throws IOException {
        Path file = Files.writeString(home.resolve("solo.kdl"), "command \"sh\"\nport 1\n");

        assertThat(run("validate", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("ok: 1 server in " + file + "\n");
        assertThat(run("validate", home.resolve("nope.kdl").toString())).isEqualTo(ExitCodes.CONFIG_INVALID);
        assertThat(err.toString()).contains("nope.kdl: no such file or directory");
    }

    @Test
    void aMissingRelativeWorkingDirectoryIsAnErrorAtItsNode() throws IOException {
        writeServer("alpha", "command \"sh\"\nport 3001\nworking-dir \"work/here\"\n");

        assertThat(run("validate")).isEqualTo(ExitCodes.CONFIG_INVALID);

        Path missing = paths.configDir().resolve("work/here");
        assertThat(err.toString())
                .startsWith(paths.configDir().resolve("alpha.kdl") + ":3:13: working directory " + missing
                        + " does not exist (hint: create it, or change `working-dir`; a relative path is relative to"
                        + " the config file's directory)\n    working-dir \"work/here\"\n                ^\n")
                .contains("1 problem found in ");
        assertThat(out.toString()).isEmpty();

        Files.createDirectories(missing);
        assertThat(run("validate")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aWorkingDirectoryThatIsAFileIsAnError() throws IOException {
        writeServer("alpha", "command \"sh\"\nport 3001\nworking-dir \"alpha.kdl\"\n");

        assertThat(run("validate")).isEqualTo(ExitCodes.CONFIG_INVALID);
        assertThat(err.toString()).contains("alpha.kdl:3:13: working directory ", "alpha.kdl is not a directory");
    }

    @Test
    void aCommandNotOnTheServersPathIsAnErrorAtItsNode() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        writeServer("alpha", "port 3001\ncommand \"my-server\"\nenv {\n  PATH \"" + bin + "\"\n}\n");

        assertThat(run("validate")).isEqualTo(ExitCodes.CONFIG_INVALID);
        assertThat(err.toString())
                .contains("alpha.kdl:2:9: command `my-server` not found on PATH (1 directory: " + bin + ");"
                        + " use an absolute path, or set PATH in the config's env block\n    command \"my-server\"");

        // The config's own PATH is the one searched, as at start.
        Path tool = Files.writeString(bin.resolve("my-server"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(run("validate")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void fileProblemsAndStartProblemsAreReportedTogether() throws IOException {
        writeServer("alpha", "command \"no-such-xy-command\"\nport 3001\n");
        writeServer("beta", "command \"sh\"\nport 3002\nautostart yes\n");

        assertThat(run("validate")).isEqualTo(ExitCodes.CONFIG_INVALID);
        assertThat(err.toString())
                .contains("alpha.kdl:1:9: command `no-such-xy-command` not found on PATH")
                .contains("beta.kdl:3:11: `autostart` must be #true or #false")
                .contains("2 problems found in ");
    }

    @Test
    void anUnknownOptionIsAnOperationalErrorNotDaemonUnreachable() {
        assertThat(run("validate", "--frobnicate")).isEqualTo(ExitCodes.OPERATIONAL_ERROR);
        assertThat(run("frobnicate")).isEqualTo(ExitCodes.OPERATIONAL_ERROR);
    }
}
