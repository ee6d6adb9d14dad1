package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A quit that comes while the app is still connecting: the servers it already started must not outlive it. */
class BackendConnectorIT {
    @Test
    void closingTheHostBeforeTheBackendIsHandedOutStopsEveryServer() throws Exception {
        try (RealXy xy = new RealXy("xygui")) {
            for (int i = 0; i < 8; i++) {
                // No exec: the shell keeps its command line, which names the harness's directory.
                xy.writeServer("s" + i, RealXy.shellServer(": " + xy.root + "; while :; do sleep 1; done", ""));
            }
            BackendConnector connector = new BackendConnector(xy.paths(), line -> {});

            CompletableFuture<Backend> connecting = CompletableFuture.supplyAsync(() -> {
                try {
                    return connector.connect();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // The socket is served just before the autostart servers are started: the window in which a quit
            // finds servers starting and no backend to close yet.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.exists(xy.paths().socket()));
            connector.closeHosted();

            assertThat(connecting.get().hosting()).isTrue();
            assertThat(xy.paths().socket()).doesNotExist();
            assertThat(serversOf(xy))
                    .as("server processes left after the host closed")
                    .isEmpty();
        }
    }

    private static List<String> serversOf(RealXy xy) {
        String marker = xy.root.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
    }
}
