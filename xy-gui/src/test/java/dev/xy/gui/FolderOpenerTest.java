package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderOpenerTest {
    @TempDir
    Path dir;

    @Test
    void theFolderIsCreatedAndHandedToTheDesktopsOpener() throws IOException {
        Path told = dir.resolve("told.txt");
        Path configs = dir.resolve("cfg/xy/servers");
        // Stands in for xdg-open: a real process that records the path it was given.
        FolderOpener opener = new FolderOpener(List.of("/bin/sh", "-c", "printf %s \"$0\" > " + told));

        opener.open(configs);

        assertThat(configs).isDirectory();
        assertThat(Files.readString(told)).isEqualTo(configs.toString());
    }

    @Test
    void anOpenerThatFailsIsAnError() {
        FolderOpener opener = new FolderOpener(List.of("/bin/false"));

        assertThatThrownBy(() -> opener.open(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exit 1");
    }
}
