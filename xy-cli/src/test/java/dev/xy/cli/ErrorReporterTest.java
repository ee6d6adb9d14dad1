package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.rpc.Wire;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {
    @Test
    void aServerThatCouldNotBeSpawnedCannotStart() {
        assertThat(ErrorReporter.startFailure(new Wire.Failure("nocmd", "command `x` not found on PATH")))
                .isEqualTo("xy: cannot start nocmd: command `x` not found on PATH");
    }

    @Test
    void aServerThatRanButNeverBecameReadySaysSoAndWhereItsOutputIs() {
        assertThat(ErrorReporter.startFailure(
                        new Wire.Failure("crashy", "not ready: exited with code 3; restarting in 200ms")))
                .isEqualTo("xy: crashy did not become ready: exited with code 3; restarting in 200ms (its output:"
                        + " `xy logs crashy`)");
    }
}
