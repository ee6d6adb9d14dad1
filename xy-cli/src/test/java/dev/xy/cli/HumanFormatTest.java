package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.Wire;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** What {@link HumanFormat#time} printed with java.time's zone rules, around offset changes too. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "UTC",
                "Europe/Berlin",
                "America/New_York",
                "Asia/Kolkata",
                "Australia/Lord_Howe",
                "America/St_Johns",
                "Pacific/Chatham",
                "Asia/Kathmandu"
            })
    void timesAreInTheSystemZoneAsJavaTimeShowsThem(String zone) {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            DateTimeFormatter reference =
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(ZoneId.systemDefault());
            long start = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
            for (long at = start; at < start + 3L * 366 * 86_400_000; at += 3_600_000L * 7 + 1234) {
                assertThat(HumanFormat.time(at))
                        .as(zone + " " + at)
                        .isEqualTo(reference.format(Instant.ofEpochMilli(at)));
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"short|10|short", "exactly ten|11|exactly ten", "a much longer reason|10|a much lo…"})
    void longReasonsAreShortenedWithAnEllipsis(String text, int width, String expected) {
        assertThat(HumanFormat.shorten(text, width)).isEqualTo(expected);
    }
}
