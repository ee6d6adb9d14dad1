package dev.xy.core.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A well-behaved client beside the hostile ones: asks {@code list} again and again on its own connection, and
 * records any answer that does not come within {@link #PATIENCE} or is not a correct list. A responsiveness
 * check, not a benchmark: the patience is generous, so that only a daemon that stalls fails it.
 */
final class Watchdog implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private final RawClient client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final int servers;
    private long nextId;

    private Watchdog(RawClient client, int servers) {
        this.client = client;
        this.servers = servers;
    }

    /** Starts asking; {@code servers} is how many servers every list must show. */
    static Watchdog start(Path socket, int servers) throws IOException {
        Watchdog watchdog = new Watchdog(RawClient.connect(socket), servers);
        watchdog.timer.scheduleWithFixedDelay(watchdog::ask, 0, 50, TimeUnit.MILLISECONDS);
        return watchdog;
    }

    private void ask() {
        if (!failures.isEmpty()) {
            return;
        }
        long id = ++nextId;
        try {
            JsonNode reply = client.call("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"list\"}", PATIENCE);
            JsonNode result = Replies.assertResult(reply, Replies.id(id));
            assertThat(result.size()).isEqualTo(servers);
            answered.incrementAndGet();
        } catch (Throwable e) {
            failures.add("list #" + id + ": " + e);
        }
    }

    /** Stops asking and checks that every list was answered in time, and that there were some. */
    void assertStayedResponsive() throws InterruptedException {
        timer.shutdown();
        assertThat(timer.awaitTermination(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS))
                .as("the watchdog's last call ended")
                .isTrue();
        assertThat(failures)
                .as("list calls that failed or took over " + PATIENCE)
                .isEmpty();
        assertThat(answered.get()).as("list calls answered").isPositive();
    }

    int answered() {
        return answered.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }
}
