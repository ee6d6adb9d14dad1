package dev.xy.gui.tray;

import dev.xy.core.rpc.Wire;
import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The tray icon, where the desktop has a tray: its look reflects all servers ({@link TrayLook}); its menu has a
 * line per server (a start/stop toggle, checked while it runs), Start all, Stop all, Show xy, Start xy at login
 * (where the system has a login item) and Quit; a left click shows the window; a server entering {@code failed}
 * raises a notification. Everything AWT runs on the AWT thread.
 *
 * <p>A tray host may come and go: the controller looks every two seconds, installs the icon once one appears, and
 * reports presence changes so the app can decide what closing the window means. AWT puts the icon back itself
 * when a host returns.
 */
public final class TrayController implements AutoCloseable {
    /** What the menu does; called on the AWT thread, so implementations hop to their own threads. */
    public interface Actions {
        void start(String name);

        void stop(String name);

        void startAll();

        void stopAll();

        void showWindow();

        /** Switch starting xy at login on or off. */
        void startAtLogin(boolean on);

        void quit();
    }

    private static final long CHECK_EVERY_MS = 2000;

    private final Actions actions;
    private final Consumer<Boolean> presence;
    private final Path menuDump;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "xy-tray-watcher");
        thread.setDaemon(true);
        return thread;
    });
    // Fields below are touched on the AWT thread only.
    private final PopupMenu menu = new PopupMenu("xy");
    private final Map<String, CheckboxMenuItem> serverItems = new LinkedHashMap<>();
    private final CheckboxMenuItem atLogin = new CheckboxMenuItem("Start xy at login");
    private Boolean startsAtLogin; // null: not offered on this system
    private boolean menuHasAtLogin;
    private List<Wire.ServerSummary> servers = List.of();
    private TrayIcon icon;
    private Boolean present;
    private volatile boolean presentNow;

    /**
     * @param presence told (on the watcher's thread) whether a tray exists, first after the first look, then on
     *     each change
     * @param menuDump if set, the menu's labels are written there after each change (for diagnostics and tests)
     */
    public TrayController(Actions actions, Consumer<Boolean> presence, Path menuDump) {
        this.actions = actions;
        this.presence = presence;
        this.menuDump = menuDump;
        atLogin.addItemListener(e -> toggleStartAtLogin());
    }

    public void start() {
        quietWhenTheTrayVanishes();
        watcher.scheduleWithFixedDelay(this::look, 0, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * AWT's own tray code throws on its event thread when the tray host goes away (it asks for the tray that is
     * no longer there). The app carries on and the icon returns with a host: say that in one line, not a trace.
     */
    private static void quietWhenTheTrayVanishes() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof UnsupportedOperationException
                    && String.valueOf(error.getMessage()).contains("system tray")) {
                System.getLogger(TrayController.class.getName())
                        .log(System.Logger.Level.INFO, "the tray host went away; the icon returns with one");
            } else if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                thread.getThreadGroup().uncaughtException(thread, error);
            }
        });
    }

    private void look() {
        boolean supported = SystemTray.isSupported();
        EventQueue.invokeLater(() -> {
            if (supported && icon == null) {
                install();
            } else if (supported && Boolean.FALSE.equals(present)) {
                redock();
            }
            boolean now = supported && icon != null;
            if (present == null || present != now) {
                present = now;
                presentNow = now;
                presence.accept(now);
            }
        });
    }

    private void install() {
        TrayIcon created = new TrayIcon(TrayIcons.of(TrayLook.of(servers)), TrayLook.tooltip(servers), menu);
        created.setImageAutoSize(true);
        created.addActionListener(e -> actions.showWindow());
        try {
            SystemTray.getSystemTray().add(created);
            icon = created;
            rebuild();
        } catch (AWTException | UnsupportedOperationException e) {
            System.getLogger(TrayController.class.getName())
                    .log(System.Logger.Level.INFO, "no tray icon: " + e.getMessage());
        }
    }

    /**
     * A tray host came back: AWT re-docks its icons by itself only when it notices the host leave and return,
     * which a quick restart can slip past. Adding the icon again docks it for sure.
     */
    private void redock() {
        SystemTray tray = SystemTray.getSystemTray();
        tray.remove(icon);
        try {
            tray.add(icon);
        } catch (AWTException | UnsupportedOperationException e) {
            icon = null; // the next look installs a fresh one
        }
    }

    /** True while the icon is in a tray: closing the window then leaves the app there. */
    public boolean isPresent() {
        return presentNow;
    }

    /** The servers changed: relabel the menu and redraw the icon. */
    public void update(List<Wire.ServerSummary> next) {
        List<Wire.ServerSummary> copy = List.copyOf(next);
        EventQueue.invokeLater(() -> {
            servers = copy;
            rebuild();
        });
    }

    private void rebuild() {
        List<String> names = servers.stream().map(Wire.ServerSummary::name).toList();
        boolean offerAtLogin = startsAtLogin != null;
        if (!names.equals(new ArrayList<>(serverItems.keySet())) || menuHasAtLogin != offerAtLogin) {
            menu.removeAll();
            serverItems.clear();
            for (Wire.ServerSummary server : servers) {
                CheckboxMenuItem item = new CheckboxMenuItem();
                String name = server.name();
                item.addItemListener(e -> toggle(name, item));
                serverItems.put(name, item);
                menu.add(item);
            }
            if (servers.isEmpty()) {
                MenuItem none = new MenuItem("No servers configured");
                none.setEnabled(false);
                menu.add(none);
            }
            menu.addSeparator();
            menu.add(item("Start all", actions::startAll));
            menu.add(item("Stop all", actions::stopAll));
            menu.addSeparator();
            menu.add(item("Show xy", actions::showWindow));
            if (offerAtLogin) {
                menu.add(atLogin);
            }
            menuHasAtLogin = offerAtLogin;
            menu.add(item("Quit xy", actions::quit));
        }
        if (offerAtLogin) {
            atLogin.setState(startsAtLogin);
        }
        for (Wire.ServerSummary server : servers) {
            CheckboxMenuItem item = serverItems.get(server.name());
            item.setLabel(TrayLook.menuLabel(server));
            item.setState(server.state() != null && server.state().isActive());
        }
        if (icon != null) {
            icon.setImage(TrayIcons.of(TrayLook.of(servers)));
            icon.setToolTip(TrayLook.tooltip(servers));
        }
        dumpMenu();
    }

    /** The box shows the server's real state until an event says otherwise; the click asks for the change. */
    private void toggle(String name, CheckboxMenuItem item) {
        Wire.ServerSummary server =
                servers.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (server == null) {
            return;
        }
        boolean active = server.state() != null && server.state().isActive();
        item.setState(active);
        if (active) {
            actions.stop(name);
        } else {
            actions.start(name);
        }
    }

    /** Whether xy starts at login changed (or is first known): the menu offers the switch from then on. */
    public void startAtLogin(boolean enabled) {
        EventQueue.invokeLater(() -> {
            startsAtLogin = enabled;
            rebuild();
        });
    }

    /** As with a server's toggle: the box keeps the real state until the change is confirmed. */
    private void toggleStartAtLogin() {
        boolean on = Boolean.TRUE.equals(startsAtLogin);
        atLogin.setState(on);
        actions.startAtLogin(!on);
    }

    private static MenuItem item(String label, Runnable action) {
        MenuItem item = new MenuItem(label);
        item.addActionListener(e -> action.run());
        return item;
    }

    /** A desktop notification, where a tray shows one: a server entered {@code failed}. */
    public void notifyFailure(String name, String reason) {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                icon.displayMessage("xy: " + name + " failed", reason, TrayIcon.MessageType.ERROR);
            }
        });
    }

    private void dumpMenu() {
        if (menuDump == null) {
            return;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < menu.getItemCount(); i++) {
            labels.add(menu.getItem(i).getLabel());
        }
        try {
            Path tmp = menuDump.resolveSibling(menuDump.getFileName() + ".tmp");
            Files.write(tmp, labels);
            Files.move(tmp, menuDump, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.getLogger(TrayController.class.getName()).log(System.Logger.Level.WARNING, "tray menu dump", e);
        }
    }

    /** Removes the icon (a tray icon left behind keeps the JVM alive) and stops looking. Waits for the AWT thread. */
    @Override
    public void close() {
        watcher.shutdownNow();
        try {
            EventQueue.invokeAndWait(() -> {
                if (icon != null) {
                    SystemTray.getSystemTray().remove(icon);
                    icon = null;
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            System.getLogger(TrayController.class.getName())
                    .log(System.Logger.Level.WARNING, "removing the tray icon", e);
        }
    }
}
