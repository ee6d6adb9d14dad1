package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import dev.xy.gui.logs.LogViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The log pane against a real hosted engine: what real children print, per selected server, under a burst. */
class GuiLogPaneIT extends WindowOnRealXy {

    @Test
    void thePaneShowsALineTheChildPrinted() throws Exception {
        harness.writeServer("alpha", RealXy.shellServer("echo hello from alpha; exec sleep 1000", ""));
        fx = FxFixture.open(harness);

        fx.clickRow("alpha");

        await().atMost(Duration.ofSeconds(30)).until(() -> fx.renderedLogTexts().contains("hello from alpha"));
    }

    @Test
    void readingUpThePanePausesFollowingAndJumpToLatestResumesIt() throws Exception {
        harness.writeServer("chatty", RealXy.shellServer("seq 1 300; exec sleep 1000", ""));
        fx = FxFixture.open(harness);
        fx.clickRow("chatty");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.renderedLogTexts().contains("300"));

        // Page Up in the pane, as a reader does (Monocle's robot has no mouse wheel).
        fx.robot.clickOn("#log-lines").type(KeyCode.PAGE_UP);

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        FxFixture.onFx(() -> !fx.vm.logs().followingProperty().get()));
        assertThat(FxFixture.onFx(
                        () -> ((ToggleButton) fx.window.stage().getScene().lookup("#log-follow")).getText()))
                .isEqualTo("Paused — jump to latest");
        fx.robot.clickOn("#log-follow");
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.renderedLogTexts().contains("300"));
        assertThat(FxFixture.onFx(() -> fx.vm.logs().followingProperty().get())).isTrue();
    }

    @Test
    void switchingServersSwitchesTheStreamAndCancelsTheOldOne() throws Exception {
        harness.writeServer("alpha", RealXy.shellServer("echo alpha speaking; exec sleep 1000", ""));
        harness.writeServer("beta", RealXy.shellServer("echo beta speaking >&2; exec sleep 1000", ""));
        fx = FxFixture.open(harness);
        fx.clickRow("alpha");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.renderedLogTexts().contains("alpha speaking"));
        assertThat(followThreads()).contains("xy-follow-alpha");

        fx.clickRow("beta");

        await().atMost(Duration.ofSeconds(30)).until(() -> fx.renderedLogTexts().contains("beta speaking"));
        assertThat(fx.paneLines()).noneMatch(line -> line.contains("alpha speaking"));
        // The old stream is cancelled on the engine's side: its forwarding thread ends.
        await().atMost(Duration.ofSeconds(10)).until(() -> !followThreads().contains("xy-follow-alpha"));
    }

    private static List<String> followThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("xy-follow-"))
                .toList();
    }

    @Test
    void aBurstOf100000LinesLeavesTheUiResponsiveAndThePaneBounded() throws Exception {
        Path go = harness.root.resolve("go");
        harness.writeServer(
                "burst",
                RealXy.shellServer(
                        "echo waiting; while [ ! -f " + go + " ]; do sleep 0.05; done; seq 1 100000; echo burst done;"
                                + " exec sleep 1000",
                        ""));
        fx = FxFixture.open(harness);
        fx.clickRow("burst");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.paneLines().contains("waiting"));

        Files.writeString(go, "");
        List<Long> roundTrips = new ArrayList<>();
        int maxPaneSize = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!fx.paneLines().contains("burst done")) {
            assertThat(System.nanoTime())
                    .as("the burst reached the pane in time")
                    .isLessThan(deadline);
            roundTrips.add(fxRoundTripMillis());
            maxPaneSize = Math.max(maxPaneSize, fx.paneLines().size());
        }

        assertThat(roundTrips).as("FX round trips measured during the burst").isNotEmpty();
        assertThat(roundTrips.stream().mapToLong(Long::longValue).max().orElseThrow())
                .as("slowest FX round trip during the burst, ms (all: %s)", roundTrips)
                .isLessThan(1000);
        assertThat(maxPaneSize).isLessThanOrEqualTo(LogViewModel.MAX_LINES);
        List<String> lines = fx.paneLines();
        assertThat(lines).hasSizeLessThanOrEqualTo(LogViewModel.MAX_LINES).contains("100000", "burst done");
        // The pane follows the newest line: the end of the burst is on screen.
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.renderedLogTexts().contains("burst done"));
    }

    /** How long the FX thread takes to run a task posted now: what a click would wait. */
    private static long fxRoundTripMillis() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Platform.runLater(() -> answered.complete(null));
        answered.get(30, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
