package dev.xy.gui;

import dev.xy.core.api.XyApi;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import dev.xy.gui.config.ConfigWatch;
import dev.xy.gui.details.DetailsViewModel;
import dev.xy.gui.login.LoginItem;
import dev.xy.gui.login.StartAtLoginViewModel;
import dev.xy.gui.logs.LogViewModel;
import dev.xy.gui.servers.ServersViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's state as a whole: what the app drives (hosting or attached, see {@link BackendConnector}), the
 * status line, config problems, a lost daemon and reconnecting, and the parts' view-models bound to the same
 * {@link XyApi}. Touches no node.
 */
public final class MainViewModel {
    /** What the app connects with: blocks, so it runs on the background executor. */
    @FunctionalInterface
    public interface Connector {
        Backend connect() throws IOException;
    }

    private final Calls calls;
    private final Connector connector;
    private final FolderOpener opener;
    private final ServersViewModel servers;
    private final LogViewModel logs;
    private final DetailsViewModel details;
    private final StartAtLoginViewModel startAtLogin;
    private final ReadOnlyObjectWrapper<Backend> backend = new ReadOnlyObjectWrapper<>(this, "backend");
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper(this, "mode", "starting");
    private final ReadOnlyBooleanWrapper lost = new ReadOnlyBooleanWrapper(this, "lost");
    private final ReadOnlyStringWrapper configDir = new ReadOnlyStringWrapper(this, "configDir", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final List<BiConsumer<String, String>> failureObservers = new CopyOnWriteArrayList<>();
    private boolean noTraySaid;
    /** Keeps {@link #problems} those of the config files as they are now; replaced with each backend. */
    private ConfigWatch configWatch;

    /** @param loginItem the system's "start at login" entry; empty where there is none */
    public MainViewModel(
            Calls calls, Connector connector, FolderOpener opener, Optional<LoginItem> loginItem, LongSupplier clock) {
        this.calls = calls;
        this.connector = connector;
        this.opener = opener;
        this.servers = new ServersViewModel(calls, clock);
        this.logs = new LogViewModel(calls, clock);
        this.details = new DetailsViewModel(calls);
        this.startAtLogin = new StartAtLoginViewModel(loginItem, calls);
        servers.selectedProperty().addListener((o, was, row) -> {
            String name = row == null ? null : row.name();
            if (!Objects.equals(name, logs.serverProperty().get())) {
                logs.show(name);
                details.show(name);
            }
        });
        servers.onEvent(this::onEvent);
        servers.onLost(this::onLost);
        // The tray is known before the connection is: the no-tray notice says what quitting does once it is.
        backend.addListener((o, was, now) -> {
            if (noTraySaid && notice.get().startsWith(NO_TRAY)) {
                notice.set(noTrayNotice(now));
            }
        });
    }

    /** Attaches to a daemon or hosts here, off the FX thread; the window fills in when it is done. */
    public void connect() {
        mode.set("connecting");
        calls.background().execute(() -> {
            try {
                Backend connected = connector.connect();
                calls.fx().execute(() -> use(connected));
            } catch (IOException | RuntimeException e) {
                calls.fx().execute(() -> {
                    mode.set("not connected");
                    lost.set(true);
                    calls.feedback().error("cannot start xy: " + e.getMessage());
                });
            }
        });
    }

    void use(Backend connected) {
        backend.set(connected);
        lost.set(false);
        mode.set(connected.describe());
        configDir.set(connected.info().configDir());
        problems.setAll(connected.startupProblems().stream()
                .map(ConfigProblem::headline)
                .toList());
        if (!problems.isEmpty()) {
            calls.feedback()
                    .error(problems.size() + " problem(s) in the server configs: the servers of those files"
                            + " are not hosted; fix them and Reload");
        }
        String dir = connected.info().configDir();
        if (dir != null && !dir.isEmpty()) {
            watchConfigs(Path.of(dir));
        }
        servers.bind(connected.api());
        details.bind(connected.api());
        logs.bind(connected.api());
    }

    private void watchConfigs(Path dir) {
        stopWatchingConfigs();
        try {
            configWatch = ConfigWatch.start(dir, found -> {
                List<String> now = found.stream().map(ConfigProblem::headline).toList();
                calls.fx().execute(() -> problems.setAll(now));
            });
        } catch (IOException e) {
            // Without a watch the list changes only with the app's own Reload, as it did before.
        }
    }

    private void stopWatchingConfigs() {
        if (configWatch != null) {
            configWatch.close();
            configWatch = null;
        }
    }

    private void onLost(IOException failure) {
        Backend gone = backend.get();
        lost.set(true);
        details.lost();
        mode.set("lost " + (gone == null ? "xy" : gone.describe().replace("attached to ", "")));
        calls.feedback()
                .error("xy went away (" + failure.getMessage() + "): the table shows the servers as last seen."
                        + " Reconnect attaches again, or hosts the servers here if no daemon answers.");
    }

    private void onEvent(Wire.StateEvent event) {
        if (event.name().equals(details.name())) {
            details.refresh();
        }
        failureOf(event).ifPresent(reason -> failureObservers.forEach(o -> o.accept(event.name(), reason)));
    }

    /** The reason, when this event is a server entering {@code failed}: worth a desktop notification. */
    static Optional<String> failureOf(Wire.StateEvent event) {
        if (event.kind() != Wire.EventKind.TRANSITION || event.to() != ServerState.FAILED) {
            return Optional.empty();
        }
        return Optional.of(event.reason() == null ? "failed" : event.reason());
    }

    /** Asks again: attaches if a daemon answers now, else hosts here. The old connection is closed first. */
    public void reconnect() {
        Backend old = detach();
        mode.set("connecting");
        calls.background().execute(() -> {
            if (old != null) {
                old.close();
            }
            calls.fx().execute(this::connect);
        });
    }

    /** Re-reads the configs; refused (nothing changes) while any is invalid, and the problems are listed. */
    public void reload() {
        Backend current = backend.get();
        XyApi api = current == null ? null : current.api();
        if (api == null) {
            calls.feedback().error("reload: not connected to xy yet");
            return;
        }
        calls.feedback().info("reload…");
        calls.background().execute(() -> {
            try {
                Wire.ReloadResult result = api.reload();
                calls.fx().execute(() -> {
                    problems.clear();
                    calls.feedback().info(describe(result));
                });
            } catch (RpcException e) {
                List<String> found =
                        e.problems().stream().map(MainViewModel::place).toList();
                calls.fx().execute(() -> {
                    problems.setAll(found);
                    calls.feedback().error("reload refused: " + e.getMessage());
                });
            } catch (IOException e) {
                calls.fx().execute(() -> calls.feedback().error("reload: xy is unreachable (" + e.getMessage() + ")"));
            }
        });
    }

    /** Opens the config folder in the file manager (created first when missing), off the FX thread. */
    public void openConfigFolder() {
        String dir = configDir.get();
        if (dir == null || dir.isEmpty()) {
            calls.feedback().error("open configs: not connected to xy yet");
            return;
        }
        calls.background().execute(() -> {
            try {
                opener.open(Path.of(dir));
                calls.fx().execute(() -> calls.feedback().info("opened " + dir));
            } catch (IOException | RuntimeException e) {
                calls.fx().execute(() -> calls.feedback().error("open configs: " + e.getMessage()));
            }
        });
    }

    static String place(Wire.Problem p) {
        String where = p.line() == null ? p.file() : p.file() + ":" + p.line() + ":" + p.column();
        return where + ": " + p.message();
    }

    static String describe(Wire.ReloadResult r) {
        List<String> parts = new ArrayList<>();
        parts.add(r.added().size() + " added");
        parts.add(r.removed().size() + " removed");
        parts.add(r.changed().size() + " changed");
        parts.add(r.unchanged().size() + " unchanged");
        String failed = r.failed() == null || r.failed().isEmpty()
                ? ""
                : "; could not start "
                        + String.join(
                                ", ",
                                r.failed().stream()
                                        .map(f -> f.name() + " (" + f.reason() + ")")
                                        .toList());
        return "reloaded: " + String.join(", ", parts) + failed;
    }

    /**
     * Lets go of the backend: streams are cancelled on the FX thread, then the backend is closed on the
     * background executor (hosting: every server stops gracefully). Completes when it is closed.
     */
    public CompletableFuture<Void> shutdown() {
        Backend old = detach();
        CompletableFuture<Void> done = new CompletableFuture<>();
        calls.background().execute(() -> {
            if (old != null) {
                old.close();
            }
            done.complete(null);
        });
        return done;
    }

    private Backend detach() {
        Backend old = backend.get();
        backend.set(null);
        stopWatchingConfigs();
        servers.unbind();
        logs.unbind();
        details.unbind();
        return old;
    }

    /** Says once per run that there is no tray, and so what closing the window does. */
    public void sayNoTray() {
        if (noTraySaid) {
            return;
        }
        noTraySaid = true;
        notice.set(noTrayNotice(backend.get()));
    }

    private static final String NO_TRAY = "No system tray on this desktop: closing this window quits xy";

    private static String noTrayNotice(Backend current) {
        if (current == null) {
            return NO_TRAY + ".";
        }
        return NO_TRAY + (current.hosting() ? " and stops the servers it hosts." : " (the daemon keeps running).");
    }

    public void dismissNotice() {
        notice.set("");
    }

    /** A server entered {@code failed}: (name, reason), on the FX thread. */
    public void onFailure(BiConsumer<String, String> observer) {
        failureObservers.add(observer);
    }

    /** {@code hosting · 4 servers · 3 running · 1 failed}. */
    public StringBinding statusLine() {
        StringBinding summary = servers.summaryText();
        return Bindings.createStringBinding(
                () -> lost.get() || backend.get() == null ? mode.get() : mode.get() + " · " + summary.get(),
                mode,
                lost,
                backend,
                summary);
    }

    public ServersViewModel servers() {
        return servers;
    }

    public LogViewModel logs() {
        return logs;
    }

    public DetailsViewModel details() {
        return details;
    }

    public StartAtLoginViewModel startAtLogin() {
        return startAtLogin;
    }

    public Feedback feedback() {
        return calls.feedback();
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public ReadOnlyObjectProperty<Backend> backendProperty() {
        return backend.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lostProperty() {
        return lost.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty configDirProperty() {
        return configDir.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
