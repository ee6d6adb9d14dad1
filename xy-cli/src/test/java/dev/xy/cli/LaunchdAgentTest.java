package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.daemon.XyPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchdAgentTest {
    private static final Path HOME = Path.of("/Users/me");

    private static LaunchdAgent agent(List<String> command, Map<String, String> env) {
        return new LaunchdAgent(new ServiceSetup(command, HOME, XyPaths.from(env, HOME), env), 501);
    }

    @Test
    void theAgentRunsThisDaemonAtLoadAndAgainAfterAFailure() {
        LaunchdAgent agent = agent(
                List.of("/opt/jdk/bin/java", "-jar", "/opt/xy & co/xy-cli.jar", "daemon"),
                Map.of("PATH", "/opt/homebrew/bin:/usr/bin", "XDG_CONFIG_HOME", "/Users/me/cfg"));

        assertThat(agent.file()).isEqualTo(Path.of("/Users/me/Library/LaunchAgents/dev.xy.daemon.plist"));
        assertThat(agent.content())
                .isEqualTo(
                        """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                        <!-- Written by `xy service install`; `xy service uninstall` removes it. -->
                        <plist version="1.0">
                        <dict>
                          <key>Label</key>
                          <string>dev.xy.daemon</string>
                          <key>ProgramArguments</key>
                          <array>
                            <string>/opt/jdk/bin/java</string>
                            <string>-jar</string>
                            <string>/opt/xy &amp; co/xy-cli.jar</string>
                            <string>daemon</string>
                          </array>
                          <key>RunAtLoad</key>
                          <true/>
                          <!-- Started again when it exits unsuccessfully, as systemd's Restart=on-failure. -->
                          <key>KeepAlive</key>
                          <dict>
                            <key>SuccessfulExit</key>
                            <false/>
                          </dict>
                          <key>WorkingDirectory</key>
                          <string>/Users/me</string>
                          <key>EnvironmentVariables</key>
                          <dict>
                            <key>PATH</key>
                            <string>/opt/homebrew/bin:/usr/bin</string>
                            <key>XDG_CONFIG_HOME</key>
                            <string>/Users/me/cfg</string>
                          </dict>
                          <key>StandardOutPath</key>
                          <string>/Users/me/.local/state/xy/daemon.log</string>
                          <key>StandardErrorPath</key>
                          <string>/Users/me/.local/state/xy/daemon.log</string>
                        </dict>
                        </plist>
                        """);
    }

    @Test
    void commandsBootstrapAndBootOutTheAgentInTheUsersGuiDomain() {
        LaunchdAgent agent = agent(List.of("java"), Map.of());

        assertThat(agent.enable())
                .containsExactly(List.of(
                        "launchctl", "bootstrap", "gui/501", "/Users/me/Library/LaunchAgents/dev.xy.daemon.plist"));
        assertThat(agent.disable()).containsExactly(List.of("launchctl", "bootout", "gui/501/dev.xy.daemon"));
        assertThat(agent.afterRemoval()).isEmpty();
        assertThat(agent.status()).containsExactly("launchctl", "print", "gui/501/dev.xy.daemon");
    }
}
