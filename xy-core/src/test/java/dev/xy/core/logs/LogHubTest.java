package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
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
        return new LogHub(
                "alpha", new RotatingLogFile(dir.resolve("alpha.log"), 1 << 30, 2), System::currentTimeMillis);
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
    void theRingKeepsAboutOneMegabyte() throws Exception {
        LogHub hub = hub();
        for (int i = 0; i < 100_000; i++) {
            hub.publish(LogStream.STDOUT, "line " + i);
        }
        List<LogLine> tail = hub.tail(Integer.MAX_VALUE);
        assertThat(tail.size()).isBetween(5_000, 20_000);
        assertThat(tail.get(tail.size() - 1).text()).isEqualTo("line 99999");
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
        assertThat(hub.fileFailure()).isPresent();
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
}
