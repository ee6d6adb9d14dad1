package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogHubTest {
    @TempDir
    Path dir;

    private LogHub hub() throws IOException {
        return new LogHub("alpha", file(1 << 30, 2), System::currentTimeMillis);
    }

    private RotatingLogFile file(long maxBytes, int keep) throws IOException {
        return new RotatingLogFile(dir.resolve("alpha.log"), maxBytes, keep);
    }

    private static List<String> drain(LogFollower follower) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        Optional<LogLine> line;
        while ((line = follower.poll(Duration.ZERO)).isPresent()) {
            lines.add(line.get().text());
        }
        return lines;
    }

    @Test
    void aFollowerGetsTheTailThenEveryNewLine() throws Exception {
        LogHub hub = hub();
        for (int i = 0; i < 5; i++) {
            hub.publish(LogStream.STDOUT, "old " + i);
        }
        LogFollower follower = hub.follow(2);
        hub.publish(LogStream.STDERR, "new");
        assertThat(drain(follower)).containsExactly("old 3", "old 4", "new");
    }

    @Test
    void aStalledFollowerGetsAMarkerAndHarmsNoOne() throws Exception {
        LogHub hub = hub();
        LogFollower stalled = hub.follow(0);
        LogFollower keen = hub.follow(0);
        int total = 200_000;
        List<String> keenLines = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            hub.publish(LogStream.STDOUT, "line " + i);
            if (i % 1000 == 999) {
                keenLines.addAll(drain(keen));
            }
        }
        keenLines.addAll(drain(keen));
        assertThat(keenLines).hasSize(total).last().isEqualTo("line " + (total - 1));

        List<String> stalledLines = drain(stalled);
        assertThat(stalledLines).last().asString().matches("… \\d+ lines skipped \\(reader too slow\\)");
        assertThat(stalledLines.get(0)).isEqualTo("line 0");
        long skipped = Long.parseLong(stalledLines.get(stalledLines.size() - 1).replaceAll("\\D", ""));
        assertThat(stalledLines.size() - 1 + skipped).isEqualTo(total);
    }

    @Test
    void stalledFollowersTogetherHoldNoMoreThanTheSharedBudgetWhileAKeenOneLosesNothing() throws Exception {
        FollowerBudget budget = new FollowerBudget(512 * 1024);
        LogHub hub = new LogHub("alpha", file(1 << 30, 2), System::currentTimeMillis, budget);
        List<LogFollower> stalled = List.of(hub.follow(0), hub.follow(0), hub.follow(0));
        LogFollower keen = hub.follow(0);
        int total = 50_000;
        List<String> keenLines = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            hub.publish(LogStream.STDOUT, "line " + i + " " + "x".repeat(100));
            if (i % 100 == 99) {
                keenLines.addAll(drain(keen));
            }
            assertThat(budget.taken()).isLessThanOrEqualTo(512 * 1024);
        }
        keenLines.addAll(drain(keen));
        assertThat(keenLines).as("within its own allowance: nothing skipped").hasSize(total);
        assertThat(budget.taken()).as("the stalled ones hold it all").isGreaterThan(400 * 1024);

        List<String> first = drain(stalled.get(0));
        assertThat(first).last().asString().matches("… \\d+ lines skipped \\(reader too slow\\)");
        long skipped = Long.parseLong(first.get(first.size() - 1).replaceAll("\\D", ""));
        assertThat(first.size() - 1 + skipped).isEqualTo(total);
        stalled.get(1).close();
        stalled.get(2).close();
        assertThat(budget.taken()).as("given back as readers catch up or go").isZero();
    }

    @Test
    void theRingLinesAFollowAsksForAreKeptEvenWhenOthersHoldTheWholeBudget() throws Exception {
        FollowerBudget budget = new FollowerBudget(64 * 1024);
        LogHub hub = new LogHub("alpha", file(1 << 30, 2), System::currentTimeMillis, budget);
        LogFollower stalled = hub.follow(0);
        for (int i = 0; i < 2000; i++) {
            hub.publish(LogStream.STDOUT, "line " + i + " " + "x".repeat(480));
        }
        assertThat(budget.taken()).as("the stalled follower holds it all").isGreaterThan(60 * 1024);

        // Like the app's 500 lines when a server is selected: 400 lines of ~490 bytes, all in the ring, more than
        // a follower's own allowance in memory.
        List<String> lines = drain(hub.follow(400));

        assertThat(lines).hasSize(400).noneMatch(l -> l.startsWith("…"));
        assertThat(lines.get(0)).startsWith("line 1600 ");
        assertThat(lines.get(399)).startsWith("line 1999 ");
        stalled.close();
    }

    @Test
    void theMarkerStandsWhereTheLinesWereDropped() throws Exception {
        LogHub hub = hub();
        LogFollower follower = hub.follow(0);
        String big = "x".repeat(1024 * 1024);
        for (int i = 0; i < 4; i++) {
            hub.publish(LogStream.STDOUT, big); // about 2 MB each in memory: the second one no longer fits
        }
        assertThat(drain(follower)).hasSize(2).last().asString().startsWith("… 3 lines skipped");
        hub.publish(LogStream.STDOUT, "after");
        assertThat(drain(follower)).containsExactly("after");
    }

    @Test
    void theRingKeepsTheNewestLinesWithinItsBudget() throws Exception {
        LogHub hub = hub();
        for (int i = 0; i < 100_000; i++) {
            hub.publish(LogStream.STDOUT, "line " + i);
        }
        List<LogLine> tail = hub.tail(8_000);
        assertThat(tail).hasSize(8_000); // 256 KB at 23 bytes a line: ~11,000
        assertThat(tail.get(tail.size() - 1).text()).isEqualTo("line 99999");
    }

    @Test
    void aTailLongerThanTheRingReadsBackIntoTheFileOfEarlierRuns() throws Exception {
        long[] now = {1_764_165_000_000L};
        try (LogHub firstRun = new LogHub("alpha", file(1 << 30, 2), () -> now[0]++)) {
            for (int i = 0; i < 10; i++) {
                firstRun.publish(i % 2 == 0 ? LogStream.STDOUT : LogStream.STDERR, "first run " + i);
            }
            firstRun.publish(LogStream.XY, "exited with signal SIGTERM");
        }
        LogHub secondRun = new LogHub("alpha", file(1 << 30, 2), () -> now[0]++);
        secondRun.publish(LogStream.XY, "started pid 7");
        secondRun.publish(LogStream.STDOUT, "second run");

        List<LogLine> tail = secondRun.tail(5);

        assertThat(tail)
                .extracting(LogLine::stream, LogLine::text)
                .containsExactly(
                        tuple(LogStream.STDOUT, "first run 8"),
                        tuple(LogStream.STDERR, "first run 9"),
                        tuple(LogStream.XY, "exited with signal SIGTERM"),
                        tuple(LogStream.XY, "started pid 7"),
                        tuple(LogStream.STDOUT, "second run"));
        assertThat(tail).extracting(LogLine::tsUnixMs).isSorted().doesNotHaveDuplicates();
        assertThat(tail.get(0).tsUnixMs()).isEqualTo(1_764_165_000_008L);
        assertThat(secondRun.tail(100)).hasSize(13);
    }

    @Test
    void theReadBackGoesThroughRotatedFilesNewestFirstWithoutGapsOrRepeats() throws Exception {
        try (LogHub firstRun = new LogHub("alpha", file(1024, 50), System::currentTimeMillis)) {
            for (int i = 0; i < 500; i++) {
                firstRun.publish(LogStream.STDOUT, "line " + i);
            }
        }
        LogHub secondRun = new LogHub("alpha", file(1024, 50), System::currentTimeMillis);
        for (int i = 500; i < 600; i++) {
            secondRun.publish(LogStream.STDOUT, "line " + i); // rotates a few more times meanwhile
        }
        assertThat(dir.resolve("alpha.log.20")).exists();

        List<String> tail = secondRun.tail(450).stream().map(LogLine::text).toList();

        assertThat(tail).hasSize(450);
        for (int i = 0; i < 450; i++) {
            assertThat(tail.get(i)).isEqualTo("line " + (150 + i));
        }
    }

    @Test
    void aFollowerAfterARestartGetsTheHistoryBeforeTheRingAndNewLines() throws Exception {
        try (LogHub firstRun = hub()) {
            firstRun.publish(LogStream.STDOUT, "old 1");
            firstRun.publish(LogStream.STDOUT, "old 2");
        }
        LogHub secondRun = hub();
        secondRun.publish(LogStream.STDOUT, "new 1");
        LogFollower follower = secondRun.follow(3);
        secondRun.publish(LogStream.STDOUT, "new 2");

        assertThat(drain(follower)).containsExactly("old 1", "old 2", "new 1", "new 2");
    }

    @Test
    void aHugeTailReadsAtMostTheHistoryBudgetFromTheEndOfABigFile() throws Exception {
        Path path = dir.resolve("alpha.log");
        String filler = "x".repeat(1000);
        try (var out = Files.newBufferedWriter(path)) {
            for (int i = 0; i < 24_000; i++) { // 24 MB, more than the budget
                out.write("2025-11-26T13:50:00.123Z stdout " + i + " " + filler + "\n");
            }
        }
        LogHub hub = hub();

        List<LogLine> tail = hub.tail(Integer.MAX_VALUE);

        long bytes = tail.stream().mapToLong(l -> l.text().length() + 33L).sum();
        assertThat(bytes).isLessThanOrEqualTo(LogHub.HISTORY_BYTES).isGreaterThan(LogHub.HISTORY_BYTES - 2000);
        assertThat(tail.get(tail.size() - 1).text()).startsWith("23999 ");
        assertThat(tail.get(0).text()).isEqualTo(24_000 - tail.size() + " " + filler);
    }

    @Test
    void afterALineMissedTheFileTheTailIsTheRingAlone() throws Exception {
        try (LogHub firstRun = hub()) {
            firstRun.publish(LogStream.STDOUT, "old");
        }
        LogHub hub = hub();
        hub.file().close();
        hub.publish(LogStream.STDOUT, "x".repeat(100_000)); // fails: the file's end no longer matches the ring

        assertThat(hub.tail(10)).extracting(LogLine::text).doesNotContain("old").hasSize(2);
    }

    @Test
    void aFailingDiskIsReportedOnceAndLoggingGoesOnInMemory() throws Exception {
        LogHub hub = hub();
        hub.file().close(); // writes that reach the file now fail, as on a full or vanished disk
        String big = "x".repeat(100_000); // larger than the file's buffer, so it is written through at once
        hub.publish(LogStream.STDOUT, big);
        hub.publish(LogStream.STDOUT, big);
        List<String> texts = hub.tail(10).stream().map(LogLine::text).toList();
        assertThat(texts)
                .filteredOn(t -> t.startsWith("cannot write " + dir.resolve("alpha.log")))
                .hasSize(1);
        assertThat(texts).filteredOn(big::equals).hasSize(2);
        assertThat(hub.fileTrouble())
                .hasValueSatisfying(t -> assertThat(t).startsWith("cannot write " + dir.resolve("alpha.log")));
    }

    @Test
    void anXyEventIsOnDiskAtOnceWhileChildOutputWaitsInTheBuffer() throws Exception {
        LogHub hub = hub();
        hub.publish(LogStream.STDOUT, "child output");
        assertThat(Files.readString(hub.file().path())).isEmpty();

        hub.publish(LogStream.XY, "exited with code 3");

        assertThat(Files.readAllLines(hub.file().path()))
                .hasSize(2)
                .last()
                .asString()
                .endsWith(" xy exited with code 3");
    }

    @Test
    void closingAFollowerWakesItsReader() throws Exception {
        LogHub hub = hub();
        LogFollower follower = hub.follow(0);
        CompletableFuture<Optional<LogLine>> polled = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                polled.complete(follower.poll(Duration.ofSeconds(60)));
            } catch (InterruptedException e) {
                polled.completeExceptionally(e);
            }
        });
        reader.start();
        // Close only once the reader is really waiting inside poll: only then is there anyone to wake.
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.TIMED_WAITING);

        follower.close();

        assertThat(polled.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aFollowerOfALogThatHasEndedGetsItsLinesThenItsEnd() throws Exception {
        LogHub hub = hub();
        hub.publish(LogStream.STDOUT, "last words");
        hub.close(); // a server removed or xy stopping, just as a client asks to follow it

        LogFollower follower = hub.follow(10);

        assertThat(follower.poll(Duration.ofSeconds(5)).map(LogLine::text)).hasValue("last words");
        assertThat(follower.isClosed())
                .as("nothing more will come: it has ended")
                .isTrue();
    }

    @Test
    void followersShareOneBudgetForHistoryAndGiveItBackOnceItIsPassedOn() throws Exception {
        try (LogHub firstRun = hub()) {
            firstRun.publish(LogStream.STDOUT, "old 1");
            firstRun.publish(LogStream.STDOUT, "old 2");
        }
        // Room for one history being read (taken at the most two lines can take until they are read), not two.
        FollowerBudget budget = new FollowerBudget(2 * LogLine.MAX_FOOTPRINT);
        LogHub hub = new LogHub("alpha", file(1 << 30, 2), System::currentTimeMillis, budget);
        hub.publish(LogStream.STDOUT, "new 1");

        LogFollower first = hub.follow(3);
        long twoLines = budget.taken();
        assertThat(twoLines)
                .as("once read, what its two lines take is held until they are passed on")
                .isEqualTo(LogLine.footprint(List.of(
                        new LogLine("alpha", LogStream.STDOUT, "old 1", 0),
                        new LogLine("alpha", LogStream.STDOUT, "old 2", 0))));
        LogFollower second = hub.follow(3);
        assertThat(drain(second))
                .as("no room: the ring's lines, after one saying what was left out")
                .containsExactly(
                        "… up to 2 earlier lines left out: what xy keeps for followers is taken by others just"
                                + " now (slow ones, or long histories); ask again in a moment",
                        "new 1");

        assertThat(first.poll(Duration.ZERO).map(LogLine::text)).hasValue("old 1");
        assertThat(budget.taken()).isEqualTo(twoLines);
        assertThat(first.poll(Duration.ZERO).map(LogLine::text)).hasValue("old 2");
        assertThat(budget.taken()).as("the last line of history passed on").isZero();

        LogFollower third = hub.follow(3);
        third.close();
        assertThat(budget.taken())
                .as("a follower closed before its history went gives it back")
                .isZero();
        assertThat(drain(hub.follow(3))).containsExactly("old 1", "old 2", "new 1");
    }
}
