package dev.xy.gui.logs;

import dev.xy.core.api.LogListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.api.XyApi;
import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.LogStream;
import dev.xy.core.rpc.RpcException;
import dev.xy.gui.Calls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The log pane's state: one server's recent tail, then its live lines, told apart by stream; a filter; whether the
 * pane follows the newest line. Lines come from the stream's thread into a bounded {@link LogBuffer} and reach
 * the FX thread in batches, one at a time, so a burst of any size costs the FX thread a bounded amount of work.
 * The pane keeps {@link #MAX_LINES} at most.
 */
public final class LogViewModel {
    public static final int MAX_LINES = 5000;

    /** How much history a newly selected server shows before its live lines. */
    static final int TAIL = 500;

    private final Calls calls;
    private final LongSupplier clock;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> visible = new FilteredList<>(lines);
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper(this, "server");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showStdout = new SimpleBooleanProperty(this, "stdout", true);
    private final BooleanProperty showStderr = new SimpleBooleanProperty(this, "stderr", true);
    private final BooleanProperty showXy = new SimpleBooleanProperty(this, "xy", true);
    private final BooleanProperty following = new SimpleBooleanProperty(this, "following", true);
    private final List<Runnable> appendObservers = new ArrayList<>();
    private XyApi api;
    private Stream current;

    /** One followed stream: its own buffer, so lines of a stream that was switched away from go nowhere. */
    private final class Stream implements LogListener {
        final LogBuffer buffer = new LogBuffer(MAX_LINES);
        final AtomicBoolean drainPosted = new AtomicBoolean();
        final String name;
        volatile Subscription subscription;
        volatile boolean cancelled;

        Stream(String name) {
            this.name = name;
        }

        @Override
        public void line(LogLine line) {
            buffer.add(line);
            // One pending drain at a time: while the FX thread is busy, lines gather into the next batch.
            if (drainPosted.compareAndSet(false, true)) {
                calls.fx().execute(() -> drain(this));
            }
        }

        @Override
        public void ended(String reason, IOException failure) {
            if (failure != null) {
                line(note("the log stream ended: " + failure.getMessage()));
            } else if (reason != null) {
                line(note("the log stream ended: " + reason));
            } else if (!cancelled) {
                // Not our doing (switching servers cancels first): the daemon stopped, or the server is gone.
                line(note("the log stream ended: xy stopped, or the server was removed"));
            }
        }

        LogLine note(String text) {
            return new LogLine(name, LogStream.XY, text, clock.getAsLong());
        }

        void cancel() {
            cancelled = true;
            Subscription s = subscription;
            if (s != null) {
                s.close();
            }
        }
    }

    public LogViewModel(Calls calls, LongSupplier clock) {
        this.calls = calls;
        this.clock = clock;
        visible.predicateProperty()
                .bind(Bindings.createObjectBinding(this::predicate, filter, showStdout, showStderr, showXy));
    }

    public void bind(XyApi next) {
        api = next;
        String name = server.get();
        if (name != null) {
            show(name);
        }
    }

    public void unbind() {
        stopStream();
        api = null;
    }

    /** Shows {@code name}'s log (its tail, then live lines), cancelling the stream shown before; null shows none. */
    public void show(String name) {
        stopStream();
        lines.clear();
        server.set(name);
        following.set(true);
        if (name == null || api == null) {
            return;
        }
        Stream stream = new Stream(name);
        current = stream;
        XyApi target = api;
        calls.background().execute(() -> open(target, stream));
    }

    private void open(XyApi target, Stream stream) {
        try {
            Subscription subscription = target.follow(stream.name, TAIL, stream);
            stream.subscription = subscription;
            if (stream.cancelled) {
                subscription.close(); // switched away while the stream was being opened
            }
        } catch (RpcException | IOException e) {
            stream.line(stream.note("cannot follow the log: " + e.getMessage()));
        }
    }

    private void stopStream() {
        if (current != null) {
            current.cancel();
            current = null;
        }
    }

    /** Moves what the stream delivered into the pane: on the FX thread, one batch at a time. */
    private void drain(Stream stream) {
        stream.drainPosted.set(false);
        LogBuffer.Batch batch = stream.buffer.takeAll();
        if (stream != current || batch.isEmpty()) {
            return;
        }
        List<LogLine> added = new ArrayList<>(Math.min(batch.lines().size() + 1, MAX_LINES));
        List<LogLine> fresh = batch.lines();
        if (batch.skipped() > 0) {
            added.add(stream.note(batch.skipped() + " lines skipped here: they came faster than the pane shows"
                    + " (the log file has them all)"));
        }
        added.addAll(fresh.subList(Math.max(0, fresh.size() - (MAX_LINES - added.size())), fresh.size()));
        int overflow = lines.size() + added.size() - MAX_LINES;
        if (overflow >= lines.size()) {
            lines.setAll(added);
        } else {
            if (overflow > 0) {
                lines.remove(0, overflow);
            }
            lines.addAll(added);
        }
        appendObservers.forEach(Runnable::run);
    }

    public void clear() {
        lines.clear();
    }

    private Predicate<LogLine> predicate() {
        String needle = filter.get() == null ? "" : filter.get().toLowerCase(Locale.ROOT);
        boolean out = showStdout.get();
        boolean err = showStderr.get();
        boolean xy = showXy.get();
        return line -> switch (line.stream()) {
                    case STDOUT -> out;
                    case STDERR -> err;
                    case XY -> xy;
                }
                && (needle.isEmpty() || line.text().toLowerCase(Locale.ROOT).contains(needle));
    }

    /** Called on the FX thread after each batch was added: the view scrolls to the end when following. */
    public void onAppend(Runnable observer) {
        appendObservers.add(observer);
    }

    /** Every line the pane holds, filtered or not (at most {@link #MAX_LINES}). */
    public ObservableList<LogLine> lines() {
        return FXCollections.unmodifiableObservableList(lines);
    }

    /** The lines that pass the filter and the stream toggles, as the pane shows them. */
    public ObservableList<LogLine> visibleLines() {
        return visible;
    }

    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty showStdoutProperty() {
        return showStdout;
    }

    public BooleanProperty showStderrProperty() {
        return showStderr;
    }

    public BooleanProperty showXyProperty() {
        return showXy;
    }

    /** True while the pane keeps the newest line in view; the user scrolling up turns it off. */
    public BooleanProperty followingProperty() {
        return following;
    }
}
