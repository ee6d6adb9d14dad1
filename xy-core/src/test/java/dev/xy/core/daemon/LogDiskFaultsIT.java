package dev.xy.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.api.StateListener;
import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.LogStream;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import dev.xy.core.testing.HostedEngine;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under a server's log fails while the server runs: full, its directory removed or unwritable, its
 * rotation impossible. The server runs on, the ring and followers keep every line, the failure is said once (an
 * {@code xy} line, the daemon's log, a {@code changed} event, the status reason), and when the disk is back the
 * file says how many lines it is missing.
 *
 * <p>A full disk is {@code /dev/full} (Linux), which fails every write with ENOSPC: the log file is replaced by a
 * link to it. An unwritable directory is one replaced by a file, which stops root as well as anyone else.
 */
class LogDiskFaultsIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Pattern TICK = Pattern.compile("tick (\\d+)");
    private static final Pattern MISSING =
            Pattern.compile("could not write (\\d+) lines? to \\S+ from .*; writing again");

    @TempDir
    Path dir;

    private HostedEngine hosted;
    private XyPaths paths;
    private Engine engine;
    private final List<Wire.StateEvent> events = new CopyOnWriteArrayList<>();
    private final List<LogLine> followed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        hosted = HostedEngine.in(dir);
        paths = hosted.paths();
    }

    @AfterEach
    void tearDown() throws Exception {
        hosted.close();
    }

    /** A server that prints {@code tick 0}, {@code tick 1}, … every 20 ms, with these extra config lines. */
    private void serveTicker(String extra) throws Exception {
        hosted.shellServer("alpha", "i=0; while :; do echo tick $i; i=$((i+1)); sleep 0.02; done", extra);
        engine = hosted.serve(Wire.Host.APP);
        hosted.closeWith(engine.subscribe(new StateListener() {
            @Override
            public void snapshot(List<Wire.ServerSummary> servers) {}

            @Override
            public void event(Wire.StateEvent event) {
                events.add(event);
            }
        }));
        hosted.closeWith(engine.follow("alpha", 0, followed::add));
        await().atMost(LONG).until(() -> ticksFollowed().size() > 5);
    }

    private Path logFile() {
        return paths.logDir().resolve("alpha.log");
    }

    private List<Integer> ticksFollowed() {
        return ticks(
                followed.stream().filter(l -> l.stream() == LogStream.STDOUT).map(LogLine::text));
    }

    private static List<Integer> ticks(Stream<String> texts) {
        List<Integer> ticks = new ArrayList<>();
        texts.forEach(text -> {
            Matcher tick = TICK.matcher(text);
            if (tick.matches()) {
                ticks.add(Integer.parseInt(tick.group(1)));
            }
        });
        return ticks;
    }

    private List<String> xyFollowed(String containing) {
        return followed.stream()
                .filter(l -> l.stream() == LogStream.XY && l.text().contains(containing))
                .map(LogLine::text)
                .toList();
    }

    private List<String> changes(String containing) {
        return events.stream()
                .filter(e -> e.kind() == Wire.EventKind.CHANGED
                        && e.reason() != null
                        && e.reason().contains(containing))
                .map(Wire.StateEvent::reason)
                .toList();
    }

    private String reason() throws Exception {
        return engine.status("alpha").reason();
    }

    /** The texts of a log file, without timestamps: {@code stdout tick 3}, {@code xy could not write …}. */
    private static List<String> fileLines(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(line -> line.substring(line.indexOf(' ') + 1))
                .toList();
    }

    private static void assertNoGaps(List<Integer> ticks) {
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i)).as("tick after %d", ticks.get(i - 1)).isEqualTo(ticks.get(i - 1) + 1);
        }
    }

    @Test
    void aFullDiskKeepsEveryLineInMemoryIsToldOnceAndTheFileLaterSaysHowManyItMisses() throws Exception {
        serveTicker("");
        Path before = dir.resolve("alpha.log.before-the-disk-filled");
        Files.move(logFile(), before);
        Files.createSymbolicLink(logFile(), Path.of("/dev/full"));

        await().atMost(LONG).until(() -> !xyFollowed("cannot write").isEmpty());
        int ticksAtFailure = ticksFollowed().size();
        assertThat(reason()).contains("cannot write " + logFile(), "No space left on device");
        await().atMost(LONG).until(() -> ticksFollowed().size() > ticksAtFailure + 100); // five seconds of ticks

        Files.delete(logFile()); // the disk has room again
        await().atMost(LONG)
                .until(() -> Files.isRegularFile(logFile())
                        && ticks(fileLines(logFile()).stream().map(l -> l.replaceFirst("^stdout ", "")))
                                        .size()
                                > 5);

        assertThat(engine.status("alpha").state()).isEqualTo(ServerState.RUNNING);
        assertNoGaps(ticksFollowed());
        assertThat(xyFollowed("cannot write")).hasSize(1).first().asString().contains("No space left on device");
        assertThat(changes("cannot write")).hasSize(1);
        assertThat(hosted.daemonLog())
                .filteredOn(l -> l.contains("cannot write"))
                .hasSize(1);
        assertThat(reason()).doesNotContain("cannot write");

        // Every tick is accounted for: in the file written before, counted as missing, or in the new file.
        List<Integer> beforeTicks = ticks(fileLines(before).stream().map(l -> l.replaceFirst("^stdout ", "")));
        List<String> after = fileLines(logFile());
        Matcher missing = MISSING.matcher(after.get(0).replaceFirst("^xy ", ""));
        assertThat(missing.matches())
                .as("first line of the new file: %s", after.get(0))
                .isTrue();
        List<Integer> afterTicks = ticks(after.stream().map(l -> l.replaceFirst("^stdout ", "")));
        assertThat(afterTicks.get(0))
                .isEqualTo(beforeTicks.get(beforeTicks.size() - 1) + Integer.parseInt(missing.group(1)) + 1);
        assertNoGaps(afterTicks);
        assertThat(xyFollowed("could not write")).hasSize(1);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void aRemovedLogDirectoryIsMadeAgainAndSaysSo() throws Exception {
        serveTicker("");

        deleteTree(paths.logDir());

        await().atMost(LONG)
                .until(() -> Files.isRegularFile(logFile())
                        && fileLines(logFile()).stream().anyMatch(l -> l.startsWith("stdout tick ")));
        List<String> lines = fileLines(logFile());
        assertThat(lines.get(0)).startsWith("xy " + logFile() + " was removed or replaced");
        assertThat(xyFollowed("was removed or replaced")).hasSize(1);
        assertThat(hosted.daemonLog())
                .filteredOn(l -> l.contains("was removed or replaced"))
                .hasSize(1);
        assertNoGaps(ticksFollowed());
        assertThat(engine.status("alpha").state()).isEqualTo(ServerState.RUNNING);
    }

    @Test
    void aLogDirectoryThatCannotBeWrittenKeepsLinesInMemoryUntilItCanAgain() throws Exception {
        serveTicker("");
        Path moved = dir.resolve("logs-moved-away");
        Files.move(paths.logDir(), moved);
        Files.writeString(paths.logDir(), "a file where the log directory was\n"); // unwritable, even for root

        await().atMost(LONG).until(() -> !xyFollowed("cannot write").isEmpty());
        assertThat(reason()).contains("cannot write " + logFile());
        int ticksAtFailure = ticksFollowed().size();
        await().atMost(LONG).until(() -> ticksFollowed().size() > ticksAtFailure + 50);

        Files.delete(paths.logDir());
        Files.move(moved, paths.logDir());

        await().atMost(LONG).until(() -> fileLines(logFile()).stream()
                .anyMatch(l -> MISSING.matcher(l.substring(3)).matches()));
        assertNoGaps(ticksFollowed());
        assertThat(xyFollowed("cannot write")).hasSize(1);
        assertThat(engine.status("alpha").state()).isEqualTo(ServerState.RUNNING);
        await().atMost(LONG).untilAsserted(() -> assertThat(reason()).doesNotContain("cannot write"));
    }

    @Test
    void aRotationThatFailsKeepsWritingToTheCurrentFileAndSaysSoOnce() throws Exception {
        serveTicker("logs {\n  max-size \"1KB\"\n  keep 1\n}\n");
        Path rotated = paths.logDir().resolve("alpha.log.1");
        await().atMost(LONG).until(() -> Files.exists(rotated));
        // Rotation replaces alpha.log.1: a directory there, with something in it, cannot be replaced, even by root.
        await().atMost(LONG).until(() -> {
            Files.deleteIfExists(rotated);
            try {
                Files.createDirectories(rotated.resolve("in-the-way"));
                return true;
            } catch (FileAlreadyExistsException rotatedMeanwhile) {
                return false;
            }
        });
        int ticksThen = ticksFollowed().size();

        await().atMost(LONG).until(() -> ticksFollowed().size() > ticksThen + 100);

        List<String> lines = fileLines(logFile());
        assertThat(Files.size(logFile())).isGreaterThan(2048);
        assertNoGaps(ticks(lines.stream().map(l -> l.replaceFirst("^stdout ", ""))));
        assertThat(xyFollowed("cannot rotate")).hasSize(1);
        assertThat(hosted.daemonLog())
                .filteredOn(l -> l.contains("cannot rotate"))
                .hasSize(1);
        assertThat(engine.status("alpha").state()).isEqualTo(ServerState.RUNNING);
    }
}
