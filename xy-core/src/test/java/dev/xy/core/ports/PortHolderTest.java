package dev.xy.core.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortHolderTest {
    @Test
    void commandsKeepWhatTellsProcessesApart() {
        assertThat(PortHolder.shorten(List.of("/usr/lib/jvm/java-17/bin/java", "-cp", "a.jar", "Main")))
                .isEqualTo("java -cp a.jar Main");
        assertThat(PortHolder.shorten(List.of("node", "/home/me/x/node_modules/pkg/dist/index.js", "--port", "1")))
                .isEqualTo("node …/pkg/dist/index.js --port 1");
        assertThat(PortHolder.shorten(List.of("sh", "-c", "sleep  1\n&& echo"))).isEqualTo("sh -c sleep 1 && echo");
    }

    @Test
    void longCommandsAreCut() {
        String shortened = PortHolder.shorten(List.of("x", "y".repeat(300)));
        assertThat(shortened).hasSize(PortHolder.MAX_COMMAND).endsWith("…");
    }

    @Test
    void describesItselfForMessages() {
        assertThat(new PortHolder(42, "node server.js").describe()).isEqualTo("pid 42 (node server.js)");
        assertThat(new PortHolder(42, "").describe()).isEqualTo("pid 42");
    }
}
