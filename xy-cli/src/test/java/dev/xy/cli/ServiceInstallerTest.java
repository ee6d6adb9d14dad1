package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing, removing and showing a service with real files in a temporary home, and fake {@code systemctl}
 * and {@code launchctl} scripts that record their arguments: this machine, like many containers, has no user
 * service manager to talk to.
 */
class ServiceInstallerTest {
    @TempDir
    Path home;

    private Path bin;
    private Path calls;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        bin = Files.createDirectories(home.resolve("bin"));
        calls = home.resolve("calls.txt");
    }

    /** A fake command that appends its name and arguments to {@code calls}, then runs {@code then}. */
    private void fake(String name, String then) throws IOException {
        Path script = Files.writeString(
                bin.resolve(name), "#!/bin/sh\necho \"" + name + " $*\" >> '" + calls + "'\n" + then + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private Map<String, String> env() {
        return Map.of(
                "PATH", bin.toString(), "XDG_CONFIG_HOME", home.resolve("cfg").toString());
    }

    private ServiceSetup setup() {
        return new ServiceSetup(
                List.of("/opt/jdk/bin/java", "-jar", "/opt/xy/xy-cli.jar", "daemon"),
                home,
                XyPaths.from(env(), home),
                env());
    }

    private ServiceInstaller installer(ServiceDefinition service) {
        return new ServiceInstaller(
                service, new CommandRunner(env()), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private ServiceInstaller systemd() {
        return installer(new SystemdUserUnit(setup()));
    }

    private Path unitFile() {
        return home.resolve("cfg/systemd/user/xy.service");
    }

    @Test
    void installWritesTheUnitThenReloadsAndEnablesItSayingEachStep() throws Exception {
        fake("systemctl", "exit 0");

        assertThat(systemd().install()).isEqualTo(ExitCodes.OK);

        assertThat(unitFile()).hasContent(new SystemdUserUnit(setup()).content());
        assertThat(calls())
                .containsExactly("systemctl --user daemon-reload", "systemctl --user enable --now xy.service");
        assertThat(out.toString())
                .isEqualTo("wrote " + unitFile() + "\n"
                        + "ran: systemctl --user daemon-reload\n"
                        + "ran: systemctl --user enable --now xy.service\n"
                        + "the daemon now runs as a systemd user unit, and will again after every login or crash\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withoutAUserSystemdTheUnitIsWrittenAndWhatToRunIsSaid() throws Exception {
        fake("systemctl", "echo 'Failed to connect to bus: No medium found' >&2; exit 1");

        assertThat(systemd().install()).isEqualTo(ExitCodes.OPERATIONAL_ERROR);

        assertThat(unitFile()).exists();
        assertThat(calls()).containsExactly("systemctl --user daemon-reload");
        assertThat(err.toString())
                .isEqualTo("xy: `systemctl --user daemon-reload` failed (exit 1): Failed to connect to bus: No medium"
                        + " found\n"
                        + "xy: the systemd user unit is written but not enabled: the daemon will not start by itself."
                        + " Once the service manager is available, run:\n"
                        + "  systemctl --user daemon-reload\n"
                        + "  systemctl --user enable --now xy.service\n");
    }

    @Test
    void withNoSystemctlAtAllTheUnitIsWrittenAndThatIsSaid() throws Exception {
        assertThat(systemd().install()).isEqualTo(ExitCodes.OPERATIONAL_ERROR);

        assertThat(unitFile()).exists();
        assertThat(out.toString()).isEqualTo("wrote " + unitFile() + "\n");
        assertThat(err.toString())
                .startsWith("xy: `systemctl --user daemon-reload` failed: `systemctl` not found on PATH\n")
                .contains("is written but not enabled");
    }

    @Test
    void uninstallDisablesRemovesAndReloads() throws Exception {
        fake("systemctl", "exit 0");
        systemd().install();
        Files.delete(calls);
        out.getBuffer().setLength(0);

        assertThat(systemd().uninstall()).isEqualTo(ExitCodes.OK);

        assertThat(unitFile()).doesNotExist();
        assertThat(calls())
                .containsExactly("systemctl --user disable --now xy.service", "systemctl --user daemon-reload");
        assertThat(out.toString())
                .isEqualTo("ran: systemctl --user disable --now xy.service\n"
                        + "removed " + unitFile() + "\n"
                        + "ran: systemctl --user daemon-reload\n");
    }

    @Test
    void uninstallWithoutASystemdStillRemovesTheUnitAndSaysWhatIsLeft() throws Exception {
        Files.createDirectories(unitFile().getParent());
        Files.writeString(unitFile(), "written earlier");
        fake("systemctl", "echo 'Failed to connect to bus: No medium found' >&2; exit 1");

        assertThat(systemd().uninstall()).isEqualTo(ExitCodes.OPERATIONAL_ERROR);

        assertThat(unitFile()).doesNotExist();
        assertThat(err.toString())
                .endsWith("a daemon it started may still run. Once it is available, run:\n"
                        + "  systemctl --user stop xy.service\n"
                        + "  systemctl --user daemon-reload\n");
    }

    @Test
    void uninstallingWhatIsNotInstalledChangesNothing() throws Exception {
        fake("systemctl", "exit 0");

        assertThat(systemd().uninstall()).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).isEqualTo("no systemd user unit installed (no " + unitFile() + ")\n");
        assertThat(calls()).isEmpty();
    }

    @Test
    void statusSaysWhetherItIsInstalledAndWhatSystemdSays() throws Exception {
        fake("systemctl", "echo '● xy.service - active (running)'");
        assertThat(systemd().status()).isEqualTo(ExitCodes.OPERATIONAL_ERROR);
        assertThat(out.toString()).startsWith("not installed (no " + unitFile() + ")");

        systemd().install();
        out.getBuffer().setLength(0);

        assertThat(systemd().status()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .isEqualTo("installed: " + unitFile() + "\n"
                        + "$ systemctl --user status --no-pager xy.service\n"
                        + "● xy.service - active (running)\n");
    }

    @Test
    void onMacOsTheAgentIsBootstrappedAndBootedOutInTheGuiDomain() throws Exception {
        fake("launchctl", "exit 0");
        LaunchdAgent agent = new LaunchdAgent(setup(), 501);
        Path plist = home.resolve("Library/LaunchAgents/dev.xy.daemon.plist");

        assertThat(installer(agent).install()).isEqualTo(ExitCodes.OK);
        assertThat(plist).hasContent(agent.content());
        assertThat(installer(agent).uninstall()).isEqualTo(ExitCodes.OK);

        assertThat(plist).doesNotExist();
        assertThat(calls())
                .containsExactly("launchctl bootstrap gui/501 " + plist, "launchctl bootout gui/501/dev.xy.daemon");
        assertThat(out.toString()).contains("wrote " + plist, "ran: launchctl bootstrap gui/501 " + plist);
    }
}
