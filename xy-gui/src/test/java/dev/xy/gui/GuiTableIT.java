package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

/** The table against a real hosted engine and real child processes, driven through the real window. */
class GuiTableIT extends WindowOnRealXy {

    @Test
    void clickingStopTakesTheRowFromRunningToStopped() throws Exception {
        harness.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        fx = FxFixture.open(harness);
        fx.awaitCell("alpha", "col-state", "● running");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.statusLine().equals("hosting · 1 server · 1 ready"));

        fx.clickRow("alpha");
        fx.robot.clickOn("#stop");

        fx.awaitCell("alpha", "col-state", "○ stopped");
        assertThat(fx.cell("alpha", "col-pid")).isEqualTo("—");
        // A terminal sees the same servers: the app serves the usual socket.
        assertThat(harness.state("alpha")).isEqualTo("stopped");
    }

    @Test
    void everyColumnHeaderShowsItsWholeTitleAtTheWindowsFirstSize() throws Exception {
        harness.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        fx = FxFixture.open(harness);
        fx.awaitCell("alpha", "col-state", "● running");

        List<String> titles =
                FxFixture.onFx(() -> headerLabels().stream().map(Label::getText).toList());
        assertThat(titles).contains("State", "Name", "Why", "URL", "PID", "Uptime", "Restarts", "Last exit");
        assertThat(cutHeaders()).as("headers cut short").isEmpty();
        int port = harness.server("alpha").path("port").asInt();
        assertThat(fx.drawnText("alpha", "col-url"))
                .as("the port, what a person copies from the table")
                .contains("localhost:" + port);

        // Sorted, a column's header also shows an arrow: its narrowest column still shows its whole title.
        fx.robot.clickOn(FxFixture.onFx(() -> headerLabels().stream()
                .filter(label -> label.getText().equals("Restarts"))
                .findFirst()
                .orElseThrow()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> FxFixture.onFx(() -> {
                    TableView<?> table =
                            (TableView<?>) fx.window.stage().getScene().lookup("#servers");
                    return !table.getSortOrder().isEmpty()
                            && table.getSortOrder().get(0).getText().equals("Restarts");
                }));
        assertThat(cutHeaders()).as("headers cut short, sorted by restarts").isEmpty();
    }

    /** What a header's skin draws is its Text child: a cut title there reads "Re…". */
    private List<String> cutHeaders() throws Exception {
        return FxFixture.onFx(() -> headerLabels().stream()
                .filter(label -> !FxFixture.drawn(label).equals(label.getText()))
                .map(Label::getText)
                .toList());
    }

    private List<Label> headerLabels() {
        return fx.robot.lookup(".column-header .label").queryAllAs(Label.class).stream()
                .filter(label -> label.getScene() != null
                        && label.isVisible()
                        && !label.getText().isEmpty())
                .filter(label -> label.getParent().isVisible())
                .toList();
    }

    @Test
    void aCrashShowsAsAStateChangeWithTheReasonInTheRow() throws Exception {
        Path go = harness.root.resolve("go");
        harness.writeServer(
                "crashy",
                RealXy.shellServer(
                        "while [ ! -f " + go + " ]; do sleep 0.05; done; exit 7", "restart {\n    policy never\n}\n"));
        fx = FxFixture.open(harness);
        fx.awaitCell("crashy", "col-state", "● running");

        Files.writeString(go, "");

        fx.awaitCell("crashy", "col-state", "✖ failed");
        assertThat(fx.cell("crashy", "col-last-exit")).isEqualTo("exited 7");
        assertThat(fx.cell("crashy", "col-why")).contains("exited with code 7");
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.statusLine().endsWith("1 failed"));
    }
}
