package dev.xy.gui.logs;

import dev.xy.core.logs.LogLine;
import dev.xy.gui.servers.HumanTime;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The log pane: a header (whose log, stream toggles, filter, follow, clear) over a virtualised list of lines in
 * monospace, with a muted time, the stream as a small tag, stderr tinted and xy's own lines set apart. Scrolling
 * up pauses following, and says so; "Jump to latest" resumes.
 */
public final class LogView extends VBox {
    private final LogViewModel vm;
    private final ListView<LogLine> list = new ListView<>();
    private final TextField filter = new TextField();
    private boolean scrollWanted;

    public LogView(LogViewModel vm) {
        this.vm = vm;
        setId("logs");
        getStyleClass().add("log-pane");
        list.setId("log-lines");
        list.getStyleClass().add("log-lines");
        list.setItems(vm.visibleLines());
        list.setCellFactory(l -> new LineCell());
        list.setFixedCellSize(22); // one line per cell: cheaper layout, and no double spacing

        Label placeholder = new Label();
        placeholder
                .textProperty()
                .bind(vm.serverProperty()
                        .map(name -> "No output from " + name + " yet")
                        .orElse("Select a server to see its log"));
        list.setPlaceholder(placeholder);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(header(), list);

        vm.onAppend(this::scrollIfFollowing);
        Runnable afterLayout = this::scrollAfterLayout;
        list.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
        vm.followingProperty().addListener((o, was, now) -> scrollIfFollowing());
        // The user scrolling up (wheel, keys, scroll bar) means they are reading: stop moving the lines away.
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                vm.followingProperty().set(false);
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.PAGE_UP || e.getCode() == KeyCode.HOME) {
                vm.followingProperty().set(false);
            }
        });
        list.skinProperty()
                .addListener((o, was, skin) -> list.lookupAll(".scroll-bar").forEach(node -> {
                    if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                        bar.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> vm.followingProperty()
                                .set(false));
                    }
                }));
    }

    private HBox header() {
        Label title = new Label();
        title.getStyleClass().add("log-title");
        title.textProperty()
                .bind(vm.serverProperty().map(name -> name + " — logs").orElse("logs"));
        ToggleButton out = streamToggle("stdout", vm.showStdoutProperty());
        ToggleButton err = streamToggle("stderr", vm.showStderrProperty());
        ToggleButton xy = streamToggle("xy", vm.showXyProperty());
        filter.setId("log-filter");
        filter.setPromptText("filter (Ctrl+F)");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        ToggleButton follow = new ToggleButton();
        follow.setId("log-follow");
        follow.selectedProperty().bindBidirectional(vm.followingProperty());
        follow.textProperty().bind(vm.followingProperty().map(on -> on ? "Following" : "Paused — jump to latest"));
        follow.graphicProperty()
                .bind(vm.followingProperty().map(on -> new FontIcon(on ? Feather.PAUSE : Feather.ARROW_DOWN)));
        Button clear = new Button("Clear", new FontIcon(Feather.TRASH_2));
        clear.setId("log-clear");
        clear.setOnAction(e -> vm.clear());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, title, gap, out, err, xy, filter, follow, clear);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("log-header");
        return header;
    }

    private static ToggleButton streamToggle(String name, javafx.beans.property.BooleanProperty shown) {
        ToggleButton toggle = new ToggleButton(name);
        toggle.setId("show-" + name);
        toggle.getStyleClass().add("small");
        toggle.selectedProperty().bindBidirectional(shown);
        return toggle;
    }

    private void scrollIfFollowing() {
        scrollWanted = vm.followingProperty().get();
        list.requestLayout();
    }

    /**
     * Scrolls after the layout that took in a batch: asked for earlier, the scroll is undone when the list
     * processes lines that left at the top while others came in at the bottom.
     */
    private void scrollAfterLayout() {
        if (!scrollWanted || !vm.followingProperty().get() || list.getItems().isEmpty()) {
            return;
        }
        int last = list.getItems().size() - 1;
        // The flow's own scrollTo brings the cell fully into view; ListView.scrollTo aims for the top, which at
        // the very end leaves the last line just out of sight.
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            IndexedCell<?> shown = flow.getLastVisibleCell();
            if (shown == null || shown.getIndex() == last) {
                scrollWanted = false; // in view (or nothing laid out to scroll)
                return;
            }
            // Looked at again after the next layout: a batch that dropped lines at the top while this one was
            // laid out can move the end out of view once more.
            flow.scrollTo(last);
            list.requestLayout();
        } else {
            scrollWanted = false;
            list.scrollTo(last);
        }
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    public ListView<LogLine> list() {
        return list;
    }

    /** Time, tag, text; styled by stream. */
    private static final class LineCell extends ListCell<LogLine> {
        private final Text time = new Text();
        private final Text tag = new Text();
        private final Text body = new Text();
        private final TextFlow flow = new TextFlow(time, tag, body);

        LineCell() {
            time.getStyleClass().add("log-time");
            tag.getStyleClass().add("log-tag");
            body.getStyleClass().add("log-text");
            getStyleClass().add("log-line");
        }

        @Override
        protected void updateItem(LogLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("log-stdout", "log-stderr", "log-xy");
            if (empty || line == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            time.setText(HumanTime.clock(line.tsUnixMs()) + " ");
            tag.setText(
                    switch (line.stream()) {
                        case STDOUT -> "out  ";
                        case STDERR -> "err  ";
                        case XY -> "xy   ";
                    });
            body.setText(line.text());
            getStyleClass().add("log-" + line.stream().wireName());
            setGraphic(flow);
        }
    }
}
