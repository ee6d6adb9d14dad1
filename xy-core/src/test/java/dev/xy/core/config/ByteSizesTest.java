package dev.xy.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {
    @ParameterizedTest
    @CsvSource({"512KB,524288", "10MB,10485760", "1GB,1073741824", "4096B,4096", "10mb,10485760"})
    void parsesBinaryUnits(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).contains(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "MB", "1.5MB", "-1KB", "10 MB", "1TB", "9999999999999MB"})
    void rejectsAnythingElse(String text) {
        assertThat(ByteSizes.parse(text)).isEmpty();
    }
}
