package dev.xy.gui.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherLocationTest {
    private static final Path JAVA_HOME = Path.of("/usr/lib/jvm/java-17");

    @TempDir
    Path dir;

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void inAJpackageImageItIsTheImagesOwnLauncherWithNoExtraEnvironment() throws IOException {
        Path launcher = executable(dir.resolve("opt/xy/bin/xy-gui"));
        Path jar = Files.createDirectories(dir.resolve("opt/xy/lib/app")).resolve("xy-gui.jar");

        assertThat(LauncherLocation.of(launcher.toString(), jar, JAVA_HOME))
                .contains(new LaunchCommand(List.of(launcher.toString()), Map.of()));
    }

    @Test
    void fromABuildItIsTheRepositorysBinXyGuiWithTheRunningJava() throws IOException {
        Path repo = dir.resolve("src/xy");
        Path launcher = executable(repo.resolve("bin/xy-gui"));
        LaunchCommand expected =
                new LaunchCommand(List.of(launcher.toString()), Map.of("JAVA_HOME", JAVA_HOME.toString()));

        assertThat(LauncherLocation.of(null, repo.resolve("xy-gui/target/xy-gui.jar"), JAVA_HOME))
                .contains(expected);
        // Run from the build's classes (an IDE, the tests): the same launcher.
        assertThat(LauncherLocation.of(null, repo.resolve("xy-gui/target/classes"), JAVA_HOME))
                .contains(expected);
    }

    @Test
    void aJpackagePathThatIsNotThereFallsBackToTheBuild() throws IOException {
        Path repo = dir.resolve("xy");
        Path launcher = executable(repo.resolve("bin/xy-gui"));

        assertThat(LauncherLocation.of(
                                dir.resolve("gone/bin/xy-gui").toString(),
                                repo.resolve("xy-gui/target/xy-gui.jar"),
                                JAVA_HOME)
                        .map(c -> c.arguments()))
                .contains(List.of(launcher.toString()));
    }

    @Test
    void anUnknownLayoutHasNoLauncher() throws IOException {
        Files.createDirectories(dir.resolve("lib"));

        assertThat(LauncherLocation.of(null, dir.resolve("lib/xy-gui.jar"), JAVA_HOME))
                .isEmpty();
        assertThat(LauncherLocation.of(null, null, JAVA_HOME)).isEmpty();
        assertThat(LauncherLocation.of(null, Path.of("/xy-gui.jar"), JAVA_HOME)).isEmpty();
    }

    @Test
    void theTestsOwnRunFindsThisRepositorysLauncher() {
        // These tests run from xy-gui/target/test-classes, the classes from xy-gui/target/classes.
        assertThat(LauncherLocation.current()
                        .map(c -> Path.of(c.arguments().get(0)).getFileName().toString()))
                .contains("xy-gui");
    }
}
