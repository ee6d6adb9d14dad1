package dev.xy.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertThat(Suggestions.distance("lsit", "list")).isEqualTo(1);
        assertThat(Suggestions.distance("", "stop")).isEqualTo(4);
        assertThat(Suggestions.distance("start", "stop")).isEqualTo(3);
        assertThat(Suggestions.distance("Port", "port")).isZero();
    }

    @Test
    void aSwappedTypoFindsTheWordWithTheSwapNotAnotherAsFar() {
        assertThat(Suggestions.closest("stauts", List.of("start", "status", "stop")))
                .hasValue("status");
        assertThat(Suggestions.closest("comamnd", List.of("command", "args", "port")))
                .hasValue("command");
    }
}
