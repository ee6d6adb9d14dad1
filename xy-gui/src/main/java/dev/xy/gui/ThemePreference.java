package dev.xy.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop prefers a dark look. JavaFX 21 does not say, so this asks the platform once at start-up
 * (runs a command: off the FX thread): GNOME's {@code color-scheme} setting, macOS's {@code AppleInterfaceStyle};
 * {@code XY_GUI_THEME=dark|light} overrides both.
 */
public final class ThemePreference {
    private ThemePreference() {}

    public static boolean prefersDark() {
        String forced = System.getenv("XY_GUI_THEME");
        if (forced != null && !forced.isBlank()) {
            return forced.trim().equalsIgnoreCase("dark");
        }
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        if (mac) {
            return ask(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).contains("dark");
        }
        return ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"))
                .contains("dark");
    }

    /** The command's output in lower case, or empty when it is missing, fails or takes too long. */
    private static String ask(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
