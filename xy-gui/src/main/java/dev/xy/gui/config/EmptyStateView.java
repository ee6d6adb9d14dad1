package dev.xy.gui.config;

import java.util.function.Consumer;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the window shows before any server is configured: what xy is in one line, where config files go (the
 * real path, openable and copyable), a copyable example, and Reload.
 */
public final class EmptyStateView extends VBox {
    /** A config that runs as it stands: a real MCP server, started on demand by npx. */
    public static final String EXAMPLE =
            """
            // everything.kdl: one file per server; the file name is the server's name
            command "npx"
            args "-y" "@modelcontextprotocol/server-everything" "streamableHttp"
            port 3001
            env {
                PORT "3001"
            }
            """;

    public EmptyStateView(
            ObservableStringValue configDir, Runnable reload, Runnable openFolder, Consumer<String> copy) {
        super(12);
        setId("empty-state");
        getStyleClass().add("empty-state");
        setAlignment(Pos.TOP_LEFT);
        setMaxWidth(720);

        Label title = new Label("No servers configured yet");
        title.getStyleClass().add("title-2");
        Label what = new Label("xy keeps your local MCP servers running, restarts them when they crash and keeps their"
                + " logs. Describe each server in one small KDL file.");
        what.setWrapText(true);

        Label where = new Label("Config files go in:");
        TextField path = new TextField();
        path.setId("empty-config-dir");
        path.setEditable(false);
        path.textProperty().bind(configDir);
        HBox.setHgrow(path, Priority.ALWAYS);
        Button open = new Button("Open folder", new FontIcon(Feather.FOLDER));
        open.setOnAction(e -> openFolder.run());
        Button copyPath = new Button(null, new FontIcon(Feather.COPY));
        copyPath.setOnAction(e -> copy.accept(configDir.get()));
        HBox pathRow = new HBox(8, path, copyPath, open);
        pathRow.setAlignment(Pos.CENTER_LEFT);

        TextArea example = new TextArea(EXAMPLE);
        example.setId("empty-example");
        example.setEditable(false);
        example.getStyleClass().add("mono");
        example.setPrefRowCount(8);
        Button copyExample = new Button("Copy example", new FontIcon(Feather.COPY));
        copyExample.setOnAction(e -> copy.accept(EXAMPLE));
        Button reloadButton = new Button("Reload", new FontIcon(Feather.REFRESH_CW));
        reloadButton.setId("empty-reload");
        reloadButton.getStyleClass().add("accent");
        reloadButton.setOnAction(e -> reload.run());
        Label then = new Label("Save it as everything.kdl in that folder, then Reload.");
        then.setWrapText(true);

        getChildren().addAll(title, what, where, pathRow, example, new HBox(8, copyExample, reloadButton), then);
    }
}
