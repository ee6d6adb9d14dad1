package dev.xy.gui.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginItemsTest {
    private static final Path HOME = Path.of("/home/me");
    private static final LaunchCommand LAUNCH = new LaunchCommand(List.of("/opt/xy/bin/xy-gui"), Map.of());

    @Test
    void linuxGetsAnXdgAutostartEntryUnderXdgConfigHome() {
        assertThat(LoginItems.of("Linux", Map.of("XDG_CONFIG_HOME", "/tmp/cfg"), HOME, LAUNCH))
                .get()
                .isInstanceOf(XdgAutostart.class)
                .extracting(LoginItem::file)
                .isEqualTo(Path.of("/tmp/cfg/autostart/xy.desktop"));
    }

    @Test
    void macOsGetsALaunchAgent() {
        assertThat(LoginItems.of("Mac OS X", Map.of("XDG_CONFIG_HOME", "/tmp/cfg"), HOME, LAUNCH))
                .get()
                .isInstanceOf(LaunchAgentLoginItem.class)
                .extracting(LoginItem::file)
                .isEqualTo(Path.of("/home/me/Library/LaunchAgents/dev.xy.app.plist"));
    }

    @Test
    void windowsHasNone() {
        assertThat(LoginItems.of("Windows 11", Map.of(), HOME, LAUNCH)).isEmpty();
    }
}
