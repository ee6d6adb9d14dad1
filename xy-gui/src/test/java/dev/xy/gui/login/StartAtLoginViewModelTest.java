package dev.xy.gui.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.gui.Calls;
import dev.xy.gui.CurrentThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartAtLoginViewModelTest {
    private final Calls calls = CurrentThread.calls();

    @TempDir
    Path autostartDir;

    private XdgAutostart item() {
        return new XdgAutostart(autostartDir, new LaunchCommand(List.of("/opt/xy/bin/xy-gui"), Map.of()));
    }

    @Test
    void showsOffUntilSwitchedOnThenWritesTheEntryAndSaysWhere() {
        StartAtLoginViewModel vm = new StartAtLoginViewModel(Optional.of(item()), calls);
        vm.refresh();
        assertThat(vm.enabledProperty().get()).isFalse();

        vm.set(true);

        assertThat(autostartDir.resolve("xy.desktop")).exists();
        assertThat(vm.enabledProperty().get()).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(calls.feedback().messageProperty().get())
                .isEqualTo("xy will start at login (" + autostartDir.resolve("xy.desktop") + ")");
    }

    @Test
    void switchingOffRemovesTheEntry() {
        StartAtLoginViewModel vm = new StartAtLoginViewModel(Optional.of(item()), calls);
        vm.set(true);

        vm.set(false);

        assertThat(autostartDir.resolve("xy.desktop")).doesNotExist();
        assertThat(vm.enabledProperty().get()).isFalse();
        assertThat(calls.feedback().messageProperty().get()).isEqualTo("xy will not start at login");
    }

    @Test
    void refreshShowsAnEntryWrittenBefore() throws IOException {
        item().enable(); // by an earlier run of the app

        StartAtLoginViewModel vm = new StartAtLoginViewModel(Optional.of(item()), calls);
        vm.refresh();

        assertThat(vm.enabledProperty().get()).isTrue();
    }

    @Test
    void aRefusalIsSaidAndTheSwitchShowsTheRealState() throws IOException {
        Files.writeString(autostartDir.resolve("xy.desktop"), "[Desktop Entry]\nExec=/usr/bin/another-xy\n");
        StartAtLoginViewModel vm = new StartAtLoginViewModel(Optional.of(item()), calls);

        vm.set(true);

        assertThat(vm.enabledProperty().get()).isFalse();
        assertThat(calls.feedback().errorProperty().get()).isTrue();
        assertThat(calls.feedback().messageProperty().get())
                .startsWith("start at login: ")
                .contains("not written by xy");
    }

    @Test
    void withoutALoginItemTheSwitchIsNotOffered() {
        StartAtLoginViewModel vm = new StartAtLoginViewModel(Optional.empty(), calls);

        vm.set(true);

        assertThat(vm.isAvailable()).isFalse();
        assertThat(vm.enabledProperty().get()).isFalse();
        assertThat(calls.feedback().messageProperty().get()).contains("not available");
    }
}
