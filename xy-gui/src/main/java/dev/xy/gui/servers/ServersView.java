package dev.xy.gui.servers;

import dev.xy.core.clients.ClientConfigs;
import dev.xy.core.clients.McpClient;
import dev.xy.core.rpc.Wire;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The live server table: state as glyph, word and colour; ready; pid; port; the URL with a copy button; ticking
 * uptime; restarts; last exit; why a server failed, in its row. Sortable; the context menu acts on the selection.
 */
public final class ServersView extends TableView<ServerRow> {
    private final ServersViewModel vm;

    /** @param copy puts a text on the clipboard and says so (the URL, or a client config) */
    public ServersView(ServersViewModel vm, Consumer<String> copy) {
        this.vm = vm;
        setId("servers");
        getStyleClass().add("servers");
        SortedList<ServerRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, row) -> vm.select(row == null ? null : row.name()));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No servers"));

        TableColumn<ServerRow, Wire.ServerSummary> state = summaryColumn("State", 110, s -> "", byState());
        state.setMinWidth(100); // "● restarting" must fit: the state is the first thing a person reads
        state.setCellFactory(c -> new StateCell());
        TableColumn<ServerRow, Wire.ServerSummary> name =
                summaryColumn("Name", 110, Wire.ServerSummary::name, Comparator.comparing(Wire.ServerSummary::name));
        name.setMinWidth(110);
        TableColumn<ServerRow, Wire.ServerSummary> url = summaryColumn("URL", 200, s -> "", byText(s -> s.url()));
        // The URL carries the port, the one thing a person copies from this table: never cut to "localhost:3…".
        url.setMinWidth(200);
        url.setCellFactory(c -> new UrlCell(copy));
        // Readiness and MCP identity come from xy's MCP probe: their columns appear once a server reports them.
        TableColumn<ServerRow, Wire.ServerSummary> ready =
                summaryColumn("Ready", 75, ColumnTexts::ready, byText(ColumnTexts::ready));
        ready.visibleProperty().bind(anyRow(s -> s.ready() != null));
        TableColumn<ServerRow, Wire.ServerSummary> mcp =
                summaryColumn("MCP", 140, ColumnTexts::mcp, byText(ColumnTexts::mcp));
        mcp.visibleProperty().bind(anyRow(s -> s.mcp() != null));
        // What a person scans for comes first: state, name, ready, and why a server is not fine; the URL (which
        // carries the port) next; the numbers last.
        getColumns()
                .addAll(List.<TableColumn<ServerRow, ?>>of(
                        state,
                        name,
                        ready,
                        summaryColumn("Why", 170, ColumnTexts::why, byText(ColumnTexts::why)),
                        url,
                        summaryColumn(
                                "PID",
                                62,
                                s -> s.pid() == null ? "—" : s.pid().toString(),
                                byLong(Wire.ServerSummary::pid)),
                        uptimeColumn(),
                        summaryColumn(
                                "Restarts",
                                68,
                                s -> Integer.toString(s.restartCount()),
                                Comparator.comparingInt(Wire.ServerSummary::restartCount)),
                        summaryColumn(
                                "Last exit",
                                80,
                                s -> HumanTime.lastExit(s.lastExit()),
                                byText(s -> HumanTime.lastExit(s.lastExit()))),
                        mcp));
        getSortOrder().add(name);
        setContextMenu(contextMenu(copy));
    }

    private static final double MIN_COLUMN_WIDTH = 48;

    /** Around a header's title: the label's padding on both sides, and the sort arrow a sorted column shows. */
    private static final double HEADER_PADDING = 34;

    /** Whether the columns' least widths were set from the header font the theme draws with. */
    private boolean headersMeasured;

    /**
     * Once the headers exist, and with them the font the theme gives them, no column may shrink below its whole
     * title: a header cut to "Re…" tells nothing (the table scrolls sideways instead). Every column is measured,
     * those not shown yet included.
     */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (!headersMeasured && lookup(".column-header .label") instanceof Labeled header) {
            headersMeasured = true;
            for (TableColumn<ServerRow, ?> column : getColumns()) {
                column.setMinWidth(Math.max(column.getMinWidth(), headerWidth(column.getText(), header.getFont())));
            }
        }
    }

    static double headerWidth(String title, Font font) {
        Text text = new Text(title);
        text.setFont(font);
        return Math.ceil(text.getLayoutBounds().getWidth()) + HEADER_PADDING;
    }

    private TableColumn<ServerRow, Wire.ServerSummary> summaryColumn(
            String title,
            double width,
            Function<Wire.ServerSummary, String> text,
            Comparator<Wire.ServerSummary> order) {
        TableColumn<ServerRow, Wire.ServerSummary> column = new TableColumn<>(title);
        column.setId("col-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
        column.setPrefWidth(width);
        // Columns may shrink somewhat below their preferred width, so that every one stays on screen in a
        // window of ordinary size with every column shown; the tooltip has whatever a cell cuts off.
        column.setMinWidth(Math.max(MIN_COLUMN_WIDTH, width * 0.6));
        column.setCellValueFactory(c -> c.getValue().summaryProperty());
        column.setCellFactory(c -> new TextCell(text));
        column.setComparator(Comparator.nullsLast(order));
        return column;
    }

    private TableColumn<ServerRow, String> uptimeColumn() {
        TableColumn<ServerRow, String> column = new TableColumn<>("Uptime");
        column.setId("col-uptime");
        column.setPrefWidth(70);
        column.setMinWidth(70);
        column.setCellValueFactory(c -> (ObservableValue<String>) c.getValue().uptimeText());
        column.setSortable(false);
        return column;
    }

    private BooleanBinding anyRow(Predicate<Wire.ServerSummary> test) {
        return Bindings.createBooleanBinding(() -> vm.rows().stream().anyMatch(r -> test.test(r.summary())), vm.rows());
    }

    private ContextMenu contextMenu(Consumer<String> copy) {
        MenuItem start = item("Start", Feather.PLAY, vm::startSelected);
        MenuItem stop = item("Stop", Feather.SQUARE, vm::stopSelected);
        MenuItem restart = item("Restart", Feather.ROTATE_CW, vm::restartSelected);
        MenuItem copyUrl = item("Copy URL", Feather.COPY, () -> vm.selectedUrl().ifPresent(copy));
        Menu copyConfig = new Menu("Copy config for", new FontIcon(Feather.CLIPBOARD));
        for (McpClient client : McpClient.values()) {
            copyConfig.getItems().add(item(client.label(), Feather.CLIPBOARD, () -> vm.selectedName()
                    .ifPresent(n -> vm.selectedUrl()
                            .ifPresent(u -> copy.accept(
                                    ClientConfigs.render(client, List.of(new ClientConfigs.Endpoint(n, u))))))));
        }
        start.disableProperty().bind(vm.canStart().not());
        stop.disableProperty().bind(vm.canStop().not());
        restart.disableProperty().bind(vm.hasSelection().not());
        copyUrl.disableProperty().bind(vm.hasSelection().not());
        copyConfig.disableProperty().bind(vm.hasSelection().not());
        return new ContextMenu(start, stop, restart, new SeparatorMenuItem(), copyUrl, copyConfig);
    }

    private static MenuItem item(String text, Feather icon, Runnable action) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Comparator<Wire.ServerSummary> byState() {
        return Comparator.comparingInt(s -> StateLook.of(s.state()).ordinal());
    }

    private static Comparator<Wire.ServerSummary> byText(Function<Wire.ServerSummary, String> text) {
        return Comparator.comparing(s -> text.apply(s) == null ? "" : text.apply(s));
    }

    private static Comparator<Wire.ServerSummary> byLong(Function<Wire.ServerSummary, Long> value) {
        return Comparator.comparing(value, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    /** Plain text from the summary, with the full text as a tooltip for when the column is narrow. */
    private static final class TextCell extends TableCell<ServerRow, Wire.ServerSummary> {
        private final Function<Wire.ServerSummary, String> text;

        TextCell(Function<Wire.ServerSummary, String> text) {
            this.text = text;
        }

        @Override
        protected void updateItem(Wire.ServerSummary item, boolean empty) {
            super.updateItem(item, empty);
            String value = empty || item == null ? null : text.apply(item);
            setAlignment(Pos.CENTER_LEFT);
            setText(value);
            setTooltip(value == null || value.isEmpty() ? null : new Tooltip(value));
        }
    }

    /** Glyph and word, coloured by a style class: readable without the colour. */
    private static final class StateCell extends TableCell<ServerRow, Wire.ServerSummary> {
        @Override
        protected void updateItem(Wire.ServerSummary item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass()
                    .removeAll(Arrays.stream(StateLook.values())
                            .map(StateLook::styleClass)
                            .toList());
            if (empty || item == null) {
                setText(null);
                return;
            }
            StateLook look = StateLook.of(item.state());
            setText(look.label());
            getStyleClass().add(look.styleClass());
        }
    }

    /** The URL and a one-click copy button beside it. */
    private static final class UrlCell extends TableCell<ServerRow, Wire.ServerSummary> {
        private final Label url = new Label();
        private final Button copyButton = new Button(null, new FontIcon(Feather.COPY));
        private final HBox box = new HBox(6, copyButton, url);

        UrlCell(Consumer<String> copy) {
            copyButton.getStyleClass().addAll("flat", "small", "copy-url");
            copyButton.setTooltip(new Tooltip("Copy URL"));
            copyButton.setOnAction(e -> copy.accept(url.getText()));
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Wire.ServerSummary item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null || item.url() == null) {
                setGraphic(null);
                return;
            }
            // The scheme is the same for every row: the cell shows the rest, the copy button copies it all.
            url.setText(item.url().replaceFirst("^http://", ""));
            setGraphic(box);
        }
    }
}
