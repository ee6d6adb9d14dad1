package dev.xy.gui.login;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Start at login on Linux desktops (GNOME, KDE, XFCE, …): {@code $XDG_CONFIG_HOME/autostart/xy.desktop} as the
 * XDG Autostart spec describes it, whose {@code Exec=} runs the launcher that started this app.
 */
public final class XdgAutostart implements LoginItem {
    /** Marks the entry as xy's own, so that a foreign {@code xy.desktop} is never touched. */
    static final String MARKER = "X-XY-LoginItem=true";

    private static final Pattern RESERVED = Pattern.compile("[\\s\"'\\\\><~|&;$*?#()`]");

    private final OwnedFile entry;
    private final LaunchCommand launch;

    /** @param autostartDir the {@code autostart} folder ({@link #directory} finds the user's) */
    public XdgAutostart(Path autostartDir, LaunchCommand launch) {
        this.entry = new OwnedFile(
                autostartDir.resolve("xy.desktop"), text -> text.lines().anyMatch(MARKER::equals));
        this.launch = launch;
    }

    /** {@code $XDG_CONFIG_HOME/autostart}, or {@code ~/.config/autostart}; a relative value is ignored (spec). */
    public static Path directory(Map<String, String> env, Path home) {
        String configHome = env.get("XDG_CONFIG_HOME");
        Path base = configHome != null
                        && !configHome.isEmpty()
                        && Path.of(configHome).isAbsolute()
                ? Path.of(configHome)
                : home.resolve(".config");
        return base.resolve("autostart");
    }

    @Override
    public Path file() {
        return entry.path();
    }

    /**
     * The desktop skips an entry that is {@code Hidden=true} or, under GNOME, {@code X-GNOME-Autostart-enabled=false}
     * (what its settings write when the user switches the entry off there): then xy does not start at login.
     */
    @Override
    public boolean isEnabled() throws IOException {
        Optional<String> text = entry.readOurs();
        return text.isPresent()
                && text.get()
                        .lines()
                        .map(String::strip)
                        .noneMatch(
                                line -> line.equals("Hidden=true") || line.equals("X-GNOME-Autostart-enabled=false"));
    }

    @Override
    public void enable() throws IOException {
        entry.write(content());
    }

    @Override
    public void disable() throws IOException {
        entry.deleteOurs();
    }

    /** The entry's text. */
    String content() {
        return String.join(
                "\n",
                "[Desktop Entry]",
                "Type=Application",
                "Name=xy",
                "Comment=Supervisor for local MCP servers (written by xy's \"Start xy at login\")",
                "Exec=" + exec(launch),
                "Terminal=false",
                "X-GNOME-Autostart-enabled=true",
                MARKER,
                "");
    }

    /**
     * The {@code Exec=} value: each argument quoted when it holds a reserved character, with {@code "`$\} escaped
     * inside quotes, then backslashes doubled (the string-value escape applies before the quoting rule), and
     * {@code %} doubled so that no argument reads as a field code. Extra environment goes through {@code env}.
     */
    static String exec(LaunchCommand launch) {
        List<String> words = new ArrayList<>();
        if (!launch.environment().isEmpty()) {
            words.add("env");
            launch.environment().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> words.add(e.getKey() + "=" + e.getValue()));
        }
        words.addAll(launch.arguments());
        return String.join(" ", words.stream().map(XdgAutostart::quote).toList())
                .replace("\\", "\\\\")
                .replace("%", "%%");
    }

    private static String quote(String word) {
        if (!word.isEmpty() && !RESERVED.matcher(word).find()) {
            return word;
        }
        return "\"" + word.replaceAll("([\"`$\\\\])", "\\\\$1") + "\"";
    }
}
