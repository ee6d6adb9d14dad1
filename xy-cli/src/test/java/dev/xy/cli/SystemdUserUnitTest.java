package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.daemon.XyPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdUserUnitTest {
    private static final Path HOME = Path.of("/home/me");
    private static final List<String> DAEMON = List.of("/opt/jdk/bin/java", "-jar", "/opt/xy/xy-cli.jar", "daemon");

    private static SystemdUserUnit unit(List<String> command, Map<String, String> env) {
        return new SystemdUserUnit(new ServiceSetup(command, HOME, XyPaths.from(env, HOME), env));
    }

    @Test
    void theUnitRunsThisDaemonWithTheInstallingShellsDirectories() {
        SystemdUserUnit unit = unit(
                DAEMON,
                Map.of(
                        "PATH", "/home/me/.nvm/bin:/usr/bin:/bin",
                        "XDG_CONFIG_HOME", "/home/me/cfg",
                        "XDG_RUNTIME_DIR", "/run/user/1000",
                        "XDG_STATE_HOME", "relative/ignored",
                        "SECRET_TOKEN", "not carried"));

        assertThat(unit.file()).isEqualTo(Path.of("/home/me/cfg/systemd/user/xy.service"));
        assertThat(unit.content())
                .isEqualTo(
                        """
                        # Written by `xy service install`; `xy service uninstall` removes it.
                        [Unit]
                        Description=xy: keeps your local MCP servers running

                        [Service]
                        ExecStart=/opt/jdk/bin/java -jar /opt/xy/xy-cli.jar daemon
                        WorkingDirectory=%h
                        # The environment of the shell that installed it: the same configs, socket and PATH.
                        Environment=PATH=/home/me/.nvm/bin:/usr/bin:/bin
                        Environment=XDG_CONFIG_HOME=/home/me/cfg
                        Environment=XDG_RUNTIME_DIR=/run/user/1000
                        Restart=on-failure
                        # Exit 3 means invalid configs: restarting cannot fix them.
                        RestartPreventExitStatus=3
                        # SIGTERM to the daemon only: it stops its servers' process trees itself, each with its grace.
                        KillMode=mixed

                        [Install]
                        WantedBy=default.target
                        """);
    }

    @Test
    void withoutXdgConfigHomeTheUnitGoesUnderHomeAndTheSocketFollowsTheCli() {
        SystemdUserUnit unit = unit(DAEMON, Map.of("PATH", "/usr/bin"));

        assertThat(unit.file()).isEqualTo(Path.of("/home/me/.config/systemd/user/xy.service"));
        // The CLI without XDG_RUNTIME_DIR looks in the state directory; systemd would set one: unset it.
        assertThat(unit.content()).contains("\nUnsetEnvironment=XDG_RUNTIME_DIR\n");
    }

    @Test
    void wordsAreQuotedAndEscapedAsSystemdReadsThem() {
        SystemdUserUnit unit = unit(
                List.of("/opt/my jdk/bin/java", "-jar", "/opt/100%/xy-cli.jar", "daemon", "--config-dir", "/a\"b$c"),
                Map.of("PATH", "/with space:/x%y"));

        assertThat(unit.content())
                .contains("ExecStart=\"/opt/my jdk/bin/java\" -jar /opt/100%%/xy-cli.jar daemon --config-dir"
                        + " \"/a\\\"b$$c\"\n")
                .contains("Environment=\"PATH=/with space:/x%%y\"\n");
    }

    @Test
    void commandsEnableDisableAndShowTheUserUnit() {
        SystemdUserUnit unit = unit(DAEMON, Map.of());

        assertThat(unit.enable())
                .containsExactly(
                        List.of("systemctl", "--user", "daemon-reload"),
                        List.of("systemctl", "--user", "enable", "--now", "xy.service"));
        assertThat(unit.disable()).containsExactly(List.of("systemctl", "--user", "disable", "--now", "xy.service"));
        assertThat(unit.afterRemoval()).containsExactly(List.of("systemctl", "--user", "daemon-reload"));
        assertThat(unit.status()).containsExactly("systemctl", "--user", "status", "--no-pager", "xy.service");
    }
}
