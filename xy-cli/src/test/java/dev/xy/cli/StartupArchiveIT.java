package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.testing.RealXy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing archive that {@code package} records for {@code bin/xy} exists and is really used: the JVM
 * runs with {@code -Xshare:on}, which makes an archive that does not match the class path, the jars or the JVM
 * fail loudly instead of being skipped in silence, and every class that comes from a jar must come from the
 * archive instead, for commands with and without a daemon.
 */
class StartupArchiveIT {
    private static final Path REPO = RealXy.REPO;

    @TempDir
    Path work;

    private record Launch(int exit, String out, String err, List<String> classLoads) {
        /** Classes read from a jar (or class directory) rather than from an archive. */
        List<String> notFromArchive() {
            return classLoads.stream().filter(l -> l.contains("source: file:")).toList();
        }

        long fromTopArchive() {
            return classLoads.stream()
                    .filter(l -> l.contains("source: shared objects file (top)"))
                    .count();
        }

        /**
         * Whether a jar of the class path was opened: the JDK loads its jar loader for the first lookup in one, so
         * a search for a class or resource that is not in the archive (picocli's closures, a service, a resource).
         */
        boolean openedAJarOfTheClassPath() {
            return classLoads.stream().anyMatch(l -> l.contains(" jdk.internal.loader.URLClassPath$JarLoader "));
        }

        boolean fromTopArchive(String className) {
            return classLoads.stream()
                    .anyMatch(l -> l.contains(" " + className + " source: shared objects file (top)"));
        }
    }

    private Launch xy(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/xy").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Path classes = Files.createTempFile(work, "classes", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info:file=" + classes);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("xy finished").isTrue();
        return new Launch(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8),
                Files.readAllLines(classes, StandardCharsets.UTF_8));
    }

    @Test
    void theBuildRecordsTheArchive() {
        assertThat(REPO.resolve("xy-cli/target/xy-cli.jsa")).isRegularFile();
        assertThat(REPO.resolve("xy-cli/target/lib/picocli.jar")).isRegularFile();
    }

    @Test
    void versionAndErrorsLoadEveryClassFromTheArchive() throws Exception {
        Map<String, String> nowhere = Map.of(
                "XDG_CONFIG_HOME", work.resolve("config").toString(),
                "XDG_STATE_HOME", work.resolve("state").toString(),
                "XDG_RUNTIME_DIR", work.toString());

        Launch version = xy(nowhere, "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("xy ");
        assertThat(version.fromTopArchive("dev.xy.cli.Main")).isTrue();
        assertThat(version.fromTopArchive("picocli.CommandLine"))
                .as("picocli's classes are archived (Java 8 class files, built from its sources)")
                .isTrue();
        assertThat(version.notFromArchive()).isEmpty();

        Launch unreachable = xy(nowhere, "list", "--json");
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.out()).contains("daemon_unreachable");
        assertThat(unreachable.notFromArchive()).isEmpty();
        assertThat(unreachable.openedAJarOfTheClassPath()).isFalse();
    }

    @Test
    void clientCommandsAgainstADaemonLoadEveryClassFromTheArchive() throws Exception {
        try (RealXy daemon = new RealXy("xyit")) {
            daemon.writeServer("alpha", daemon.shellServer("exec sleep 1000", ""));
            daemon.startDaemon();
            for (String[] args : List.of(
                    new String[] {"list"},
                    new String[] {"list", "--json"},
                    new String[] {"status", "alpha"},
                    new String[] {"logs", "alpha"})) {
                Launch run = xy(daemon.environment(), args);
                assertThat(run.exit())
                        .as(String.join(" ", args) + ": " + run.err())
                        .isZero();
                assertThat(run.notFromArchive()).as(String.join(" ", args)).isEmpty();
                assertThat(run.fromTopArchive("dev.xy.core.client.DaemonClient"))
                        .isTrue();
                assertThat(run.openedAJarOfTheClassPath())
                        .as(String.join(" ", args) + " searches nothing on the class path")
                        .isFalse();
                assertThat(run.classLoads())
                        .as("the client needs no native library")
                        .noneMatch(l -> l.contains("org.newsclub.net.unix"));
                // Hundreds of xy's, picocli's and jackson-core's classes: the build's archive, not only the JDK's.
                assertThat(run.fromTopArchive()).isGreaterThan(300);
            }
        }
    }
}
