package dev.xy.gui;

import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerLight;
import dev.xy.core.logs.LogLine;
import dev.xy.core.testing.RealXy;
import dev.xy.gui.login.LaunchCommand;
import dev.xy.gui.login.XdgAutostart;
import dev.xy.gui.servers.ServerRow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's real window (headless, Monocle) on a real backend: hosting in a {@link RealXy}'s directories, or
 * attached to the daemon running there. Reads what the nodes show, on the FX thread.
 */
public final class FxFixture implements AutoCloseable {
    public final FxRobot robot = new FxRobot();
    public final MainViewModel vm;
    public MainWindow window;
    private final ExecutorService workers = Executors.newCachedThreadPool();

    private FxFixture(RealXy harness) {
        Calls calls = new Calls(workers, Platform::runLater, new Feedback());
        vm = new MainViewModel(
                calls,
                new BackendConnector(harness.paths(), line -> {})::connect,
                new FolderOpener(List.of("true")),
                Optional.of(new XdgAutostart(
                        autostartDir(harness),
                        new LaunchCommand(
                                List.of(RealXy.REPO.resolve("bin/xy-gui").toString()), Map.of()))),
                System::currentTimeMillis);
    }

    /** Where the window's "Start at login" switch writes: the harness's own XDG config folder. */
    public static java.nio.file.Path autostartDir(RealXy harness) {
        return XdgAutostart.directory(harness.environment(), harness.root);
    }

    /** Shows the window and connects as the app does at start-up. */
    public static FxFixture open(RealXy harness) throws Exception {
        FxToolkit.registerPrimaryStage();
        FxFixture fixture = new FxFixture(harness);
        FxToolkit.setupStage(stage -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            fixture.window = new MainWindow(stage, fixture.vm, () -> {}, () -> {});
            stage.show();
            fixture.vm.connect();
        });
        return fixture;
    }

    public static <T> T onFx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(30, TimeUnit.SECONDS);
    }

    /** The text a server's row shows in a column ({@code col-state}, {@code col-why}, …), or null when not shown. */
    public String cell(String server, String columnId) throws Exception {
        return onFx(() -> {
            Node found = cellNode(server, columnId);
            return found == null ? null : ((TableCell<?, ?>) found).getText();
        });
    }

    /** What a cell draws, as a person reads it: a text cut to fit ends in "…". */
    public String drawnText(String server, String columnId) throws Exception {
        return onFx(() -> {
            Node found = cellNode(server, columnId);
            return found == null ? null : drawn(found);
        });
    }

    /** The text a node and its children draw, as a person reads it (a labelled control cut to fit ends in "…"). */
    public static String drawn(Node node) {
        return node.lookupAll(".text").stream()
                .filter(text -> text instanceof javafx.scene.text.Text)
                .map(text -> ((javafx.scene.text.Text) text).getText())
                .collect(java.util.stream.Collectors.joining(" "));
    }

    @SuppressWarnings("unchecked")
    private Node cellNode(String server, String columnId) {
        for (Node node : window.table().lookupAll(".table-row-cell")) {
            TableRow<ServerRow> row = (TableRow<ServerRow>) node;
            if (row.getItem() != null && row.getItem().name().equals(server)) {
                for (Node cell : row.lookupAll(".table-cell")) {
                    TableCell<?, ?> tableCell = (TableCell<?, ?>) cell;
                    if (tableCell.getTableColumn() != null
                            && columnId.equals(tableCell.getTableColumn().getId())) {
                        return cell;
                    }
                }
            }
        }
        return null;
    }

    public void awaitCell(String server, String columnId, String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> text.equals(cell(server, columnId)));
    }

    /** Clicks a server's name in the table, as a user selects it. */
    public void clickRow(String server) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> cellNode(server, "col-name") != null));
        Node cell = onFx(() -> cellNode(server, "col-name"));
        robot.clickOn(cell);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onFx(() -> vm.servers().selectedName().orElse("").equals(server)));
    }

    /** The texts of the log lines the pane renders (its visible cells). */
    public List<String> renderedLogTexts() throws Exception {
        return onFx(() -> window.logs().list().lookupAll(".log-text").stream()
                .map(node -> ((Text) node).getText())
                .toList());
    }

    /** Every line the pane holds (rendered or scrolled away). */
    public List<String> paneLines() throws Exception {
        return onFx(() -> vm.logs().lines().stream().map(LogLine::text).toList());
    }

    public String statusLine() throws Exception {
        return onFx(
                () -> ((javafx.scene.control.Label) window.stage().getScene().lookup("#status-line")).getText());
    }

    /** Lets go as quitting does (hosting: every server stops), then closes the window. */
    @Override
    public void close() throws Exception {
        onFx(() -> vm.shutdown()).get(90, TimeUnit.SECONDS);
        onFx(() -> {
            window.dispose();
            Stage stage = window.stage();
            stage.hide();
            return null;
        });
        workers.shutdownNow();
    }
}
