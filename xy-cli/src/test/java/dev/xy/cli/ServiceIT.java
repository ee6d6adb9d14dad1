package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import dev.xy.core.testing.RealXy.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code xy service} through the real launcher, in a temporary home: the unit it writes runs this build's
 * daemon for real; {@code systemctl} is a script recording its arguments, as this machine has no user systemd.
 */
class ServiceIT {
    private RealXy xy;
    private Path bin;
    private Path calls;

    @BeforeEach
    void setUp() throws Exception {
        xy = new RealXy("xyit");
        bin = Files.createDirectories(xy.root.resolve("bin"));
        calls = xy.root.resolve("calls.txt");
    }

    @AfterEach
    void tearDown() throws Exception {
        xy.close();
    }

    private void fakeSystemctl(String then) throws IOException {
        Path script = Files.writeString(
                bin.resolve("systemctl"), "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n" + then + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(xy.environment());
        env.put("HOME", xy.root.toString());
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        return env;
    }

    private Run service(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(RealXy.REPO.resolve("bin/xy").toString(), "service"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(xy.root, "out", ".txt");
        Path err = Files.createTempFile(xy.root, "err", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path unit() {
        return xy.root.resolve("cfg/systemd/user/xy.service");
    }

    @Test
    void installWritesAUnitThatRunsThisDaemonAndEnablesIt() throws Exception {
        fakeSystemctl("exit 0");
        xy.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));

        Run install = service("install");

        assertThat(install.exit()).as(install.err()).isZero();
        assertThat(install.out())
                .startsWith("wrote " + unit() + "\n")
                .contains("ran: systemctl --user daemon-reload\n", "ran: systemctl --user enable --now xy.service\n");
        assertThat(Files.readAllLines(calls)).containsExactly("--user daemon-reload", "--user enable --now xy.service");
        List<String> execStart = line(unit(), "ExecStart=");
        assertThat(execStart).hasSize(1);
        List<String> words = Arrays.asList(execStart.get(0).split(" "));
        assertThat(Path.of(words.get(0))).isAbsolute().isExecutable().hasFileName("java");
        List<String> expected = new ArrayList<>(DaemonLaunch.jvmOptions(null));
        expected.addAll(
                List.of("-jar", RealXy.REPO.resolve("xy-cli/target/xy-cli.jar").toString(), "daemon"));
        assertThat(words.subList(1, words.size())).containsExactlyElementsOf(expected);

        // What systemd would do: run ExecStart with the unit's environment. The CLI must then find that daemon.
        Process daemon = startAsSystemdWould();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> xy.xy("list").exit() == 0);
            assertThat(xy.state("alpha")).isEqualTo("running");
        } finally {
            daemon.destroy();
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Run status = service("status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).startsWith("installed: " + unit() + "\n");

        Run uninstall = service("uninstall");
        assertThat(uninstall.exit()).as(uninstall.err()).isZero();
        assertThat(unit()).doesNotExist();
        assertThat(uninstall.out()).contains("removed " + unit());
        assertThat(Files.readAllLines(calls))
                .endsWith(
                        "--user status --no-pager xy.service",
                        "--user disable --now xy.service",
                        "--user daemon-reload");
    }

    @Test
    void withoutAUserSystemdTheUnitIsStillWrittenAndTheCommandsToRunAreSaid() throws Exception {
        fakeSystemctl("echo 'Failed to connect to bus: No medium found' >&2; exit 1"); // as on this machine

        Run install = service("install");

        assertThat(install.exit()).isEqualTo(1);
        assertThat(unit()).exists();
        assertThat(install.out()).isEqualTo("wrote " + unit() + "\n");
        assertThat(install.err())
                .contains("Failed to connect to bus: No medium found")
                .contains("not enabled")
                .endsWith("  systemctl --user daemon-reload\n  systemctl --user enable --now xy.service\n");
    }

    /** The unit's ExecStart, run with only its Environment= lines (plus HOME), as systemd would. */
    private Process startAsSystemdWould() throws IOException {
        List<String> command = Arrays.asList(line(unit(), "ExecStart=").get(0).split(" "));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(xy.root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(xy.root.resolve("service.log").toFile());
        builder.environment().clear();
        builder.environment().put("HOME", xy.root.toString());
        for (String assignment : line(unit(), "Environment=")) {
            String[] pair = assignment.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        return builder.start();
    }

    private static List<String> line(Path file, String key) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith(key))
                .map(l -> l.substring(key.length()))
                .toList();
    }
}
