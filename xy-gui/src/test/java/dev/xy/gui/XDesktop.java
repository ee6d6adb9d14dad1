package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real X display for desktop tests: its own {@code Xvfb}, optionally a real XEmbed tray host ({@code trayer}),
 * and {@code xdotool}/{@code xwininfo} to look and click as a person would. Missing tools fail the test with
 * what to install: these tests never skip.
 */
final class XDesktop implements AutoCloseable {
    private static final List<String> TOOLS = List.of("Xvfb", "trayer", "xdotool", "xwininfo");
    private static final Pattern EMBEDDED =
            Pattern.compile("\"JavaEmbeddedFrame\".*?(\\d+)x(\\d+)\\+-?\\d+\\+-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

    /** Where the tray icon is on screen. */
    record Box(int x, int y, int width, int height) {
        int centreX() {
            return x + width / 2;
        }

        int centreY() {
            return y + height / 2;
        }
    }

    private final Process xvfb;
    private final String display;
    private Process trayer;

    private XDesktop(Process xvfb, String display) {
        this.xvfb = xvfb;
        this.display = display;
    }

    static XDesktop start() throws IOException {
        for (String tool : TOOLS) {
            if (!onPath(tool)) {
                fail(tool + " is needed for the desktop tests and is not installed: apt-get install xvfb trayer"
                        + " xdotool x11-utils libgtk-3-0 (.ci/run installs them)");
            }
        }
        // -displayfd: Xvfb picks a free display itself and prints its number once it accepts clients.
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1400x900x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
        String number = out.readLine();
        if (number == null || !number.trim().matches("\\d+")) {
            xvfb.destroyForcibly();
            fail("Xvfb did not start (it printed " + number + ")");
        }
        return new XDesktop(xvfb, ":" + number.trim());
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    String display() {
        return display;
    }

    Map<String, String> environment() {
        return Map.of("DISPLAY", display);
    }

    /** Starts a tray host and waits until it shows its panel. */
    void startTrayer() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "trayer",
                        "--edge",
                        "top",
                        "--align",
                        "right",
                        "--widthtype",
                        "pixel",
                        "--width",
                        "200",
                        "--height",
                        "24",
                        "--transparent",
                        "false")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        trayer = builder.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> tree().contains("(\"panel\" \"trayer\")"));
    }

    void stopTrayer() throws InterruptedException {
        trayer.destroy();
        assertThat(trayer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    String tree() throws IOException, InterruptedException {
        return run("xwininfo", "-root", "-tree");
    }

    /** Where the app's icon sits in the tray, once it does. */
    Optional<Box> trayIcon() throws IOException, InterruptedException {
        Matcher m = EMBEDDED.matcher(tree());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Box(
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2))));
    }

    /** Right-clicks the icon and waits for its menu, which then has the keyboard. */
    void openTrayMenu() throws Exception {
        Box icon = await().atMost(Duration.ofSeconds(30))
                .until(this::trayIcon, Optional::isPresent)
                .orElseThrow();
        run("xdotool", "mousemove", Integer.toString(icon.centreX()), Integer.toString(icon.centreY()), "click", "3");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> exit("xdotool", "search", "--onlyvisible", "--name", "XPopupMenuPeer") == 0);
    }

    /** Presses keys, as xdotool names them ({@code Down}, {@code Return}, {@code ctrl+w}). */
    void keys(String... keys) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool", "key", "--delay", "150"));
        command.addAll(List.of(keys));
        run(command.toArray(String[]::new));
    }

    boolean windowVisible(String title) throws IOException, InterruptedException {
        return exit("xdotool", "search", "--onlyvisible", "--name", "^" + title + "$") == 0;
    }

    /** Gives the window the keyboard (there is no window manager to do it) and presses keys in it. */
    void keysInWindow(String title, String... keys) throws IOException, InterruptedException {
        String id = run("xdotool", "search", "--onlyvisible", "--name", "^" + title + "$")
                .lines()
                .findFirst()
                .orElseThrow();
        run("xdotool", "windowfocus", "--sync", id.trim());
        keys(keys);
    }

    String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        return out;
    }

    int exit(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (trayer != null && trayer.isAlive()) {
            trayer.destroy();
            trayer.waitFor(10, TimeUnit.SECONDS);
        }
        xvfb.destroy();
        if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly();
        }
    }
}
