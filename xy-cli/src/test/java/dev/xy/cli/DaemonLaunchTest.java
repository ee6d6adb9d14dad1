package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonLaunchTest {
    @TempDir
    Path dir;

    @AfterEach
    void forgetTheImage() {
        System.clearProperty("jpackage.app-path");
    }

    @Test
    void fromABuildItIsThisJavaWithThisCli() {
        List<String> command = DaemonLaunch.current().command(Optional.empty());
        assertThat(Path.of(command.get(0)).getFileName().toString()).isEqualTo("java");
        assertThat(command).last().isEqualTo("daemon");
    }

    @Test
    void theDaemonRunsWithTheFlagsTheBuildChose() {
        assertThat(DaemonLaunch.jvmOptions(null)).contains("-XX:+UseSerialGC").anyMatch(o -> o.startsWith("-Xmx"));
        List<String> command = DaemonLaunch.current().command(Optional.empty());
        assertThat(command.subList(1, 1 + DaemonLaunch.jvmOptions().size()))
                .containsExactlyElementsOf(DaemonLaunch.jvmOptions());
    }

    @Test
    void flagsFromTheEnvironmentComeAfterTheBuiltInOnesSoTheyWin() {
        List<String> options = DaemonLaunch.jvmOptions("  -Xmx512m   -Dx=y ");
        assertThat(options).endsWith("-Xmx512m", "-Dx=y");
        assertThat(options.subList(0, options.size() - 2)).isEqualTo(DaemonLaunch.jvmOptions(" "));
    }

    @Test
    void inAPackagedImageItIsTheImagesOwnLauncher() throws Exception {
        Path launcher = Files.createFile(
                dir.resolve("xy"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        System.setProperty("jpackage.app-path", launcher.toString());
        assertThat(DaemonLaunch.current().command(Optional.of(Path.of("/cfg"))))
                .containsExactly(launcher.toString(), "daemon", "--config-dir", "/cfg");
    }

    @Test
    void aChildDoesNotInheritTheMarkOfAJpackageLaunchersSecondStage() {
        java.util.Map<String, String> env = new java.util.HashMap<>(
                java.util.Map.of("_JPACKAGE_LAUNCHER", "12345", "PATH", "/usr/bin", "XDG_CONFIG_HOME", "/c"));
        DaemonLaunch.cleanEnvironment(env);
        assertThat(env).containsOnlyKeys("PATH", "XDG_CONFIG_HOME");
    }
}
