package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.Wire;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanFormatTest {
    @ParameterizedTest
    @CsvSource({"0,0s", "45,45s", "60,1m", "725,12m5s", "3600,1h", "11520,3h12m", "86400,1d", "187200,2d4h"})
    void uptimesShowTheTwoLargestUnits(long seconds, String expected) {
        assertThat(HumanFormat.uptime(seconds)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"code\":3}|3", "{\"signal\":\"SIGKILL\"}|SIGKILL", "null|-"})
    void lastExitShowsTheCodeOrTheSignal(String json, String expected) throws Exception {
        assertThat(HumanFormat.lastExit(Json.LENIENT.readValue(json, Wire.LastExit.class)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"short|10|short", "exactly ten|11|exactly ten", "a much longer reason|10|a much lo…"})
    void longReasonsAreShortenedWithAnEllipsis(String text, int width, String expected) {
        assertThat(HumanFormat.shorten(text, width)).isEqualTo(expected);
    }
}
