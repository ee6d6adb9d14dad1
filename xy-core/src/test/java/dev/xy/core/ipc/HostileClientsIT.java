package dev.xy.core.ipc;

import static dev.xy.core.ipc.Replies.assertError;
import static dev.xy.core.ipc.Replies.assertNotification;
import static dev.xy.core.ipc.Replies.assertResponse;
import static dev.xy.core.ipc.Replies.assertResult;
import static dev.xy.core.ipc.Replies.id;
import static dev.xy.core.ipc.Replies.nullId;
import static dev.xy.core.ipc.Requests.notification;
import static dev.xy.core.ipc.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.ApiSession;
import dev.xy.core.daemon.Engine;
import dev.xy.core.daemon.EngineProbe;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import dev.xy.core.testing.HostedEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Throws everything at a real daemon's socket: malformed and hostile input, huge batches and lines, clients that
 * never read, crowds, clients that hang up at the worst moment. Every reply must be JSON-RPC 2.0 to the letter,
 * and throughout, a well-behaved client ({@link Watchdog}) must keep getting its {@code list} answered. After
 * every test, the daemon must hold nothing for the clients that have gone: no connection threads, no log
 * forwarders, no state subscriptions.
 *
 * <p>One engine serves the whole class (in this JVM, so its threads and heap can be inspected), with two real
 * children: {@code sleeper} (quiet) and {@code chatty} (started by the tests that need a flood of log lines).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsIT {
    private static final Duration REPLY = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String SENTINEL = "{\"jsonrpc\":\"2.0\",\"id\":\"sentinel\",\"method\":\"version\"}";
    /** About 200 bytes, with a non-Latin-1 character so that the daemon's strings take two bytes a char. */
    private static final String CHATTY_LINE = "some long line… " + "x".repeat(180);

    private static final int ARCHIVE_LINES = 100_000;

    private Path dir;
    private HostedEngine hosted;
    private XyPaths paths;
    private Engine engine;
    private Watchdog watchdog;
    private final List<RawClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    void serve() throws IOException {
        dir = Files.createTempDirectory("xy-hostile"); // short: the socket path must stay under ~107 bytes
        hosted = HostedEngine.in(dir);
        paths = hosted.paths();
        hosted.shellServer("sleeper", "exec sleep 1000", "stop {\n  grace \"2s\"\n}\n");
        // Bursts of 2,000 lines (about 400 KB) ten times a second at most: a flood for a client, little work
        // for the machine.
        hosted.shellServer(
                "chatty",
                "while :; do yes '" + CHATTY_LINE + "' | head -n 2000; sleep 0.1; done",
                "autostart #false\nlogs {\n  max-size \"1MB\"\n  keep 1\n}\n");
        // A history of 100,000 short lines, read back from its file: as notifications, ~12 MB, more than a
        // client's 8 MB outbox.
        hosted.shellServer("archive", "exec sleep 1000", "autostart #false\n");
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < ARCHIVE_LINES; i++) {
            history.append("2026-11-26T14:07:30.123Z stdout ").append(i % 10).append('\n');
        }
        Files.createDirectories(paths.logDir());
        Files.writeString(paths.logDir().resolve("archive.log"), history);
        engine = hosted.serve(Wire.Host.DAEMON);
        await().atMost(SETTLE).until(() -> engine.status("sleeper").state() == ServerState.RUNNING);
    }

    @AfterAll
    void close() throws Exception {
        if (hosted != null) {
            hosted.close();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** What the daemon holds before a test, with the watchdog connected: what it must be back to after it. */
    private int connectionThreads;

    private int forwarders;
    private int subscriptions;

    @BeforeEach
    void startWatchdog() throws IOException {
        watchdog = Watchdog.start(paths.socket(), 3);
        await().atMost(SETTLE).until(() -> watchdog.answered() > 0);
        connectionThreads = threadsNamed("xy-connection-").size();
        forwarders = threadsNamed("xy-follow-").size();
        subscriptions = EngineProbe.stateSubscribers(engine);
    }

    /**
     * After every test: its clients are gone, so the daemon must be back to what it held before (with the
     * watchdog connected, two connection threads: its reader and writer) — no more connection threads, log
     * forwarders or state subscriptions — and the watchdog must have been answered in time throughout.
     */
    @AfterEach
    void nothingIsLeftOfTheClientsAndTheWatchdogWasAnswered() throws Exception {
        clients.forEach(RawClient::close);
        clients.clear();
        if (engine.status("chatty").state() != ServerState.STOPPED) {
            engine.stop(Wire.Target.one("chatty"));
        }
        try {
            await("the daemon holds nothing more for clients that have gone")
                    .atMost(SETTLE)
                    .untilAsserted(() -> {
                        assertThat(threadsNamed("xy-connection-"))
                                .as("connection threads")
                                .hasSize(connectionThreads);
                        assertThat(threadsNamed("xy-follow-"))
                                .as("log forwarders")
                                .hasSize(forwarders);
                        assertThat(EngineProbe.stateSubscribers(engine))
                                .as("state subscriptions")
                                .isEqualTo(subscriptions);
                    });
            watchdog.assertStayedResponsive();
        } finally {
            watchdog.close();
        }
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }

    private RawClient connect() throws IOException {
        RawClient client = RawClient.connect(paths.socket());
        clients.add(client);
        return client;
    }

    private RawClient connectNeverReading() throws IOException {
        RawClient client = RawClient.connectNeverReading(paths.socket());
        clients.add(client);
        return client;
    }

    /** The connection still works, and nothing was sent before the sentinel's answer. */
    private static void assertAnswersTheSentinelNext(RawClient client) throws Exception {
        assertResult(client.call(SENTINEL, REPLY), id("sentinel"));
    }

    private void startChatty() throws Exception {
        engine.start(Wire.Target.one("chatty"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Malformed requests

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.xy.core.ipc.Requests#malformed")
    void aMalformedRequestGetsItsErrorAndTheConnectionStaysUsable(
            String what, String line, int code, JsonNode id, String mentioned) throws Exception {
        RawClient client = connect();
        String message = assertError(client.call(line, REPLY), id, code);
        if (mentioned != null) {
            assertThat(message).contains(mentioned);
        }
        assertAnswersTheSentinelNext(client);
    }

    @Test
    void idsAreEchoedExactlyAsSent() throws Exception {
        RawClient client = connect();
        for (String id : List.of(
                "0",
                "-1",
                "9007199254740993",
                "123456789012345678901234567890",
                "1.5",
                "-0.25",
                "1e400",
                "0.10",
                "100.0",
                "-0",
                "\"\"",
                "\"a \\\"quoted\\\" \\u0000 id ✓\"",
                "null")) {
            JsonNode sent = RawClient.EXACT.readTree(id);
            JsonNode reply = client.call(request(id, "version", null), REPLY);
            assertResult(reply, sent);
            assertThat(reply.get("id").getNodeType())
                    .as("the id's type for %s", id)
                    .isEqualTo(sent.getNodeType());
        }
    }

    @Test
    void notificationsAreExecutedButNeverAnsweredEvenWhenTheyFail() throws Exception {
        RawClient client = connect();
        client.send(notification("list", null))
                .send(notification("version", null))
                .send(notification("status", "{\"name\":\"sleeper\"}"))
                .send(notification("nope", null))
                .send(notification("status", "{\"name\":42}"))
                .send(notification("status", "{\"name\":\"nobody\"}"))
                .send(notification("list", "[1,2]"))
                .send(notification("logs_cancel", "{\"subscription_id\":\"logs-1\"}"))
                .send("[" + notification("list", null) + "," + notification("nope", null) + "]");
        assertAnswersTheSentinelNext(client);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Batches

    @Test
    void aMixedBatchIsAnsweredInOrderLeavingOutNotifications() throws Exception {
        RawClient client = connect();
        String batch = "["
                + String.join(
                        ",",
                        request(1, "list", null),
                        notification("list", null),
                        "42",
                        "{\"foo\":1}",
                        request("\"x\"", "nope", null),
                        request(3, "status", "{\"name\":42}"),
                        "[]",
                        "[" + request(9, "list", null) + "]",
                        notification("nope", null),
                        request(4, "status", "{\"name\":\"sleeper\"}"))
                + "]";
        JsonNode replies = client.call(batch, REPLY);
        assertThat(replies.isArray())
                .as("a batch is answered with an array: %s", replies)
                .isTrue();
        assertThat(replies).hasSize(8);
        assertThat(assertResult(replies.get(0), id(1))).hasSize(3);
        assertError(replies.get(1), nullId(), ErrorCodes.INVALID_REQUEST);
        assertError(replies.get(2), nullId(), ErrorCodes.INVALID_REQUEST);
        assertError(replies.get(3), id("x"), ErrorCodes.METHOD_NOT_FOUND);
        assertThat(assertError(replies.get(4), id(3), ErrorCodes.INVALID_PARAMS))
                .contains("`name`");
        assertError(replies.get(5), nullId(), ErrorCodes.INVALID_REQUEST);
        assertError(replies.get(6), nullId(), ErrorCodes.INVALID_REQUEST);
        assertThat(assertResult(replies.get(7), id(4)).get("name").asText()).isEqualTo("sleeper");
        assertAnswersTheSentinelNext(client);
    }

    @Test
    void emptyNestedAndNotificationOnlyBatches() throws Exception {
        RawClient client = connect();
        assertError(client.call("[]", REPLY), nullId(), ErrorCodes.INVALID_REQUEST);
        assertError(client.call(" [ ] ", REPLY), nullId(), ErrorCodes.INVALID_REQUEST);

        JsonNode nested = client.call("[[]]", REPLY);
        assertThat(nested).hasSize(1);
        assertError(nested.get(0), nullId(), ErrorCodes.INVALID_REQUEST);

        JsonNode numbers = client.call("[1,2,3]", REPLY);
        assertThat(numbers).hasSize(3);
        numbers.forEach(reply -> assertError(reply, nullId(), ErrorCodes.INVALID_REQUEST));

        client.send("[" + notification("list", null) + "," + notification("version", null) + "]");
        assertAnswersTheSentinelNext(client);
    }

    @Test
    void aBatchOfTenThousandIsAnsweredWithOneArrayInOrder() throws Exception {
        RawClient client = connect();
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            requests.add(
                    switch (i % 3) {
                        case 0 -> request(i, "list", null);
                        case 1 -> request(i, "status", "{\"name\":\"sleeper\"}");
                        default -> request(i, "version", null);
                    });
        }
        JsonNode replies = client.call("[" + String.join(",", requests) + "]", REPLY);
        assertThat(replies.isArray()).isTrue();
        assertThat(replies).hasSize(10_000);
        for (int i = 0; i < 10_000; i++) {
            JsonNode result = assertResult(replies.get(i), id(i));
            switch (i % 3) {
                case 0 -> assertThat(result).hasSize(3);
                case 1 -> assertThat(result.get("name").asText()).isEqualTo("sleeper");
                default -> assertThat(result.get("protocol").asInt()).isEqualTo(1);
            }
        }
        assertAnswersTheSentinelNext(client);
    }

    /**
     * The largest batch a line can hold asks for far more than a client's outbox (8 MB): a client that reads its
     * answer must get all of it, not be taken for one that does not read.
     */
    @Test
    void aBatchWhoseAnswerIsLargerThanTheOutboxIsAnsweredInFull() throws Exception {
        RawClient client = connect();
        StringBuilder batch = new StringBuilder("[");
        int count = 0;
        while (batch.length() + 100 < SocketServer.MAX_LINE_BYTES) {
            batch.append(count == 0 ? "" : ",").append(request(count, "status", "{\"name\":\"sleeper\"}"));
            count++;
        }
        batch.append(']');
        client.send(batch.toString());
        String line = client.nextLine(REPLY);
        assertThat(line).as("an answer, not a closed connection").isNotNull();
        assertThat(line.length()).isGreaterThan((int) SocketServer.MAX_OUTBOX_BYTES);
        JsonNode replies = RawClient.EXACT.readTree(line);
        assertThat(replies).hasSize(count);
        for (int i = 0; i < count; i += 997) {
            assertResult(replies.get(i), id(i));
        }
        assertResult(replies.get(count - 1), id(count - 1));
        assertAnswersTheSentinelNext(client);
    }

    /** A stream's notifications go between lines, never inside the line of a batch's answer. */
    @Test
    void notificationsNeverLandInsideABatchAnswer() throws Exception {
        startChatty();
        RawClient client = connect();
        assertResult(client.call(request(0, "logs", "{\"name\":\"chatty\",\"follow\":true}"), REPLY), id(0));
        String batch = "["
                + String.join(",", java.util.Collections.nCopies(3000, request(1, "status", "{\"name\":\"sleeper\"}")))
                + "]";
        for (int round = 0; round < 5; round++) {
            client.send(batch);
            JsonNode message;
            do {
                message = client.next(REPLY); // every line parses: nothing was spliced into another
                if (!message.isArray()) {
                    assertNotification(message);
                }
            } while (!message.isArray());
            assertThat(message).hasSize(3000);
        }
    }

    /**
     * A batch that opens a chatty follow and then asks for more than fits the outbox, sent by a client that never
     * reads: the answer stops at the bound, and the follow's lines, held back until the answer is complete, may
     * not pile up without bound either — the client is cut off.
     */
    @Test
    void aNeverReadBatchThatOpensAChattyFollowIsCutOff() throws Exception {
        startChatty();
        StringBuilder batch = new StringBuilder("[" + request(0, "logs", "{\"name\":\"chatty\",\"follow\":true}"));
        for (int i = 1; batch.length() + 100 < SocketServer.MAX_LINE_BYTES; i++) {
            batch.append(',').append(request(i, "status", "{\"name\":\"sleeper\"}"));
        }
        RawClient client = connectNeverReading();
        client.send(batch.append(']').toString());
        awaitCutOff(List.of(client));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Junk and size limits

    @Test
    void binaryJunkGetsParseErrorsAndTheConnectionStaysUsable() throws Exception {
        RawClient client = connect();
        Random random = new Random(10);
        byte[] junk = new byte[256 * 1024];
        random.nextBytes(junk);
        // Some of what a confused client could send: NULs, invalid UTF-8, a UTF-16 BOM, CRs, lone braces.
        byte[] prefix = {0, 0, 0, '\n', (byte) 0xC0, (byte) 0x80, '\n', (byte) 0xFF, (byte) 0xFE, '{', '\r', '\n'};
        System.arraycopy(prefix, 0, junk, 0, prefix.length);
        int lines = 0;
        for (byte b : junk) {
            lines += b == '\n' ? 1 : 0;
        }
        client.sendBytes(junk).send("").send(SENTINEL);
        int errors = 0;
        while (true) {
            JsonNode message = client.next(REPLY);
            if (message.path("id").asText().equals("sentinel")) {
                assertResult(message, id("sentinel"));
                break;
            }
            assertResponse(message, nullId());
            assertThat(message.get("error").get("code").asInt())
                    .isIn(ErrorCodes.PARSE_ERROR, ErrorCodes.INVALID_REQUEST);
            errors++;
        }
        assertThat(errors).isPositive().isLessThanOrEqualTo(lines + 1);
    }

    @Test
    void aLineAtTheLimitIsAnswered() throws Exception {
        RawClient client = connect();
        String start = "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"status\",\"params\":{\"name\":\"sleeper\"}";
        for (int length : List.of(SocketServer.MAX_LINE_BYTES - 1, SocketServer.MAX_LINE_BYTES)) {
            byte[] line = (start + " ".repeat(length - start.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
            assertThat(line).hasSize(length);
            client.sendBytes(line).sendBytes(new byte[] {'\n'});
            assertThat(assertResult(client.next(REPLY), id("big")).get("name").asText())
                    .isEqualTo("sleeper");
        }
        // Two-byte characters up to the limit: the limit counts bytes, and a character is never split.
        String prefix = "{\"jsonrpc\":\"2.0\",\"id\":\"";
        String suffix = "\",\"method\":\"version\"}";
        int room = SocketServer.MAX_LINE_BYTES - prefix.length() - suffix.length();
        String id = "é".repeat(room / 2);
        client.send(prefix + id + suffix);
        assertResult(client.next(REPLY), id(id));
        assertAnswersTheSentinelNext(client);
    }

    /**
     * Fifty clients each send one request of nearly 1 MB and then stay, idle. What it took to read those lines
     * must not stay with every connection: after a full GC the heap is within 24 MB of where it was. Fifty
     * connections cost about 8 MB here (their 64 KB write buffers, on both sides of the socket, since the
     * clients live in this JVM too); fifty kept read buffers of 1 MB would add 50 MB.
     */
    @Test
    void idleClientsDoNotKeepWhatTheirLargestLineTook() throws Exception {
        String start = "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"version\"";
        String line = start + " ".repeat(SocketServer.MAX_LINE_BYTES - start.length() - 1) + "}";
        List<RawClient> idle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawClient client = connect(); // connections, threads and their buffers exist before measuring
            assertAnswersTheSentinelNext(client);
            idle.add(client);
        }
        long before = heapUsedAfterGc();
        for (int i = 0; i < 50; i++) {
            RawClient client = connect();
            assertResult(client.call(line, REPLY), id("big"));
            idle.add(client);
        }
        long after = heapUsedAfterGc();
        assertThat(after - before)
                .as("heap bytes kept for fifty idle connections")
                .isLessThan(24L << 20);
        for (RawClient client : idle) {
            assertAnswersTheSentinelNext(client);
        }
    }

    @Test
    void aLineOverTheLimitClosesThatConnectionOnly() throws Exception {
        RawClient other = connect();
        RawClient client = connect();
        String start = "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"version\",\"params\":{";
        String line = start + " ".repeat(SocketServer.MAX_LINE_BYTES + 1 - start.length() - 1) + "}";
        assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSize(SocketServer.MAX_LINE_BYTES + 1);
        client.send(line);
        assertClosedAfterAtMostOneError(client);
        assertAnswersTheSentinelNext(other);
        assertAnswersTheSentinelNext(connect());
    }

    @Test
    void aTwentyMegabyteLineSentFastIsCutOffWithoutBeingBuffered() throws Exception {
        RawClient other = connect();
        RawClient client = connect();
        byte[] chunk = new byte[1024 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try {
            for (int i = 0; i < 20; i++) {
                client.sendBytes(chunk);
            }
            client.send("");
        } catch (IOException e) {
            // The daemon hung up while we were still sending: that is the point.
        }
        assertClosedAfterAtMostOneError(client);
        assertAnswersTheSentinelNext(other);
    }

    /** The daemon may say why before hanging up, but must hang up. */
    private static void assertClosedAfterAtMostOneError(RawClient client) throws Exception {
        String line = client.nextLine(REPLY);
        if (line != null) {
            JsonNode error = RawClient.EXACT.readTree(line);
            assertError(error, nullId(), ErrorCodes.INVALID_REQUEST);
            line = client.nextLine(REPLY);
        }
        assertThat(line).as("the connection is closed").isNull();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Clients that do not read

    /**
     * Twenty clients follow the chatty log and never read. Each may cost the daemon its outbox (8 MB of
     * characters: up to 16 MB of heap, since the lines are not Latin-1) before it is cut off, and nothing once it
     * is: until they are all cut off, the heap after a full GC never holds more than their outboxes and 64 MB, and
     * afterwards it is back within 64 MB of where it was — a tenth of what the twenty would hold if their lines
     * were kept. The watchdog checks that the other clients are answered in time throughout.
     */
    @Test
    void clientsThatFollowAChattyLogAndNeverReadAreCutOffAndLeaveNoMemoryBehind() throws Exception {
        startChatty();
        await().atMost(SETTLE).until(() -> engine.tail("chatty", 5000).size() >= 2000);
        long before = heapUsedAfterGc();
        List<RawClient> readers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RawClient client = connectNeverReading();
            client.send(request(i, "logs", "{\"name\":\"chatty\",\"follow\":true,\"tail\":100000}"));
            readers.add(client);
        }
        // Until they are cut off, the daemon may hold no more than what all clients' notifications may take
        // together, plus what a client may take before it counts as behind (two bytes a char), and some room to
        // work in: without the bounds, it would keep every line for them, gigabytes within a minute.
        long outboxes =
                2 * (SocketServer.MAX_NOTIFICATION_BYTES + readers.size() * (NotificationBudget.BEHIND + 64 * 1024));
        await("every client that does not read is cut off")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .failFast(
                        "the daemon holds more than the outboxes of the clients that do not read",
                        () -> heapUsedAfterGc() - before > outboxes + (64L << 20))
                .until(() -> readers.stream().allMatch(RawClient::closedByDaemon));
        awaitCutOff(readers);
        long after = heapUsedAfterGc();
        assertThat(after - before)
                .as("heap bytes kept after the clients were cut off")
                .isLessThan(64L << 20);
    }

    /**
     * A client that sends request after request and never reads an answer: once 8 MB of answers wait for it, the
     * daemon stops reading its requests (its sends block) rather than queue more; when it finally hangs up,
     * nothing of it is left.
     */
    @Test
    void aClientThatNeverReadsItsAnswersIsNoLongerReadFrom() throws Exception {
        RawClient client = connectNeverReading();
        byte[] requests = (String.join(
                                "\n",
                                java.util.Collections.nCopies(1000, request(1, "status", "{\"name\":\"sleeper\"}")))
                        + "\n")
                .getBytes(StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        Thread sender = new Thread(() -> {
            try {
                while (true) {
                    client.sendBytes(requests);
                    sent.addAndGet(requests.length);
                }
            } catch (IOException e) {
                // closed below
            }
        });
        sender.setDaemon(true);
        sender.start();
        // The daemon answers until its 8 MB for this client and the socket's buffers are full, then its reader
        // for this client waits for room (in Connection.answer) instead of reading on.
        await("the daemon stops reading a client that does not read its answers")
                .atMost(SETTLE)
                .until(() -> Thread.getAllStackTraces().entrySet().stream()
                        .anyMatch(e -> e.getKey().getName().endsWith("-reader")
                                && e.getKey().getState() == Thread.State.WAITING
                                && Stream.of(e.getValue())
                                        .anyMatch(f -> f.getMethodName().contains("answer"))));
        assertThat(sent.get()).as("request bytes the daemon took in").isLessThan(64L << 20);
        client.close();
        sender.join(REPLY.toMillis());
        assertThat(sender.isAlive()).isFalse();
    }

    /**
     * Waits until the daemon has closed every one of these clients' connections, and the threads it had for them
     * are gone. Only then reads what is left: reading any earlier would make them readers.
     */
    private void awaitCutOff(List<RawClient> neverReading) throws InterruptedException {
        await("every client that does not read is cut off")
                .atMost(Duration.ofMinutes(2))
                .until(() -> neverReading.stream().allMatch(RawClient::closedByDaemon));
        await().atMost(SETTLE)
                .until(() -> threadsNamed("xy-connection-").size() == connectionThreads
                        && threadsNamed("xy-follow-").size() == forwarders);
        for (RawClient client : neverReading) {
            assertThat(client.drainsToEnd(REPLY))
                    .as("the daemon closed the connection")
                    .isTrue();
        }
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Crowds

    @Test
    void aHundredClientsMakingAHundredCallsEachAtOnceAreAllAnsweredCorrectly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<RawClient> crowd = new ArrayList<>();
            for (int c = 0; c < 100; c++) {
                crowd.add(connect());
            }
            List<Callable<Integer>> work = new ArrayList<>();
            for (RawClient client : crowd) {
                work.add(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (i % 2 == 0) {
                            JsonNode result = assertResult(client.call(request(i, "list", null), REPLY), id(i));
                            assertThat(result)
                                    .extracting(s -> s.get("name").asText())
                                    .containsExactly("archive", "chatty", "sleeper");
                        } else {
                            JsonNode result = assertResult(
                                    client.call(request("\"s" + i + "\"", "status", "{\"name\":\"sleeper\"}"), REPLY),
                                    id("s" + i));
                            assertThat(result.get("name").asText()).isEqualTo("sleeper");
                        }
                    }
                    return 100;
                });
            }
            int answered = 0;
            for (Future<Integer> done : pool.invokeAll(work, 5, TimeUnit.MINUTES)) {
                answered += done.get();
            }
            assertThat(answered).isEqualTo(10_000);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Hanging up at the worst moment

    @Test
    void clientsThatHangUpMidRequestMidBatchOrMidStreamLeaveNothingBehind() throws Exception {
        startChatty();
        String bigBatch = "["
                + String.join(",", java.util.Collections.nCopies(2000, request(1, "status", "{\"name\":\"sleeper\"}")))
                + "]";
        // Answers to write first, so that the daemon finds the client gone while the batch is still being answered,
        // then streams to open after that.
        String followBatch = bigBatch.substring(0, bigBatch.length() - 1) + ","
                + String.join(
                        ",",
                        java.util.Collections.nCopies(
                                50, request(1, "logs", "{\"name\":\"sleeper\",\"follow\":true,\"tail\":0}")))
                + "]";
        for (int round = 0; round < 10; round++) {
            connect()
                    .sendBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"meth".getBytes(StandardCharsets.UTF_8))
                    .close();
            connect()
                    .sendBytes(("[" + request(1, "list", null) + ",{\"jsonrpc\"").getBytes(StandardCharsets.UTF_8))
                    .close();
            connect().send(bigBatch).close();
            connect().send(followBatch).close();
            RawClient flowing = connect();
            flowing.send(request(1, "logs", "{\"name\":\"chatty\",\"follow\":true}"));
            flowing.next(REPLY);
            flowing.close();
            // Streams with nothing to say: the daemon has nothing to write, and must still notice the hang-up.
            RawClient quietFollow = connect();
            assertResult(
                    quietFollow.call(request(1, "logs", "{\"name\":\"sleeper\",\"follow\":true,\"tail\":0}"), REPLY),
                    id(1));
            quietFollow.close();
            RawClient subscriber = connect();
            assertResult(subscriber.call(request(1, "subscribe", null), REPLY), id(1));
            subscriber.close();
            RawClient halfClosed = connect();
            assertResult(halfClosed.call(request(1, "subscribe", null), REPLY), id(1));
            halfClosed.halfClose();
            halfClosed.close();
        }
    }

    @Test
    void aClientThatHangsUpRightAfterStopOrStartStillHasItDone() throws Exception {
        await().atMost(SETTLE).until(() -> engine.status("sleeper").state() == ServerState.RUNNING);
        long first = engine.status("sleeper").pid();
        connect().send(request(1, "stop", "{\"name\":\"sleeper\"}")).close();
        await().atMost(SETTLE).until(() -> engine.status("sleeper").state() == ServerState.STOPPED);
        connect().send(request(1, "start", "{\"name\":\"sleeper\"}")).close();
        await().atMost(SETTLE).until(() -> engine.status("sleeper").state() == ServerState.RUNNING);
        long second = engine.status("sleeper").pid();
        assertThat(second).as("the sleeper's pid after the start").isNotEqualTo(first);
        connect().send(request(1, "restart", "{\"all\":true}")).close();
        // Running already, the sleeper shows the restart only in its pid: a restart that did nothing keeps it.
        await("the sleeper runs under a new pid, and the stopped chatty runs")
                .atMost(SETTLE)
                .until(() -> engine.status("sleeper").state() == ServerState.RUNNING
                        && !Long.valueOf(second).equals(engine.status("sleeper").pid())
                        && engine.status("chatty").state() == ServerState.RUNNING);
    }

    @Test
    void aHalfClosedClientIsAnsweredAndItsLogRunsToItsEnd() throws Exception {
        RawClient client = connect();
        client.send(request(1, "logs", "{\"name\":\"sleeper\",\"tail\":5}")).halfClose();
        JsonNode reply = client.next(REPLY);
        String subscription = assertResult(reply, id(1)).get("subscription_id").asText();
        while (true) {
            JsonNode message = client.next(REPLY);
            assertNotification(message);
            assertThat(message.get("params").get("subscription_id").asText()).isEqualTo(subscription);
            if (message.get("method").asText().equals("log_end")) {
                break;
            }
        }
        assertThat(client.nextLine(REPLY))
                .as("the daemon hangs up once the stream is over")
                .isNull();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Subscriptions belong to their connection

    @Test
    void anotherClientCannotCancelAStreamAndAStreamEndsWithItsConnection() throws Exception {
        RawClient owner = connect();
        String state = assertResult(owner.call(request(1, "subscribe", null), REPLY), id(1))
                .get("subscription_id")
                .asText();
        String logs = assertResult(
                        owner.call(request(2, "logs", "{\"name\":\"sleeper\",\"follow\":true,\"tail\":0}"), REPLY),
                        id(2))
                .get("subscription_id")
                .asText();
        assertThat(EngineProbe.stateSubscribers(engine)).isEqualTo(subscriptions + 1);
        assertThat(threadsNamed("xy-follow-")).hasSize(forwarders + 1);

        RawClient stranger = connect();
        assertThat(assertError(
                        stranger.call(request(1, "unsubscribe", "{\"subscription_id\":\"" + state + "\"}"), REPLY),
                        id(1),
                        ErrorCodes.INVALID_PARAMS))
                .contains(state);
        assertError(
                stranger.call(request(2, "logs_cancel", "{\"subscription_id\":\"" + logs + "\"}"), REPLY),
                id(2),
                ErrorCodes.INVALID_PARAMS);
        assertError(
                stranger.call(request(3, "logs_cancel", "{\"subscription_id\":\"" + state + "\"}"), REPLY),
                id(3),
                ErrorCodes.INVALID_PARAMS);
        assertThat(EngineProbe.stateSubscribers(engine)).isEqualTo(subscriptions + 1);
        assertThat(threadsNamed("xy-follow-")).hasSize(forwarders + 1);

        // The owner's streams still flow: a restart of the sleeper shows in both.
        engine.restart(Wire.Target.one("sleeper"));
        boolean sawState = false;
        boolean sawLog = false;
        while (!(sawState && sawLog)) {
            JsonNode message = owner.next(REPLY);
            assertNotification(message);
            String id = message.get("params").get("subscription_id").asText();
            sawState |= id.equals(state);
            sawLog |= id.equals(logs);
        }

        owner.close(); // the check after each test: both streams end with the connection
    }

    /**
     * One line of a thousand {@code logs} calls must not become a thousand log forwarder threads, nor a thousand
     * tails held in memory until the batch is answered: a connection has at most {@link ApiSession#MAX_STREAMS}
     * streams open, and is told so, clearly, past that.
     */
    @Test
    void aConnectionCannotOpenStreamsWithoutBound() throws Exception {
        RawClient client = connect();
        List<String> follows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            follows.add(request(i, "logs", "{\"name\":\"sleeper\",\"follow\":true,\"tail\":0}"));
        }
        JsonNode replies = client.call("[" + String.join(",", follows) + "]", REPLY);
        assertThat(replies).hasSize(1000);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (i < ApiSession.MAX_STREAMS) {
                opened.add(assertResult(replies.get(i), id(i))
                        .get("subscription_id")
                        .asText());
            } else {
                assertThat(assertError(replies.get(i), id(i), ErrorCodes.TOO_MANY_STREAMS))
                        .contains(String.valueOf(ApiSession.MAX_STREAMS));
            }
        }
        assertThat(threadsNamed("xy-follow-")).hasSize(forwarders + ApiSession.MAX_STREAMS);
        assertError(client.call(request("\"s\"", "subscribe", null), REPLY), id("s"), ErrorCodes.TOO_MANY_STREAMS);

        // Ending one makes room for another, once it has ended (its log_end is out).
        client.send(request("\"c\"", "logs_cancel", "{\"subscription_id\":\"" + opened.get(0) + "\"}"));
        boolean cancelled = false;
        boolean ended = false;
        while (!(cancelled && ended)) { // in either order: the log_end comes from the stream's own thread
            JsonNode message = client.next(REPLY);
            if (message.has("id")) {
                assertResult(message, id("c"));
                cancelled = true;
            } else {
                assertNotification(message);
                assertThat(message.get("method").asText()).isEqualTo("log_end");
                ended = true;
            }
        }
        await().atMost(REPLY).until(() -> client.call(request("\"s2\"", "subscribe", null), REPLY)
                .has("result"));
    }

    /** The same for logs that are only tailed: a tail holds its lines until they are sent. */
    @Test
    void aBatchOfTailsIsCappedToo() throws Exception {
        RawClient client = connect();
        List<String> tails = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tails.add(request(i, "logs", "{\"name\":\"sleeper\",\"tail\":100000}"));
        }
        client.send("[" + String.join(",", tails) + "]");
        JsonNode replies = client.next(REPLY);
        assertThat(replies).hasSize(1000);
        long refused = 0;
        for (int i = 0; i < 1000; i++) {
            JsonNode reply = replies.get(i);
            assertResponse(reply, id(i));
            refused += reply.has("error") ? 1 : 0;
        }
        assertThat(refused).isEqualTo(1000 - ApiSession.MAX_STREAMS);
        int ended = 0;
        while (ended < ApiSession.MAX_STREAMS) {
            JsonNode message = client.next(REPLY);
            assertNotification(message);
            ended += message.get("method").asText().equals("log_end") ? 1 : 0;
        }
        assertResult(
                client.call(request("\"again\"", "logs", "{\"name\":\"sleeper\",\"tail\":0}"), REPLY), id("again"));
    }

    /**
     * A client that reads gets tails of any length, even a batch of them that together take several times its
     * outbox: the tail waits for the client to read, where a stream's notifications would have it cut off.
     */
    @Test
    void aClientThatReadsGetsEveryLineOfABatchOfTailsLargerThanItsOutbox() throws Exception {
        RawClient client = connect();
        String tail = "{\"name\":\"archive\",\"tail\":" + ARCHIVE_LINES + "}";
        client.send(
                "[" + request(1, "logs", tail) + "," + request(2, "logs", tail) + "," + request(3, "logs", tail) + "]");
        assertThat(client.next(REPLY)).hasSize(3).allSatisfy(reply -> assertThat(reply.has("result"))
                .as(reply.toString())
                .isTrue());
        int lines = 0;
        int ended = 0;
        while (ended < 3) {
            String line = client.nextLine(REPLY);
            assertThat(line).as("the daemon hung up after %d lines", lines).isNotNull();
            if (line.contains("\"method\":\"log_end\"")) {
                ended++;
            } else {
                lines++;
            }
        }
        assertThat(lines).isEqualTo(3 * ARCHIVE_LINES);
        assertAnswersTheSentinelNext(client);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Everything at once

    @Test
    void aStormOfHostileClientsAtOnce() throws Exception {
        startChatty();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Callable<Void>> storm = new ArrayList<>();
            storm.add(() -> {
                for (int i = 0; i < 10; i++) {
                    RawClient client = connectNeverReading();
                    client.send(request(i, "logs", "{\"name\":\"chatty\",\"follow\":true,\"tail\":100000}"));
                }
                return null;
            });
            storm.add(() -> {
                Random random = new Random(7);
                for (int i = 0; i < 20; i++) {
                    byte[] junk = new byte[64 * 1024];
                    random.nextBytes(junk);
                    connect().sendBytes(junk).close();
                }
                return null;
            });
            storm.add(() -> {
                for (int i = 0; i < 5; i++) {
                    RawClient client = connect();
                    byte[] chunk = new byte[1024 * 1024];
                    try {
                        for (int k = 0; k < 5; k++) {
                            client.sendBytes(chunk);
                        }
                    } catch (IOException e) {
                        // cut off, as it should be
                    }
                    client.close();
                }
                return null;
            });
            storm.add(() -> {
                String batch =
                        "[" + String.join(",", java.util.Collections.nCopies(5000, request(1, "list", null))) + "]";
                for (int i = 0; i < 5; i++) {
                    RawClient client = connect();
                    assertThat(client.call(batch, REPLY)).hasSize(5000);
                    client.close();
                }
                return null;
            });
            storm.add(() -> {
                String follows = "["
                        + String.join(
                                ",",
                                java.util.Collections.nCopies(
                                        500, request(1, "logs", "{\"name\":\"chatty\",\"follow\":true}")))
                        + "]";
                String statuses = "["
                        + String.join(
                                ",",
                                java.util.Collections.nCopies(2000, request(1, "status", "{\"name\":\"sleeper\"}")))
                        + "]";
                for (int i = 0; i < 5; i++) {
                    connect().send(follows).close(); // a stream bomb, then gone
                    connect().send(statuses).close(); // gone mid-answer
                    connect()
                            .sendBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"met".getBytes(StandardCharsets.UTF_8))
                            .close(); // gone mid-request
                }
                return null;
            });
            for (int c = 0; c < 4; c++) {
                storm.add(() -> {
                    RawClient client = connect();
                    for (int i = 0; i < 200; i++) {
                        assertResult(client.call(request(i, "status", "{\"name\":\"sleeper\"}"), REPLY), id(i));
                    }
                    client.close();
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(storm, 5, TimeUnit.MINUTES)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
