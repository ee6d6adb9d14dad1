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
                .hasMessage("command `my-tool` not found on PATH (" + dir + ")");
    }

    @Test
    void aFileThatIsNotExecutableIsSkippedOnThePathAndRefusedByPath() throws Exception {
        script("plain", "rw-------");
        assertThatThrownBy(() -> CommandResolver.resolve("plain", Map.of("PATH", dir.toString()), dir))
                .hasMessageContaining("not found on PATH");
        assertThatThrownBy(() -> CommandResolver.resolve("./plain", Map.of(), dir))
                .hasMessage("command `./plain` is not an executable file");
    }

    @Test
    void aRelativePathIsRelativeToTheWorkingDirectory() throws Exception {
        Path tool = script("run.sh", "rwx------");
        assertThat(CommandResolver.resolve("./run.sh", Map.of(), dir)).isEqualTo(dir.resolve("./run.sh"));
        assertThat(tool).exists();
        assertThatThrownBy(() -> CommandResolver.resolve("./missing.sh", Map.of(), dir))
                .hasMessage("command `./missing.sh` does not exist");
        assertThatThrownBy(() -> CommandResolver.resolve(dir.toString(), Map.of(), dir))
                .hasMessageContaining("is not an executable file");
    }
}
