package dev.xy.gui.login;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Picks the login item for the system the app runs on. */
public final class LoginItems {
    private LoginItems() {}

    /**
     * The login item of this system for the running app's launcher; empty where xy knows no login mechanism
     * (Windows) or cannot tell which launcher started it.
     */
    public static Optional<LoginItem> forThisSystem() {
        return LauncherLocation.current()
                .flatMap(launch -> of(
                        System.getProperty("os.name", ""),
                        System.getenv(),
                        Path.of(System.getProperty("user.home")),
                        launch));
    }

    static Optional<LoginItem> of(String osName, Map<String, String> env, Path home, LaunchCommand launch) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return Optional.of(new LaunchAgentLoginItem(home.resolve("Library/LaunchAgents"), launch));
        }
        if (os.contains("win")) {
            return Optional.empty();
        }
        return Optional.of(new XdgAutostart(XdgAutostart.directory(env, home), launch));
    }
}
