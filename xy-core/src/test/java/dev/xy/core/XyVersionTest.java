package dev.xy.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XyVersionTest {
    @Test
    void isTheMavenProjectVersionEvenOutsideAJar() {
        // Tests run from target/classes, where no manifest exists: the version comes from the filtered resource.
        assertThat(XyVersion.current())
                .isEqualTo(System.getProperty("xy.expectedVersion"))
                .matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
