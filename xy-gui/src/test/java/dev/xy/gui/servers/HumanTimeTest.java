package dev.xy.gui.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import org.junit.jupiter.api.Test;

class HumanTimeTest {
    @Test
    void durationsUseTwoUnitsAtMost() {
        assertThat(HumanTime.duration(42)).isEqualTo("42s");
        assertThat(HumanTime.duration(303)).isEqualTo("5m03s");
        assertThat(HumanTime.duration(3 * 3600 + 12 * 60 + 5)).isEqualTo("3h12m");
        assertThat(HumanTime.duration(2 * 86_400 + 4 * 3600)).isEqualTo("2d04h");
    }

    @Test
    void exitsSayCodeOrSignal() {
        assertThat(HumanTime.lastExit(null)).isEmpty();
        assertThat(HumanTime.lastExit(new Wire.LastExit(0, null))).isEqualTo("exited 0");
        assertThat(HumanTime.lastExit(new Wire.LastExit(null, "SIGTERM"))).isEqualTo("killed by SIGTERM");
        assertThat(HumanTime.lastExit(new Wire.LastExit(null, "KILL"))).isEqualTo("killed by SIGKILL");
    }

    @Test
    void everyStateHasAGlyphAndAWordSoColourIsNeverAlone() {
        for (ServerState state : ServerState.values()) {
            StateLook look = StateLook.of(state);
            assertThat(look.word()).isEqualTo(state.wireName());
            assertThat(look.glyph()).isNotBlank();
        }
        assertThat(StateLook.of(null).label()).isEqualTo("? unknown");
    }
}
