package dev.xy.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"250ms,250", "2s,2000", "1m,60000", "1h30m,5400000", "1h,3600000", "1m30s500ms,90500", "0s,0"})
    void parsesEveryUnit(String text, long millis) {
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1.5s", "-1s", "1 s", "1d", "1S", "99999999999h", "1s "})
    void rejectsAnythingElse(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @Test
    void formatsBackToTheShortForm() {
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(90 * 60 + 5))).isEqualTo("1h30m5s");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
    }
}
