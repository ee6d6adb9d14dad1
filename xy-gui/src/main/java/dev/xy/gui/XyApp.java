package dev.xy.gui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.xy.core.daemon.XyPaths;
import dev.xy.gui.login.LoginItems;
import dev.xy.gui.tray.TrayController;
import dev.xy.gui.tray.TrayIcons;
import dev.xy.gui.tray.TrayLook;
import java.awt.GraphicsEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import sun.misc.Signal;

/**
 * The desktop app: shows the window at once, then attaches to a daemon or hosts the engine off the FX thread
 * ({@link BackendConnector}); adds the tray icon where the desktop has a tray; quits cleanly on Quit, SIGTERM and
 * SIGINT ({@link AppLifecycle}). Started through {@link Launcher}.
 */
public final class XyApp extends Application {
    /** Where the tray menu's labels are written after each change, when set (diagnostics, tests). */
    static final String TRAY_DUMP_PROPERTY = "xy.gui.trayMenuDump";

    private boolean dark;
    private final AtomicReference<Backend> current = new AtomicReference<>();

    @Override
    public void init() {
        dark = ThemePreference.prefersDark(); // runs a command: here, not on the FX thread
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        // The app decides when to end (after stopping what it hosts), never JavaFX on the last window closing.
        Platform.setImplicitExit(false);
        XyPaths paths = XyPaths.fromEnvironment();
        Calls calls = new Calls(workers(), Platform::runLater, new Feedback());
        BackendConnector connector = new BackendConnector(paths, XyApp::log);
        MainViewModel vm = new MainViewModel(
                calls,
                connector::connect,
                FolderOpener.forThisSystem(),
                LoginItems.forThisSystem(),
                System::currentTimeMillis);
        vm.backendProperty().addListener((o, was, now) -> {
            if (now != null) {
                current.set(now);
                log(now.describe() + " (config dir " + now.info().configDir() + ")");
            }
        });
        boolean awt = !GraphicsEnvironment.isHeadless();
        AtomicReference<TrayController> trayRef = new AtomicReference<>();
        AppLifecycle life = new AppLifecycle(
                vm,
                stage,
                () -> trayRef.get() != null && trayRef.get().isPresent(),
                () -> {
                    if (trayRef.get() != null) {
                        trayRef.get().close();
                    }
                },
                () -> {
                    Platform.exit();
                    System.exit(0);
                });
        MainWindow window = new MainWindow(stage, vm, life::closeWindow, () -> life.quit("Quit in the window"));
        appIcon(stage);
        if (awt) {
            trayRef.set(tray(vm, life));
        }
        vm.onFailure((name, reason) -> {
            if (trayRef.get() != null && trayRef.get().isPresent()) {
                trayRef.get().notifyFailure(name, reason);
            }
            vm.feedback().error(name + " failed: " + reason);
        });
        handleSignals(life, connector);
        stage.show();
        vm.connect();
        vm.startAtLogin().refresh();
        if (trayRef.get() != null) {
            trayRef.get().start();
        } else {
            life.trayPresence(false);
        }
        window.table().requestFocus();
    }

    private TrayController tray(MainViewModel vm, AppLifecycle life) {
        var servers = vm.servers();
        TrayController tray = new TrayController(
                new TrayController.Actions() {
                    @Override
                    public void start(String name) {
                        Platform.runLater(() -> servers.start(name));
                    }

                    @Override
                    public void stop(String name) {
                        Platform.runLater(() -> servers.stop(name));
                    }

                    @Override
                    public void startAll() {
                        Platform.runLater(servers::startAll);
                    }

                    @Override
                    public void stopAll() {
                        Platform.runLater(servers::stopAll);
                    }

                    @Override
                    public void showWindow() {
                        Platform.runLater(life::showWindow);
                    }

                    @Override
                    public void startAtLogin(boolean on) {
                        Platform.runLater(() -> vm.startAtLogin().set(on));
                    }

                    @Override
                    public void quit() {
                        life.quit("Quit in the tray menu");
                    }
                },
                present -> {
                    log(present ? "tray icon shown" : "no system tray: the window owns the app's lifetime");
                    life.trayPresence(present);
                },
                dumpPath());
        servers.rows().addListener((ListChangeListener<Object>) change -> tray.update(servers.summaries()));
        tray.update(List.of());
        var login = vm.startAtLogin();
        if (login.isAvailable()) {
            login.enabledProperty().addListener((o, was, now) -> tray.startAtLogin(now));
            tray.startAtLogin(login.enabledProperty().get());
        }
        return tray;
    }

    private static Path dumpPath() {
        String dump = System.getProperty(TRAY_DUMP_PROPERTY);
        return dump == null || dump.isBlank() ? null : Path.of(dump);
    }

    /**
     * SIGTERM and SIGINT quit as the menu does; a shutdown hook makes sure hosted servers never outlive us, also
     * when the quit comes while the app is still connecting (no backend handed out yet, servers already starting).
     */
    private void handleSignals(AppLifecycle life, BackendConnector connector) {
        Signal.handle(new Signal("TERM"), signal -> life.quit("SIGTERM"));
        Signal.handle(new Signal("INT"), signal -> life.quit("SIGINT"));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log("exiting"); // after a quit's own line, or the only trace of an exit from elsewhere
                            Backend backend = current.get();
                            if (backend != null) {
                                backend.close();
                            }
                            connector.closeHosted();
                        },
                        "xy-gui-shutdown-hook"));
    }

    private static void appIcon(Stage stage) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(TrayIcons.of(TrayLook.FINE), "png", png);
            stage.getIcons().add(new Image(new ByteArrayInputStream(png.toByteArray())));
        } catch (IOException e) {
            log("no window icon: " + e.getMessage());
        }
    }

    private static ExecutorService workers() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "xy-gui-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static void log(String message) {
        System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " xy-gui: " + message);
    }
}
