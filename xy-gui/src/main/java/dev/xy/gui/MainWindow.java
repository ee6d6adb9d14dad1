package dev.xy.gui;

import dev.xy.gui.config.EmptyStateView;
import dev.xy.gui.config.ProblemsView;
import dev.xy.gui.details.DetailsView;
import dev.xy.gui.login.StartAtLoginViewModel;
import dev.xy.gui.logs.LogView;
import dev.xy.gui.servers.ServersView;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window, titled "xy": actions on top, the live table (or the empty state) with the details panel
 * beside it, the log pane below, and a status line that says hosting or attached. Keyboard: Ctrl/⌘-S start,
 * -. stop, -R restart, -F filter logs, -L clear the pane, -W close the window, -Q quit.
 */
public final class MainWindow {
    private final Stage stage;
    private final MainViewModel vm;
    private static final double PREFERRED_WIDTH = 1400;
    private static final double PREFERRED_HEIGHT = 820;

    private final ServersView table;
    private final LogView logs;
    private final Timeline ticker;

    /**
     * @param closeWindow what closing the window does (hide to the tray, or quit when there is none)
     * @param quit quits the app
     */
    public MainWindow(Stage stage, MainViewModel vm, Runnable closeWindow, Runnable quit) {
        this.stage = stage;
        this.vm = vm;
        this.table = new ServersView(vm.servers(), this::copy);
        this.logs = new LogView(vm.logs());
        BorderPane root = new BorderPane();
        root.getStyleClass().add("xy-root");
        root.setTop(new VBox(
                toolbar(quit), noticeBar(), new ProblemsView(vm.problems(), vm::reload, vm::openConfigFolder)));
        root.setCenter(center());
        root.setBottom(statusBar());
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        // Wide enough for every column of the table at its least width beside the details, where the screen allows.
        Scene scene = new Scene(
                root,
                Math.min(PREFERRED_WIDTH, screen.getWidth() - 40),
                Math.min(PREFERRED_HEIGHT, screen.getHeight() - 40));
        scene.getStylesheets().add(MainWindow.class.getResource("xy.css").toExternalForm());
        shortcuts(scene, closeWindow, quit);
        stage.setTitle("xy");
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            e.consume();
            closeWindow.run();
        });
        ticker =
                new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.servers().tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    private ToolBar toolbar(Runnable quit) {
        var servers = vm.servers();
        Button start =
                button("start", "Start", Feather.PLAY, "Start the selected server (Ctrl+S)", servers::startSelected);
        Button stop =
                button("stop", "Stop", Feather.SQUARE, "Stop the selected server (Ctrl+.)", servers::stopSelected);
        Button restart = button(
                "restart",
                "Restart",
                Feather.ROTATE_CW,
                "Restart the selected server (Ctrl+R)",
                servers::restartSelected);
        start.disableProperty().bind(servers.canStart().not());
        stop.disableProperty().bind(servers.canStop().not());
        restart.disableProperty().bind(servers.hasSelection().not());
        Button copyUrl = button(
                "copy-url", "Copy URL", Feather.COPY, "Copy the selected server's URL", () -> servers.selectedUrl()
                        .ifPresent(this::copy));
        copyUrl.disableProperty().bind(servers.hasSelection().not());
        BooleanBinding offline = vm.backendProperty().isNull();
        Button startAll =
                button("start-all", "Start all", Feather.FAST_FORWARD, "Start every server", servers::startAll);
        Button stopAll = button("stop-all", "Stop all", Feather.X_SQUARE, "Stop every server", servers::stopAll);
        Button reload = button("reload", "Reload", Feather.REFRESH_CW, "Re-read the config files", vm::reload);
        Button open =
                button("open-configs", "Open configs", Feather.FOLDER, "Open the config folder", vm::openConfigFolder);
        Button quitButton = button("quit", "Quit", Feather.POWER, "Quit xy (Ctrl+Q)", quit);
        for (Button b : new Button[] {startAll, stopAll, reload, open}) {
            b.disableProperty().bind(offline);
        }
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return new ToolBar(
                start,
                stop,
                restart,
                copyUrl,
                new Separator(Orientation.VERTICAL),
                startAll,
                stopAll,
                new Separator(Orientation.VERTICAL),
                reload,
                open,
                gap,
                startAtLoginSwitch(),
                quitButton);
    }

    /** Shows whether xy starts at login and switches it; hidden where the system has no login item for xy. */
    private CheckBox startAtLoginSwitch() {
        StartAtLoginViewModel login = vm.startAtLogin();
        CheckBox box = new CheckBox("Start xy at login");
        box.setId("start-at-login");
        box.setTooltip(new Tooltip("Start xy when you log in"));
        box.setSelected(login.enabledProperty().get());
        // The click asks for the change; the box then shows what the file system says (a refusal unticks it).
        login.enabledProperty().addListener((o, was, now) -> box.setSelected(now));
        box.setOnAction(e -> login.set(box.isSelected()));
        box.disableProperty().bind(login.busyProperty());
        box.setVisible(login.isAvailable());
        box.setManaged(login.isAvailable());
        return box;
    }

    private static Button button(String id, String text, Feather icon, String tip, Runnable action) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }

    /** A once-said notice (such as "no system tray"), dismissible. */
    private Node noticeBar() {
        Label text = new Label();
        text.setId("notice");
        text.setWrapText(true);
        text.textProperty().bind(vm.noticeProperty());
        Button dismiss = new Button(null, new FontIcon(Feather.X));
        dismiss.getStyleClass().addAll("flat", "small");
        dismiss.setOnAction(e -> vm.dismissNotice());
        HBox bar = new HBox(8, new FontIcon(Feather.INFO), text, dismiss);
        HBox.setHgrow(text, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("notice-bar");
        bar.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private Node center() {
        EmptyStateView empty = new EmptyStateView(vm.configDirProperty(), vm::reload, vm::openConfigFolder, this::copy);
        BooleanBinding noServers = Bindings.isEmpty(vm.servers().rows())
                .and(vm.backendProperty().isNotNull())
                .and(Bindings.isEmpty(vm.problems()));
        empty.visibleProperty().bind(noServers);
        table.visibleProperty().bind(noServers.not());
        StackPane tableArea = new StackPane(table, empty);
        StackPane.setAlignment(empty, Pos.TOP_LEFT);
        SplitPane top = new SplitPane(tableArea, new DetailsView(vm.details()));
        top.setDividerPositions(0.78);
        SplitPane all = new SplitPane(top, logs);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.5);
        return all;
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("status-line");
        status.textProperty().bind(vm.statusLine());
        Label feedback = new Label();
        feedback.setId("feedback");
        feedback.textProperty().bind(vm.feedback().messageProperty());
        feedback.setTooltip(new Tooltip());
        feedback.getTooltip().textProperty().bind(vm.feedback().messageProperty());
        vm.feedback().errorProperty().addListener((o, was, error) -> {
            feedback.getStyleClass().remove("error");
            if (error) {
                feedback.getStyleClass().add("error");
            }
        });
        Button reconnect = new Button("Reconnect", new FontIcon(Feather.LINK));
        reconnect.setId("reconnect");
        reconnect.setTooltip(new Tooltip("Attach to a daemon if one answers, or host the servers here"));
        reconnect.setOnAction(e -> vm.reconnect());
        reconnect.visibleProperty().bind(vm.lostProperty());
        reconnect.managedProperty().bind(reconnect.visibleProperty());
        HBox bar = new HBox(16, status, new Separator(Orientation.VERTICAL), feedback, reconnect);
        HBox.setHgrow(feedback, Priority.ALWAYS);
        feedback.setMaxWidth(Double.MAX_VALUE);
        // A long message gives way (its whole text is in the tooltip); what xy is connected to and the way back
        // to it never do.
        feedback.setMinWidth(0);
        status.setMinWidth(Region.USE_PREF_SIZE);
        reconnect.setMinWidth(Region.USE_PREF_SIZE);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void shortcuts(Scene scene, Runnable closeWindow, Runnable quit) {
        var servers = vm.servers();
        var keys = scene.getAccelerators();
        keys.put(shortcut(KeyCode.S), servers::startSelected);
        keys.put(shortcut(KeyCode.PERIOD), servers::stopSelected);
        keys.put(shortcut(KeyCode.R), servers::restartSelected);
        keys.put(shortcut(KeyCode.F), logs::focusFilter);
        keys.put(shortcut(KeyCode.L), vm.logs()::clear);
        keys.put(shortcut(KeyCode.W), closeWindow);
        keys.put(shortcut(KeyCode.Q), quit);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    /** Puts {@code text} on the clipboard (FX thread) and says so. */
    void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        String shown = text.length() > 60 ? text.substring(0, 57).replace('\n', ' ') + "…" : text.replace('\n', ' ');
        vm.feedback().info("copied " + shown);
    }

    public Stage stage() {
        return stage;
    }

    public ServersView table() {
        return table;
    }

    public LogView logs() {
        return logs;
    }

    /** Stops the uptime ticker: for a window that goes away with the app. */
    public void dispose() {
        ticker.stop();
    }
}
