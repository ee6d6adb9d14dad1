package dev.xy.gui.login;

import dev.xy.gui.Calls;
import java.io.IOException;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The "Start xy at login" switch of the window and the tray menu: whether xy starts at login, read from and
 * written to the system's {@link LoginItem} on the background executor, the answer back on the FX thread.
 * Off by default: nothing is written until the user switches it on. Touches no node.
 */
public final class StartAtLoginViewModel {
    private final Optional<LoginItem> item;
    private final Calls calls;
    private final ReadOnlyBooleanWrapper enabled = new ReadOnlyBooleanWrapper(this, "enabled");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    /** @param item the system's login item; empty where there is none (the switch is then not offered) */
    public StartAtLoginViewModel(Optional<LoginItem> item, Calls calls) {
        this.item = item;
        this.calls = calls;
    }

    /** Reads the current state (the user may have changed it in the desktop's settings meanwhile). */
    public void refresh() {
        item.ifPresent(login -> run(login, () -> {}, null));
    }

    /** Switches starting at login on or off; the state shown follows what the file system then says. */
    public void set(boolean on) {
        if (item.isEmpty()) {
            calls.feedback().error("start at login: not available on this system");
            return;
        }
        LoginItem login = item.get();
        String done = on ? "xy will start at login (" + login.file() + ")" : "xy will not start at login";
        run(login, on ? login::enable : login::disable, done);
    }

    private void run(LoginItem login, Change change, String done) {
        busy.set(true);
        calls.background().execute(() -> {
            String failure = null;
            try {
                change.apply();
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            }
            boolean now = read(login);
            String failed = failure;
            calls.fx().execute(() -> {
                enabled.set(now);
                busy.set(false);
                if (failed != null) {
                    calls.feedback().error("start at login: " + failed);
                } else if (done != null) {
                    calls.feedback().info(done);
                }
            });
        });
    }

    private static boolean read(LoginItem login) {
        try {
            return login.isEnabled();
        } catch (IOException | RuntimeException e) {
            return false; // unreadable: xy cannot claim it starts at login
        }
    }

    @FunctionalInterface
    private interface Change {
        void apply() throws IOException;
    }

    /** False where the system has no login item xy can write: the switch is hidden. */
    public boolean isAvailable() {
        return item.isPresent();
    }

    public ReadOnlyBooleanProperty enabledProperty() {
        return enabled.getReadOnlyProperty();
    }

    /** True while a read or a switch is under way: the switch waits. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
