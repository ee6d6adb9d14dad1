package dev.xy.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandOutputTest {
    @Test
    void returnsWhatTheCommandPrinted() throws IOException {
        assertThat(CommandOutput.of(List.of("sh", "-c", "echo one; echo two"), Duration.ofSeconds(30)))
                .isEqualTo("one\ntwo\n");
    }

    @Test
    void moreThanAPipeHoldsIsReadWhole() throws IOException {
        String out = CommandOutput.of(List.of("sh", "-c", "seq 1 100000"), Duration.ofSeconds(30));
        assertThat(out.lines()).hasSize(100_000).last().isEqualTo("100000");
    }

    @Test
    void aFailingCommandIsAnError() {
        assertThatThrownBy(() -> CommandOutput.of(List.of("sh", "-c", "exit 3"), Duration.ofSeconds(30)))
                .isInstanceOf(IOException.class)
                .hasMessage("sh failed with exit code 3");
    }

    @Test
    void aCommandThatHangsWithItsOutputOpenIsKilledAtTheDeadline() {
        // Before, the read of its output waited for as long as the command ran: here ten minutes.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() ->
                        CommandOutput.of(List.of("sh", "-c", "echo partial; exec sleep 600"), Duration.ofMillis(500)))
                .isInstanceOf(IOException.class)
                .hasMessage("sh did not finish within 500 ms"));
    }

    @Test
    void aCommandThatClosesItsOutputButLivesOnIsKilledAtTheDeadline() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() ->
                        CommandOutput.of(List.of("sh", "-c", "exec 1>&-; exec sleep 600"), Duration.ofMillis(500)))
                .isInstanceOf(IOException.class)
                .hasMessage("sh did not finish within 500 ms"));
    }
}
