package dev.xy.gui;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * What closing the window and quitting mean. With a tray, closing the window leaves the app in the tray; without
 * one, closing the window quits (the window owns the app's lifetime), and the app says so once. Quitting (menu,
 * tray, Ctrl-Q, SIGTERM, SIGINT) lets go of the backend first: a hosting app stops every server gracefully and
 * removes the socket, an attached app leaves the daemon running. Then it exits with 0.
 */
public final class AppLifecycle {
    private final MainViewModel vm;
    private final Stage stage;
    private final BooleanSupplier trayPresent;
    private final Runnable beforeExit;
    private final Runnable exit;
    private final AtomicBoolean quitting = new AtomicBoolean();
    /** Whether the tray has been looked for yet: until then, closing the window could mean hide or quit. */
    private volatile boolean trayKnown;

    /**
     * @param beforeExit runs off the FX thread after the backend is closed (removes the tray icon)
     * @param exit ends the JavaFX toolkit and the process
     */
    public AppLifecycle(
            MainViewModel vm, Stage stage, BooleanSupplier trayPresent, Runnable beforeExit, Runnable exit) {
        this.vm = vm;
        this.stage = stage;
        this.trayPresent = trayPresent;
        this.beforeExit = beforeExit;
        this.exit = exit;
    }

    /** On the FX thread. */
    public void closeWindow() {
        if (!trayKnown) {
            // Seen under Xvfb with a tray host that had lost an earlier icon: a close request as the window first
            // maps, before the tray answers. Quitting then would end the app the moment it started.
            XyApp.log("a request to close the window came before the tray was found; ignored");
            return;
        }
        if (trayPresent.getAsBoolean()) {
            stage.hide();
        } else {
            quit("the window was closed, and there is no tray to keep the app in");
        }
    }

    /** On the FX thread. */
    public void showWindow() {
        stage.setIconified(false);
        stage.show();
        stage.toFront();
    }

    /** A tray appeared or went away (any thread). Without one the window must stay reachable. */
    public void trayPresence(boolean present) {
        trayKnown = true;
        Platform.runLater(() -> {
            if (!present) {
                vm.sayNoTray();
                if (!stage.isShowing()) {
                    showWindow();
                }
            }
        });
    }

    /**
     * From any thread; the second call does nothing. {@code why} goes to stderr: an app that ends is asked why,
     * and the window that says so may be gone or hidden.
     */
    public void quit(String why) {
        if (!quitting.compareAndSet(false, true)) {
            return;
        }
        XyApp.log("quitting: " + why);
        Platform.runLater(() -> {
            boolean hosting = vm.backendProperty().get() != null
                    && vm.backendProperty().get().hosting();
            vm.feedback().info(hosting ? "quitting: stopping every server…" : "quitting: the daemon keeps running");
            vm.shutdown().whenComplete((done, error) -> {
                beforeExit.run();
                exit.run();
            });
        });
    }
}
