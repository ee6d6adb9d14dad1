package dev.xy.gui.tray;

import static dev.xy.gui.FakeXyApi.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.supervisor.ServerState;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrayLookTest {
    @Test
    void anyFailedServerMakesTheWholeLookFailed() {
        assertThat(TrayLook.of(List.of(
                        summary("a", ServerState.RUNNING),
                        summary("b", ServerState.FAILED),
                        summary("c", ServerState.STARTING))))
                .isEqualTo(TrayLook.FAILED);
    }

    @Test
    void anyServerOnTheMoveMakesItStarting() {
        for (ServerState moving : List.of(ServerState.STARTING, ServerState.RESTARTING, ServerState.STOPPING)) {
            assertThat(TrayLook.of(List.of(summary("a", ServerState.RUNNING), summary("b", moving))))
                    .isEqualTo(TrayLook.STARTING);
        }
    }

    @Test
    void runningAndStoppedServersAreFine() {
        assertThat(TrayLook.of(List.of(summary("a", ServerState.RUNNING), summary("b", ServerState.STOPPED))))
                .isEqualTo(TrayLook.FINE);
        assertThat(TrayLook.of(List.of())).isEqualTo(TrayLook.FINE);
    }

    @Test
    void theMenuLineShowsGlyphNamePortAndState() {
        assertThat(TrayLook.menuLabel(summary("alpha", ServerState.FAILED))).isEqualTo("✖ alpha  :3005  failed");
        assertThat(TrayLook.tooltip(List.of(summary("alpha", ServerState.RUNNING), summary("b", ServerState.FAILED))))
                .isEqualTo("xy — 1 of 2 running, 1 failed");
    }

    @Test
    void eachLookIsItsOwnImage() {
        assertThat(TrayIcons.of(TrayLook.FINE)).isNotSameAs(TrayIcons.of(TrayLook.FAILED));
        assertThat(TrayIcons.of(TrayLook.FINE).getRGB(32, 6))
                .isNotEqualTo(TrayIcons.of(TrayLook.FAILED).getRGB(32, 6));
    }
}
