package dev.xy.gui.servers;

import dev.xy.core.api.StateListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import dev.xy.gui.Calls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The server table's state and actions: rows driven by {@link XyApi#subscribe} (a snapshot, then events; never
 * polled), the selection, and Start / Stop / Restart for one server or all. Touches no node; everything it
 * exposes changes on the FX executor only.
 */
public final class ServersViewModel {
    private final Calls calls;
    private final LongSupplier clock;
    private final LongProperty now = new SimpleLongProperty(this, "now");
    private final ObservableList<ServerRow> rows =
            FXCollections.observableArrayList(row -> new Observable[] {row.summaryProperty()});
    private final ObjectProperty<ServerRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Wire.ServerSummary> selectedSummary = new SimpleObjectProperty<>(this, "summary");
    private final List<Consumer<Wire.StateEvent>> eventObservers = new CopyOnWriteArrayList<>();
    private final List<Consumer<IOException>> lostObservers = new CopyOnWriteArrayList<>();
    private XyApi api;
    private Subscription subscription;
    private int generation;

    public ServersViewModel(Calls calls, LongSupplier clock) {
        this.calls = calls;
        this.clock = clock;
        now.set(clock.getAsLong());
    }

    /** Follows {@code api}'s servers from now on; the previous api's stream, if any, is closed. */
    public void bind(XyApi next) {
        unbind();
        api = next;
        int mine = ++generation;
        calls.background().execute(() -> subscribe(next, mine));
    }

