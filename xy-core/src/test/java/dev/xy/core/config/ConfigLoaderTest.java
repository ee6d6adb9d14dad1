package dev.xy.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsEveryKdlFileAndIgnoresDotfilesBackupsAndOtherFiles() throws IOException {
        write("alpha.kdl", "command \"a\"\nport 3001\n");
        write("beta.kdl", "command \"b\"\nport 3002\n");
        write(".hidden.kdl", "broken {");
        write("alpha.kdl~", "broken {");
        write("#alpha.kdl#", "broken {");
        write(".alpha.kdl.swp", "broken {");
        write("notes.txt", "broken {");
        Files.createDirectory(dir.resolve("sub.kdl"));

        ConfigSet set = ConfigLoader.loadDirectory(dir);

        assertThat(set.problems()).isEmpty();
        assertThat(set.servers()).extracting(ServerConfig::name).containsExactly("alpha", "beta");
    }

    @Test
    void reportsEveryProblemOfEveryFileTogether() throws IOException {
        write("alpha.kdl", "comand \"a\"\nport 3001\n");
        write("beta.kdl", "command \"b\"\nport \"x\"\n");
        write("gamma.kdl", "command \"c\n");
        write("delta.kdl", "command \"d\"\nport 3004\n");

        ConfigSet set = ConfigLoader.loadDirectory(dir);

        assertThat(set.isValid()).isFalse();
        assertThat(set.problems())
                .extracting(p -> p.file().getFileName().toString())
                .contains("alpha.kdl", "beta.kdl", "gamma.kdl")
                .doesNotContain("delta.kdl");
        assertThat(set.servers()).extracting(ServerConfig::name).containsExactly("delta");
    }

    @Test
    void everySyntaxErrorOfAFileIsAProblemAtItsOwnPlace() throws IOException {
        Path alpha = write(
                "alpha.kdl",
                """
                command "npx" true
                args "-y" "@modelcontextprotocol/server-everything
                port 30O1
                working-dir C:\\mcp
                autostart #true
                """);

        List<ConfigProblem> problems = ConfigLoader.loadDirectory(dir).problems();

        assertThat(problems)
                .extracting(ConfigProblem::headline)
                .containsExactly(
                        alpha + ":1:15: bare `true` is not allowed in KDL 2 (hint: KDL 2 writes #true for the keyword,"
                                + " or \"true\" for the text)",
                        alpha + ":2:11: unterminated string: a quoted string must close on the line where it opens"
                                + " (hint: close it with \", or use \\n or a \"\"\" string for several lines)",
                        alpha + ":3:6: invalid number `30O1` (hint: numbers look like 42, -1.5, 1e10, 0xFF, 0o755,"
                                + " 0b1010; quote text that starts with a digit)",
                        alpha + ":4:15: a `\\` outside a string continues the line, so only a newline or a comment"
                                + " may follow it (hint: to put a backslash in a value, quote it: \"a\\\\b\")");
        assertThat(problems.get(2).describe()).endsWith("\n    port 30O1\n         ^");
    }

    @Test
    void aFileFullOfSyntaxErrorsShowsTheFirstFiftyAndCountsTheRest() throws IOException {
        write("alpha.kdl", "port true\n".repeat(120));

        List<ConfigProblem> problems = ConfigLoader.loadDirectory(dir).problems();

        assertThat(problems).hasSize(51);
        assertThat(problems.get(49).place()).endsWith("alpha.kdl:50:6");
        assertThat(problems.get(50).headline())
                .endsWith("alpha.kdl: … and 70 more syntax errors (only the first 50 of a file are shown)");
    }

    @Test
    void twoServersOnOnePortAreRejectedNamingBoth() throws IOException {
        write("alpha.kdl", "command \"a\"\nport 3001\n");
        write("beta.kdl", "command \"b\"\n\nport 3001\n");

        List<ConfigProblem> problems = ConfigLoader.loadDirectory(dir).problems();

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).headline())
                .endsWith("alpha.kdl:2:6: port 3001 is also used by `beta` (" + dir.resolve("beta.kdl")
                        + ":3:6); each server needs its own port");
        assertThat(problems.get(1).headline()).contains("beta.kdl:3:6", "`alpha`");
    }

    @Test
    void aMissingDirectoryHoldsNoServers() {
        ConfigSet set = ConfigLoader.loadDirectory(dir.resolve("nope"));
        assertThat(set.isValid()).isTrue();
        assertThat(set.servers()).isEmpty();
    }

    @Test
    void forAReloadAMissingDirectoryIsAProblemAndAnEmptyOneHoldsNoServers() throws IOException {
        ConfigSet missing = ConfigLoader.loadExistingDirectory(dir.resolve("nope"));
        assertThat(missing.servers()).isEmpty();
        assertThat(missing.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("nope"));
            assertThat(p.message()).isEqualTo("the config directory does not exist");
        });

        ConfigSet empty = ConfigLoader.loadExistingDirectory(Files.createDirectory(dir.resolve("empty")));
        assertThat(empty.isValid()).isTrue();
        assertThat(empty.servers()).isEmpty();
    }

    @Test
    void aDirectoryUnderAFileSaysWhichFileIsInTheWay() throws IOException {
        Path file = write("xy", "not a directory\n");
        assertThat(ConfigLoader.loadExistingDirectory(file.resolve("servers")).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .isEqualTo("the config directory is not a directory: " + file + " is a file, not a directory"));
    }

    @Test
    void explicitPathsMayMixFilesAndDirectoriesAndMissingOnesAreProblems() throws IOException {
        Path single = write("alpha.kdl", "command \"a\"\nport 3001\n");
        Path other = Files.createDirectory(dir.resolve("more"));
        Files.writeString(other.resolve("beta.kdl"), "command \"b\"\nport 3002\n");

        ConfigSet set = ConfigLoader.load(List.of(single, other, dir.resolve("missing.kdl")));

        assertThat(set.servers()).extracting(ServerConfig::name).containsExactly("alpha", "beta");
        assertThat(set.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("no such file or directory"));
    }

    @Test
    void aFileWithSyntaxErrorsStillHasItsBadNameReportedInTheSameRound() throws IOException {
        Path bad = write("Bad_Name.kdl", "command \"x\" true\nport 3001\n");

        assertThat(ConfigLoader.loadDirectory(dir).problems())
                .extracting(ConfigProblem::headline)
                .containsExactly(
                        bad + ": the file name makes the server name `Bad_Name`, which must match"
                                + " [a-z0-9][a-z0-9_-]{0,63} (lowercase letters, digits, - and _; at most 64)",
                        bad + ":1:13: bare `true` is not allowed in KDL 2 (hint: KDL 2 writes #true for the keyword,"
                                + " or \"true\" for the text)");
    }

    @Test
    void anExplicitFileThatIsNotAKdlFileIsAProblemNotAServerNamedAfterIt() throws IOException {
        Path script = write("run.sh", "#!/bin/sh\nexec server\n");

        ConfigSet set = ConfigLoader.load(List.of(script));

        assertThat(set.servers()).isEmpty();
        assertThat(set.problems())
                .extracting(ConfigProblem::headline)
                .containsExactly(script + ": not a server config: those are <name>.kdl files");
    }

    @Test
    void theSameServerTwiceIsAProblem() throws IOException {
        Path alpha = write("alpha.kdl", "command \"a\"\nport 3001\n");
        Path other = Files.createDirectory(dir.resolve("more"));
        Files.writeString(other.resolve("alpha.kdl"), "command \"b\"\nport 3002\n");

        ConfigSet set = ConfigLoader.load(List.of(alpha, other));

        assertThat(set.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("already defined"));
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingIt() throws IOException {
        write("big.kdl", "// " + "x".repeat((int) ConfigLoader.MAX_FILE_BYTES) + "\n");
        assertThat(ConfigLoader.loadDirectory(dir).problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("larger than 1 MiB"));
    }
}
