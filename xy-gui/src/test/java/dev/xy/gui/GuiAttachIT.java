package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The app attached to a real {@code bin/xy daemon}, with a terminal's {@code bin/xy} beside it. */
class GuiAttachIT extends WindowOnRealXy {

    @BeforeEach
    void setUp() throws Exception {
        harness.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        harness.writeServer("beta", RealXy.shellServer("exec sleep 1000", ""));
    }

    @Test
    void aStopInATerminalShowsInTheTableAndQuittingLeavesTheDaemonsServersRunning() throws Exception {
        Process daemon = harness.startDaemon();
        fx = FxFixture.open(harness);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> fx.statusLine().startsWith("attached to daemon pid " + daemon.pid()));
        fx.awaitCell("alpha", "col-state", "● running");
        long betaPid = harness.pid("beta");

        assertThat(harness.xy("stop", "alpha").exit()).isZero();

        fx.awaitCell("alpha", "col-state", "○ stopped");
        fx.close();
        fx = null;
        assertThat(daemon.isAlive()).isTrue();
        assertThat(harness.state("beta")).isEqualTo("running");
        assertThat(harness.pid("beta")).isEqualTo(betaPid);
        assertThat(RealXy.isRunning(betaPid)).isTrue();
    }

    @Test
    void aDaemonThatGoesAwayIsShownAndReconnectHostsTheServersHere() throws Exception {
        Process daemon = harness.startDaemon();
        fx = FxFixture.open(harness);
        fx.awaitCell("alpha", "col-state", "● running");

        daemon.destroy(); // SIGTERM: the daemon stops its servers and goes away
        assertThat(daemon.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> fx.statusLine().equals("lost daemon pid " + daemon.pid()));
        assertThat(FxFixture.onFx(
                        () -> fx.window.stage().getScene().lookup("#reconnect").isVisible()))
                .isTrue();
        // The long message beside them gives way: what was lost, and the way back, are drawn whole.
        assertThat(drawn("#status-line")).isEqualTo("lost daemon pid " + daemon.pid());
        assertThat(drawn("#reconnect")).isEqualTo("Reconnect");

        fx.robot.clickOn("#reconnect");

        await().atMost(Duration.ofSeconds(30)).until(() -> fx.statusLine().startsWith("hosting · 2 servers"));
        fx.awaitCell("alpha", "col-state", "● running");
        assertThat(harness.xy("list").out()).contains("alpha", "beta");
    }

    /** The text a labelled control draws (cut to fit, it ends in "…"). */
    private String drawn(String id) throws Exception {
        return FxFixture.onFx(() -> FxFixture.drawn(fx.window.stage().getScene().lookup(id)));
    }
}
