package dev.xy.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandResolverTest {
    @TempDir
    Path dir;

    private Path script(String name, String permissions) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void aBareNameIsFoundOnTheServersPath() throws Exception {
        Path tool = script("my-tool", "rwx------");
        assertThat(CommandResolver.resolve("my-tool", Map.of("PATH", "/nonexistent:" + dir), Path.of("/")))
                .isEqualTo(tool);
    }

    @Test
    void aNameNotOnThePathIsAClearError() {
        assertThatThrownBy(() -> CommandResolver.resolve("my-tool", Map.of("PATH", dir.toString()), dir))
                .isInstanceOf(SpawnException.class)
                .hasMessage("command `my-tool` not found on PATH (1 directory: " + dir + "); use an absolute path,"
                        + " or set PATH in the config's env block");
    }

    @Test
    void aLongPathIsSummedUpNotDumped() {
        String path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games"
                + ":/snap/bin:/opt/java/openjdk/bin:/home/someone/.local/bin:/home/someone/.cargo/bin"
                + ":/home/someone/.npm-global/bin:/home/someone/go/bin:/usr/bin";
        assertThatThrownBy(() -> CommandResolver.resolve("foo", Map.of("PATH", path), dir))
                .hasMessage("command `foo` not found on PATH (14 directories, e.g. /usr/local/sbin, /usr/local/bin);"
                        + " use an absolute path, or set PATH in the config's env block");
    }

    @Test
    void aFewDirectoriesAreNamedInFull() {
        assertThatThrownBy(() -> CommandResolver.resolve("foo", Map.of("PATH", "/a::/b"), dir))
                .hasMessageStartingWith("command `foo` not found on PATH (3 directories: /a, ., /b);");
    }

    @Test
    void aFileThatIsNotExecutableIsSkippedOnThePathAndRefusedByPath() throws Exception {
        script("plain", "rw-------");
        assertThatThrownBy(() -> CommandResolver.resolve("plain", Map.of("PATH", dir.toString()), dir))
                .hasMessageContaining("not found on PATH");
        assertThatThrownBy(() -> CommandResolver.resolve("./plain", Map.of(), dir))
                .hasMessage(
                        "command `./plain` (relative to the working directory " + dir + ") is not an executable file");
    }

    @Test
    void aRelativePathIsRelativeToTheWorkingDirectory() throws Exception {
        Path tool = script("run.sh", "rwx------");
        assertThat(CommandResolver.resolve("./run.sh", Map.of(), dir)).isEqualTo(dir.resolve("./run.sh"));
        assertThat(tool).exists();
        assertThatThrownBy(() -> CommandResolver.resolve("./missing.sh", Map.of(), dir))
                .hasMessage("command `./missing.sh` (relative to the working directory " + dir + ") does not exist");
        assertThatThrownBy(() -> CommandResolver.resolve(dir.toString(), Map.of(), dir))
                .hasMessage("command `" + dir + "` is not an executable file");
    }
}
