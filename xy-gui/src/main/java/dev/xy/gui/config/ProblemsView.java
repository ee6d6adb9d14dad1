package dev.xy.gui.config;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Config problems, one per line as {@code file:line:col: message}, in selectable text (so a path can be copied
 * into an editor), with Reload and Open configs beside them. Shown only while there are problems.
 */
public final class ProblemsView extends VBox {
    public ProblemsView(ObservableList<String> problems, Runnable reload, Runnable openFolder) {
        setId("problems");
        getStyleClass().add("problems");
        Label title = new Label();
        title.getStyleClass().add("problems-title");
        title.textProperty().bind(Bindings.size(problems).asString("%d problem(s) in the server configs"));
        TextArea text = new TextArea();
        text.setId("problems-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("mono");
        text.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", problems), problems));
        text.prefRowCountProperty()
                .bind(Bindings.createIntegerBinding(() -> Math.min(6, Math.max(1, problems.size())), problems));
        Button reloadButton = new Button("Reload", new FontIcon(Feather.REFRESH_CW));
        reloadButton.setOnAction(e -> reload.run());
        Button open = new Button("Open configs", new FontIcon(Feather.FOLDER));
        open.setOnAction(e -> openFolder.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, new FontIcon(Feather.ALERT_TRIANGLE), title, gap, open, reloadButton);
        header.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, text);
        visibleProperty().bind(Bindings.isNotEmpty(problems));
        managedProperty().bind(visibleProperty());
    }
}
