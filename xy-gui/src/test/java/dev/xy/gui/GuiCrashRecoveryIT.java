package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app hosting the engine crashes (SIGKILL): its servers live on as orphans. The next host — here a
 * headless {@code xy daemon} — stops them before starting its own copies, so exactly one copy of each runs.
 */
class GuiCrashRecoveryIT {
    private RealXy harness;
    private XDesktop desktop;
    private Process app;

    @BeforeEach
    void setUp() throws Exception {
        desktop = XDesktop.start();
        harness = new RealXy("xygui");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        desktop.close();
        harness.close();
    }

    @Test
    void aDaemonAfterACrashedAppRunsExactlyOneCopyOfEachServer() throws Exception {
        harness.writeServer("tree", RealXy.shellServer("sleep 1000 & sleep 1000 & wait", ""));
        Path appLog = harness.root.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(
                        RealXy.REPO.resolve("bin/xy-gui").toString())
                .redirectErrorStream(true)
                .redirectOutput(appLog.toFile());
        builder.environment().putAll(harness.environment());
        builder.environment().putAll(desktop.environment());
        app = builder.start();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> harness.xy("status", "tree", "--json").exit() == 0);
        await().until(() -> harness.state("tree").equals("running"));
        long leader = harness.pid("tree");
        List<ProcessHandle> firstTree = new ArrayList<>();
        ProcessHandle.of(leader).ifPresent(firstTree::add);
        await().until(() -> ProcessHandle.of(leader).orElseThrow().descendants().count() == 2);
        ProcessHandle.of(leader).orElseThrow().descendants().forEach(firstTree::add);

        app.destroyForcibly(); // the app's JVM dies without stopping anything
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(firstTree).allMatch(ProcessHandle::isAlive);

        harness.startDaemon();
        await().until(() -> harness.state("tree").equals("running"));

        for (ProcessHandle process : firstTree) {
            assertThat(RealXy.isRunning(process.pid()))
                    .as("pid " + process.pid() + " of the crashed app's tree")
                    .isFalse();
        }
        assertThat(harness.pid("tree")).isNotEqualTo(leader);
        assertThat(harness.daemonLog()).contains("crash recovery: tree: stopped 3 process(es)");
    }
}
