package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsageErrorsTest {
    private static final List<String> COMMANDS =
            List.of("daemon", "list", "status", "start", "stop", "restart", "reload", "logs", "validate");

    @Test
    void aTypoFindsTheCommandItMeant() {
        assertThat(UsageErrors.closest("lsit", COMMANDS)).hasValue("list");
        assertThat(UsageErrors.closest("stauts", COMMANDS)).hasValue("status");
        assertThat(UsageErrors.closest("restrat", COMMANDS)).hasValue("restart");
        assertThat(UsageErrors.closest("reloda", COMMANDS)).hasValue("reload");
        assertThat(UsageErrors.closest("log", COMMANDS)).hasValue("logs");
    }

    @Test
    void aWordFarFromEveryCommandFindsNone() {
        assertThat(UsageErrors.closest("frob", COMMANDS)).isEmpty();
        assertThat(UsageErrors.closest("echo", COMMANDS)).isEmpty();
    }

    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertThat(UsageErrors.distance("lsit", "list")).isEqualTo(1);
        assertThat(UsageErrors.distance("", "stop")).isEqualTo(4);
        assertThat(UsageErrors.distance("start", "stop")).isEqualTo(3);
    }
}
