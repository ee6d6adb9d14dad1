package dev.xy.gui.details;

import dev.xy.core.rpc.Wire;
import dev.xy.gui.servers.HumanTime;
import dev.xy.gui.servers.StateLook;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The selected server in detail: where it is configured, its MCP identity and tools (once xy probes them), and
 * its recent transitions with times and reasons, newest first.
 */
public final class DetailsView extends ScrollPane {
    private final DetailsViewModel vm;
    private final VBox content = new VBox(10);

    public DetailsView(DetailsViewModel vm) {
        this.vm = vm;
        setId("details");
        getStyleClass().add("details");
        setFitToWidth(true);
        setContent(content);
        content.getStyleClass().add("details-content");
        vm.detailProperty().addListener((o, was, now) -> render());
        vm.errorProperty().addListener((o, was, now) -> render());
        render();
    }

    private void render() {
        Wire.ServerDetail d = vm.detailProperty().get();
        content.getChildren().clear();
        if (d == null) {
            String error = vm.errorProperty().get();
            Label empty = new Label(error.isEmpty() ? "Select a server to see its details" : error);
            empty.getStyleClass().add("muted");
            empty.setWrapText(true);
            content.getChildren().add(empty);
            return;
        }
        Label title = new Label(d.name());
        title.getStyleClass().add("title-3");
        Label state = new Label(StateLook.of(d.state()).label());
        state.getStyleClass().add(StateLook.of(d.state()).styleClass());
        content.getChildren().addAll(title, state, fields(d), section("Recent transitions"), transitions(d));
        if (d.toolNames() != null && !d.toolNames().isEmpty()) {
            content.getChildren().addAll(section("Tools"), wrapped(String.join(", ", d.toolNames())));
        }
    }

    private GridPane fields(Wire.ServerDetail d) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, values);
        int row = 0;
        row = field(grid, row, "URL", d.url());
        row = field(grid, row, "Config", d.configFile());
        row = field(grid, row, "Log file", d.logFile());
        if (d.mcp() != null) {
            Wire.McpInfo m = d.mcp();
            row = field(
                    grid,
                    row,
                    "MCP",
                    join(
                            m.name(),
                            m.version(),
                            m.protocolVersion() == null ? null : "protocol " + m.protocolVersion()));
        }
        if (d.reason() != null) {
            field(grid, row, "Reason", d.reason());
        }
        return grid;
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part);
            }
        }
        return String.join(" · ", present);
    }

    /** Paths and URLs in read-only fields: selectable, so they can be copied. */
    private static int field(GridPane grid, int row, String name, String value) {
        if (value == null || value.isEmpty()) {
            return row;
        }
        Label label = new Label(name);
        label.getStyleClass().add("muted");
        TextField text = new TextField(value);
        text.setEditable(false);
        text.getStyleClass().add("plain-value");
        grid.addRow(row, label, text);
        return row + 1;
    }

    private Node transitions(Wire.ServerDetail d) {
        VBox box = new VBox(2);
        box.setId("transitions");
        List<Wire.TransitionView> recent = d.recentTransitions() == null ? List.of() : d.recentTransitions();
        for (int i = recent.size() - 1; i >= 0; i--) {
            Wire.TransitionView t = recent.get(i);
            Label line = new Label(HumanTime.dateTime(t.atUnixMs()) + "  "
                    + StateLook.of(t.from()).word() + " → "
                    + StateLook.of(t.to()).word() + (t.reason() == null ? "" : "  (" + t.reason() + ")"));
            line.setWrapText(true);
            line.getStyleClass().add("transition");
            box.getChildren().add(line);
        }
        if (recent.isEmpty()) {
            box.getChildren().add(wrapped("none yet"));
        }
        return box;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section");
        return label;
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }
}
