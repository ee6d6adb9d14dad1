package dev.xy.gui.details;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.Wire;
import dev.xy.gui.Calls;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The details panel's state: the selected server's {@code status} (recent transitions with times and reasons,
 * config and log files, MCP identity and tools), fetched off the FX thread when the selection changes and again
 * when that server changes.
 */
public final class DetailsViewModel {
    private final Calls calls;
    private final ReadOnlyObjectWrapper<Wire.ServerDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private XyApi api;
    private String name;
    private int generation;

    public DetailsViewModel(Calls calls) {
        this.calls = calls;
    }

    public void bind(XyApi next) {
        api = next;
        refresh();
    }

    public void unbind() {
        api = null;
        generation++;
    }

    /**
     * xy went away: what was shown may be out of date (the last changes before it went were not asked about), so it
     * is not shown; the selection stays, and {@link #bind} shows it again once reconnected.
     */
    public void lost() {
        unbind();
        detail.set(null);
        error.set("xy went away: the details come back after Reconnect");
    }

    /** Shows {@code name} (null: nothing selected). */
    public void show(String next) {
        name = next;
        detail.set(null);
        error.set("");
        refresh();
    }

    /** Asks again: the server changed. Answers to older questions are dropped. */
    public void refresh() {
        int mine = ++generation;
        String asked = name;
        if (asked == null || api == null) {
            return;
        }
        calls.fetch(
                api,
                a -> a.status(asked),
                answer -> {
                    if (mine == generation) {
                        detail.set(answer);
                        error.set("");
                    }
                },
                reason -> {
                    if (mine == generation) {
                        error.set(reason);
                    }
                });
    }

    public String name() {
        return name;
    }

    public ReadOnlyObjectProperty<Wire.ServerDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
