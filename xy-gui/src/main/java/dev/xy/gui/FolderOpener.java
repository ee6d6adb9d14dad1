package dev.xy.gui;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens a folder in the desktop's file manager: {@code open} on macOS, {@code xdg-open} elsewhere, and AWT's
 * {@link Desktop} when that command is missing. Blocks while the command starts: call it off the FX thread.
 */
public final class FolderOpener {
    private final List<String> command;

    public FolderOpener(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static FolderOpener forThisSystem() {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        return new FolderOpener(List.of(mac ? "open" : "xdg-open"));
    }

    /** Opens {@code dir}, creating it first so there is somewhere to put the first config. */
    public void open(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> full = new ArrayList<>(command);
        full.add(dir.toString());
        Process process;
        try {
            process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException missing) {
            openWithAwt(dir, missing);
            return;
        }
        try {
            // xdg-open hands over to the file manager and returns; one that hangs is left to run.
            if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() != 0) {
                throw new IOException(
                        command.get(0) + " could not open " + dir + " (exit " + process.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void openWithAwt(Path dir, IOException missing) throws IOException {
        if (GraphicsEnvironment.isHeadless()
                || !Desktop.isDesktopSupported()
                || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            throw new IOException("no file manager to open " + dir + " with (" + missing.getMessage() + ")");
        }
        Desktop.getDesktop().open(dir.toFile());
    }
}
