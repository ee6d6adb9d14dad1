package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.FreePorts;
import dev.xy.core.testing.RealXy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real app ({@code bin/xy-gui}, its own process) on a real X display with the normal GTK backend: with a
 * real tray host ({@code trayer}) and without one. Looks and clicks through X as a person would, and checks the
 * outcome from a terminal's side ({@code bin/xy}).
 */
class GuiDesktopIT {
    private static final Duration START = Duration.ofSeconds(90);

    private RealXy harness;
    private XDesktop desktop;
    private Process app;
    private Path appLog;
    private Path trayDump;
    private int alphaPort;
    private int betaPort;

    @BeforeEach
    void setUp() throws Exception {
        desktop = XDesktop.start();
        harness = new RealXy("xygui");
        alphaPort = FreePorts.next();
        betaPort = FreePorts.next();
        harness.writeServer(
                "alpha",
                "command \"/bin/sh\"\nargs \"-c\" \"exec sleep 1000\"\nport " + alphaPort + "\n"
                        + RealXy.NO_HEALTH_CHECK);
        harness.writeServer(
                "beta",
                "command \"/bin/sh\"\nargs \"-c\" \"exec sleep 1000\"\nport " + betaPort + "\n"
                        + RealXy.NO_HEALTH_CHECK);
        appLog = harness.root.resolve("app.log");
        trayDump = harness.root.resolve("tray.txt");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        desktop.close();
        harness.close();
    }

    private void startApp() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        RealXy.REPO.resolve("bin/xy-gui").toString())
                .redirectErrorStream(true)
                .redirectOutput(appLog.toFile());
        builder.environment().putAll(harness.environment());
        builder.environment().putAll(desktop.environment());
        builder.environment().put("XY_GUI_THEME", "light");
        builder.environment().put("XY_GUI_JAVA_OPTS", "-D" + XyApp.TRAY_DUMP_PROPERTY + "=" + trayDump);
        app = builder.start();
    }

    private String log() throws IOException {
        return Files.exists(appLog) ? Files.readString(appLog) : "";
    }

    private List<String> trayMenu() throws IOException {
        return Files.exists(trayDump) ? Files.readAllLines(trayDump) : List.of();
    }

    private void awaitHosting() {
        await().atMost(START).until(() -> {
            assertThat(app.isAlive())
                    .as("the app is running; its log:\n%s", log())
                    .isTrue();
            return log().contains("xy-gui: hosting") && harness.xy("list").exit() == 0;
        });
    }

    @Test
    void theTrayIconListsTheServersAndItsMenuDrivesThemAndTheApp() throws Exception {
        desktop.startTrayer();
        startApp();
        awaitHosting();

        await().atMost(START).until(() -> desktop.trayIcon().isPresent());
        await().atMost(Duration.ofSeconds(30))
                .until(
                        this::trayMenu,
                        menu -> menu.equals(List.of(
                                "● alpha  :" + alphaPort + "  running",
                                "● beta  :" + betaPort + "  running",
                                "-",
                                "Start all",
                                "Stop all",
                                "-",
                                "Show xy",
                                "Start xy at login",
                                "Quit xy")));

        desktop.openTrayMenu();
        desktop.keys("Down", "Return"); // alpha's start/stop toggle
        await().atMost(Duration.ofSeconds(30))
                .until(() -> harness.state("alpha").equals("stopped"));
        await().atMost(Duration.ofSeconds(10)).until(() -> trayMenu().contains("○ alpha  :" + alphaPort + "  stopped"));

        // Closing the window leaves the app in the tray, still hosting.
        desktop.keysInWindow("xy", "ctrl+w");
        await().atMost(Duration.ofSeconds(10)).until(() -> !desktop.windowVisible("xy"));
        assertThat(app.isAlive()).isTrue();
        assertThat(harness.state("beta")).isEqualTo("running");

        desktop.openTrayMenu();
        desktop.keys("Up", "Up", "Up", "Return"); // Show xy
        await().atMost(Duration.ofSeconds(10)).until(() -> desktop.windowVisible("xy"));

        // Start at login, off by default: the tray switches it on and off, an autostart entry runs this launcher.
        Path autostart = harness.root.resolve("cfg/autostart/xy.desktop");
        assertThat(autostart).doesNotExist();
        desktop.openTrayMenu();
        desktop.keys("Up", "Up", "Return"); // Start xy at login
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(autostart));
        assertThat(Files.readAllLines(autostart))
                .anyMatch(line -> line.startsWith("Exec=env JAVA_HOME=")
                        && line.endsWith(" " + RealXy.REPO.resolve("bin/xy-gui")));
        desktop.openTrayMenu();
        desktop.keys("Up", "Up", "Return");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(autostart));

        // A tray host that goes away does not take the app down; one that comes back gets the icon again.
        desktop.stopTrayer();
        await().atMost(Duration.ofSeconds(15)).until(() -> log().contains("no system tray"));
        assertThat(app.isAlive()).isTrue();
        assertThat(desktop.windowVisible("xy")).isTrue();
        desktop.startTrayer();
        await().atMost(Duration.ofSeconds(30)).until(() -> desktop.trayIcon().isPresent());
        await().atMost(Duration.ofSeconds(15)).until(() -> log().split("tray icon shown", -1).length - 1 >= 2);

        long betaPid = harness.pid("beta");
        desktop.openTrayMenu();
        desktop.keys("Up", "Return"); // Quit xy
        assertThat(app.waitFor(60, TimeUnit.SECONDS))
                .as("the app quit; its log:\n%s", log())
                .isTrue();
        assertThat(app.exitValue()).isZero();
        assertThat(harness.paths().socket()).doesNotExist();
        assertThat(RealXy.isRunning(betaPid))
                .as("the servers it hosted are stopped")
                .isFalse();
    }

    @Test
    void withoutATrayHostTheWindowAppearsSaysSoAndClosingItQuits() throws Exception {
        startApp();
        awaitHosting();
        await().atMost(START).until(() -> desktop.windowVisible("xy"));
        await().atMost(Duration.ofSeconds(15)).until(() -> log().contains("no system tray"));
        long alphaPid = harness.pid("alpha");

        desktop.keysInWindow("xy", "ctrl+w");

        assertThat(app.waitFor(60, TimeUnit.SECONDS))
                .as("the app quit; its log:\n%s", log())
                .isTrue();
        assertThat(app.exitValue()).isZero();
        assertThat(harness.paths().socket()).doesNotExist();
        assertThat(RealXy.isRunning(alphaPid)).isFalse();
    }

    @Test
    void sigtermStopsTheHostedServersRemovesTheSocketAndExitsZero() throws Exception {
        startApp();
        awaitHosting();
        await().atMost(START).until(() -> desktop.windowVisible("xy"));
        long alphaPid = harness.pid("alpha");
        long betaPid = harness.pid("beta");

        app.destroy(); // SIGTERM

        assertThat(app.waitFor(60, TimeUnit.SECONDS))
                .as("the app quit; its log:\n%s", log())
                .isTrue();
        assertThat(app.exitValue()).isZero();
        assertThat(harness.paths().socket()).doesNotExist();
        assertThat(RealXy.isRunning(alphaPid)).isFalse();
        assertThat(RealXy.isRunning(betaPid)).isFalse();
        assertThat(log()).contains("alpha: stopping -> stopped", "beta: stopping -> stopped");
    }
}