    /** Stops following (the stream is cancelled); the rows stay as they were last seen. */
    public void unbind() {
        generation++;
        api = null;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    private void subscribe(XyApi target, int mine) {
        try {
            Subscription opened = target.subscribe(new StateListener() {
                @Override
                public void snapshot(List<Wire.ServerSummary> servers) {
                    onFx(mine, () -> applySnapshot(servers));
                }

                @Override
                public void event(Wire.StateEvent event) {
                    onFx(mine, () -> apply(event));
                }

                @Override
                public void lost(IOException failure) {
                    onFx(mine, () -> lostObservers.forEach(o -> o.accept(failure)));
                }
            });
            calls.fx().execute(() -> {
                if (mine == generation) {
                    subscription = opened;
                } else {
                    opened.close();
                }
            });
        } catch (RpcException | IOException e) {
            onFx(mine, () -> calls.feedback().error("cannot follow the servers: " + e.getMessage()));
        }
    }

    /** Runs {@code task} on the FX executor unless a newer binding has replaced this one meanwhile. */
    private void onFx(int mine, Runnable task) {
        calls.fx().execute(() -> {
            if (mine == generation) {
                task.run();
            }
        });
    }

    void applySnapshot(List<Wire.ServerSummary> servers) {
        Map<String, Wire.ServerSummary> byName =
                servers.stream().collect(Collectors.toMap(Wire.ServerSummary::name, s -> s, (a, b) -> b));
        new ArrayList<>(rows)
                .stream().filter(r -> !byName.containsKey(r.name())).forEach(r -> remove(r.name()));
        servers.forEach(this::upsert);
    }

    void apply(Wire.StateEvent event) {
        if (event.kind() == Wire.EventKind.REMOVED) {
            remove(event.name());
        } else if (event.server() != null) {
            upsert(event.server());
        }
        eventObservers.forEach(o -> o.accept(event));
    }

    private void upsert(Wire.ServerSummary summary) {
        long at = clock.getAsLong();
        Optional<ServerRow> existing = row(summary.name());
        if (existing.isPresent()) {
            existing.get().update(summary, at);
        } else {
            ServerRow row = new ServerRow(summary, at, now);
            int index = 0;
            while (index < rows.size() && rows.get(index).name().compareTo(row.name()) < 0) {
                index++;
            }
            rows.add(index, row);
        }
        if (selected.get() != null && selected.get().name().equals(summary.name())) {
            selectedSummary.set(summary);
        }
    }

    private void remove(String name) {
        rows.removeIf(r -> r.name().equals(name));
        if (selected.get() != null && selected.get().name().equals(name)) {
            select(null);
        }
    }

    /** The table's selection, by name (null for none). */
    public void select(String name) {
        ServerRow row = name == null ? null : row(name).orElse(null);
        selected.set(row);
        selectedSummary.set(row == null ? null : row.summary());
    }

    public Optional<ServerRow> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public void start(String name) {
        calls.run(api, "start " + name, a -> a.start(Wire.Target.one(name)), r -> "started " + name);
    }

    public void stop(String name) {
        calls.run(api, "stop " + name, a -> a.stop(Wire.Target.one(name)), r -> "stopped " + name);
    }

    public void restart(String name) {
        calls.run(api, "restart " + name, a -> a.restart(Wire.Target.one(name)), r -> "restarted " + name);
    }

    public void startAll() {
        calls.run(api, "start all", a -> a.start(Wire.Target.every()), r -> "started " + count(r.started()));
    }

    public void stopAll() {
        calls.run(api, "stop all", a -> a.stop(Wire.Target.every()), r -> "stopped " + count(r.stopped()));
    }

    public void startSelected() {
        selectedName().ifPresent(this::start);
    }

    public void stopSelected() {
        selectedName().ifPresent(this::stop);
    }

    public void restartSelected() {
        selectedName().ifPresent(this::restart);
    }

    private static String count(List<String> names) {
        return names.size() == 1 ? "1 server" : names.size() + " servers";
    }

    public Optional<String> selectedName() {
        return Optional.ofNullable(selected.get()).map(ServerRow::name);
    }

    /** The URL a client uses for the selected server. */
    public Optional<String> selectedUrl() {
        return Optional.ofNullable(selectedSummary.get()).map(Wire.ServerSummary::url);
    }

    /** Moves the ticking uptimes on; the view calls it once a second. */
    public void tick() {
        now.set(clock.getAsLong());
    }

    public ObservableList<ServerRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<ServerRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<Wire.ServerSummary> selectedSummaryProperty() {
        return selectedSummary;
    }

    public BooleanBinding canStart() {
        return Bindings.createBooleanBinding(
                () -> selectedSummary.get() != null && !isActive(selectedSummary.get()), selectedSummary);
    }

    public BooleanBinding canStop() {
        return Bindings.createBooleanBinding(
                () -> selectedSummary.get() != null && isActive(selectedSummary.get()), selectedSummary);
    }

    public BooleanBinding hasSelection() {
        return selectedSummary.isNotNull();
    }

    private static boolean isActive(Wire.ServerSummary summary) {
        return summary.state() != null && summary.state().isActive();
    }

    /** {@code 4 servers · 2 ready · 1 starting · 1 failed}: what the status line says about the servers. */
    public StringBinding summaryText() {
        return Bindings.createStringBinding(() -> describe(rows), rows);
    }

    /**
     * Running servers count as ready or not ready by their health check; a daemon that does not say (an older
     * one) leaves them "running".
     */
    static String describe(List<ServerRow> rows) {
        List<String> parts = new ArrayList<>();
        parts.add(rows.size() == 1 ? "1 server" : rows.size() + " servers");
        long ready = countRunning(rows, Boolean.TRUE);
        long notReady = countRunning(rows, Boolean.FALSE);
        long running = countRunning(rows, null);
        long starting = countState(rows, ServerState.STARTING) + countState(rows, ServerState.RESTARTING);
        long failed = countState(rows, ServerState.FAILED);
        addCount(parts, ready, "ready");
        addCount(parts, notReady, "not ready");
        addCount(parts, running, "running");
        addCount(parts, starting, "starting");
        addCount(parts, failed, "failed");
        return String.join(" · ", parts);
    }

    private static void addCount(List<String> parts, long count, String what) {
        if (count > 0) {
            parts.add(count + " " + what);
        }
    }

    private static long countRunning(List<ServerRow> rows, Boolean ready) {
        return rows.stream()
                .filter(r -> r.state() == ServerState.RUNNING
                        && java.util.Objects.equals(r.summary().ready(), ready))
                .count();
    }

    private static long countState(List<ServerRow> rows, ServerState state) {
        return rows.stream().filter(r -> r.state() == state).count();
    }

    /** Every state event, after the table applied it, on the FX thread. */
    public void onEvent(Consumer<Wire.StateEvent> observer) {
        eventObservers.add(observer);
    }

    /** The connection to the daemon was lost, on the FX thread. */
    public void onLost(Consumer<IOException> observer) {
        lostObservers.add(observer);
    }

    /** The summaries in name order, for the tray. */
    public List<Wire.ServerSummary> summaries() {
        return rows.stream()
                .map(ServerRow::summary)
                .sorted(Comparator.comparing(Wire.ServerSummary::name))
                .toList();
    }
}
