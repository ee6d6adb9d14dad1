package dev.xy.gui.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XdgAutostartTest {
    private static final LaunchCommand IMAGE = new LaunchCommand(List.of("/opt/xy/bin/xy-gui"), Map.of());

    @TempDir
    Path home;

    private XdgAutostart autostart() {
        return new XdgAutostart(home.resolve(".config/autostart"), IMAGE);
    }

    @Test
    void isOffByDefaultAndWritesNothingUntilSwitchedOn() throws IOException {
        XdgAutostart autostart = autostart();

        assertThat(autostart.isEnabled()).isFalse();
        assertThat(home.resolve(".config")).doesNotExist();
    }

    @Test
    void switchingOnWritesAnAutostartEntryThatRunsTheLauncher() throws IOException {
        XdgAutostart autostart = autostart();

        autostart.enable();

        Path entry = home.resolve(".config/autostart/xy.desktop");
        assertThat(autostart.file()).isEqualTo(entry);
        assertThat(Files.readAllLines(entry))
                .startsWith("[Desktop Entry]")
                .contains(
                        "Type=Application",
                        "Name=xy",
                        "Exec=/opt/xy/bin/xy-gui",
                        "Terminal=false",
                        "X-GNOME-Autostart-enabled=true");
        assertThat(autostart.isEnabled()).isTrue();
    }

    @Test
    void switchingOffRemovesTheEntry() throws IOException {
        XdgAutostart autostart = autostart();
        autostart.enable();

        autostart.disable();

        assertThat(autostart.file()).doesNotExist();
        assertThat(autostart.isEnabled()).isFalse();
        autostart.disable(); // already off: nothing to do, no error
    }

    @Test
    void switchingOnTwiceKeepsOneEntry() throws IOException {
        XdgAutostart autostart = autostart();
        autostart.enable();
        autostart.enable();

        try (var files = Files.list(autostart.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("xy.desktop");
        }
    }

    @Test
    void aForeignXyDesktopIsNeitherOverwrittenNorRemoved() throws IOException {
        Path entry = home.resolve(".config/autostart/xy.desktop");
        Files.createDirectories(entry.getParent());
        String foreign = "[Desktop Entry]\nType=Application\nName=xy (another tool)\nExec=/usr/bin/xy-other\n";
        Files.writeString(entry, foreign);
        XdgAutostart autostart = autostart();

        assertThat(autostart.isEnabled()).isFalse();
        assertThatThrownBy(autostart::enable).isInstanceOf(IOException.class).hasMessageContaining("not written by xy");
        autostart.disable();

        assertThat(entry).hasContent(foreign);
    }

    @Test
    void anEntrySwitchedOffInTheDesktopsSettingsCountsAsOffAndSwitchingOnAgainRestoresIt() throws IOException {
        XdgAutostart autostart = autostart();
        autostart.enable();
        // What GNOME's settings do to a user's autostart entry they switch off: keep it, mark it disabled.
        Files.writeString(
                autostart.file(),
                Files.readString(autostart.file())
                        .replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"));
        assertThat(autostart.isEnabled()).isFalse();

        autostart.enable();

        assertThat(autostart.isEnabled()).isTrue();
        assertThat(Files.readAllLines(autostart.file())).contains("X-GNOME-Autostart-enabled=true");
    }

    @Test
    void aHiddenEntryCountsAsOff() throws IOException {
        XdgAutostart autostart = autostart();
        autostart.enable();
        Files.writeString(autostart.file(), Files.readString(autostart.file()) + "Hidden=true\n");

        assertThat(autostart.isEnabled()).isFalse();
    }

    @Test
    void theFolderFollowsXdgConfigHomeAndIgnoresARelativeOne() {
        assertThat(XdgAutostart.directory(Map.of("XDG_CONFIG_HOME", "/srv/me/cfg"), home))
                .isEqualTo(Path.of("/srv/me/cfg/autostart"));
        assertThat(XdgAutostart.directory(Map.of("XDG_CONFIG_HOME", "cfg"), home))
                .isEqualTo(home.resolve(".config/autostart"));
        assertThat(XdgAutostart.directory(Map.of(), home)).isEqualTo(home.resolve(".config/autostart"));
    }

    @Test
    void execQuotesWhatTheSpecReservesAndCarriesTheEnvironmentThroughEnv() {
        LaunchCommand fromRepo =
                new LaunchCommand(List.of("/home/me/my code/xy$1/bin/xy-gui"), Map.of("JAVA_HOME", "/opt/jdk-17"));

        // Quoted, with $ escaped by a backslash, then the backslash doubled (the string escape comes first).
        assertThat(XdgAutostart.exec(fromRepo))
                .isEqualTo("env JAVA_HOME=/opt/jdk-17 \"/home/me/my code/xy\\\\$1/bin/xy-gui\"");
        assertThat(XdgAutostart.exec(new LaunchCommand(List.of("/opt/100%/xy-gui"), Map.of())))
                .isEqualTo("/opt/100%%/xy-gui");
    }
}
