package dev.xy.gui.servers;

import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableLongValue;

/**
 * One server in the table. The row object stays while the server exists (so the table keeps its selection) and
 * its summary is replaced by each event. The uptime ticks locally from the last report, with no polling.
 */
public final class ServerRow {
    private final String name;
    private final ReadOnlyObjectWrapper<Wire.ServerSummary> summary;
    private long receivedAtMillis;
    private final StringBinding uptime;

    ServerRow(Wire.ServerSummary first, long receivedAtMillis, ObservableLongValue nowMillis) {
        this.name = first.name();
        this.summary = new ReadOnlyObjectWrapper<>(this, "summary", first);
        this.receivedAtMillis = receivedAtMillis;
        this.uptime = Bindings.createStringBinding(
                () -> uptimeSecsAt(nowMillis.get()) < 0 ? "" : HumanTime.duration(uptimeSecsAt(nowMillis.get())),
                summary,
                nowMillis);
    }

    void update(Wire.ServerSummary next, long atMillis) {
        receivedAtMillis = atMillis;
        summary.set(next);
    }

    public String name() {
        return name;
    }

    public Wire.ServerSummary summary() {
        return summary.get();
    }

    public ReadOnlyObjectProperty<Wire.ServerSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ServerState state() {
        return summary.get().state();
    }

    /** True while a process exists or is about to: Stop applies, Start does not. */
    public boolean active() {
        return state() != null && state().isActive();
    }

    /** Seconds up at {@code nowMillis}, or -1 while no process runs. */
    public long uptimeSecsAt(long nowMillis) {
        Long reported = summary.get().uptimeSecs();
        if (reported == null) {
            return -1;
        }
        return reported + Math.max(0, nowMillis - receivedAtMillis) / 1000;
    }

    /** The ticking uptime as the table shows it. */
    public StringBinding uptimeText() {
        return uptime;
    }
}
