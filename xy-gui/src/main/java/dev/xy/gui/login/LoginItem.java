package dev.xy.gui.login;

import java.io.IOException;
import java.nio.file.Path;

/**
 * "Start xy at login": the one entry the desktop reads at login to start the app (an XDG autostart file on Linux,
 * a launchd agent on macOS). Off until the user switches it on. Every method touches the file system: call them
 * off the JavaFX thread.
 */
public interface LoginItem {
    /** Where the entry lives, for messages. */
    Path file();

    /** True when xy's entry is there and the desktop would act on it. */
    boolean isEnabled() throws IOException;

    /** Writes xy's entry; refuses to overwrite a file at that place that xy did not write. */
    void enable() throws IOException;

    /** Removes xy's entry; leaves a file that xy did not write alone. */
    void disable() throws IOException;
}
