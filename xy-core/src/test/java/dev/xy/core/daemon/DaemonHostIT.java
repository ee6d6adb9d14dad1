package dev.xy.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.xy.core.api.LogListener;
import dev.xy.core.api.StateListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.api.XyApi;
import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.LogStream;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import dev.xy.core.testing.FreePorts;
import dev.xy.core.testing.HostedEngine;
import dev.xy.core.testing.RealXy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hosted engine with real child processes, asked through both implementations of {@link XyApi}: in-process
 * and over the socket. Every behaviour is checked on both, because front ends must not tell them apart.
 */
class DaemonHostIT {
    enum Side {
        IN_PROCESS,
        OVER_THE_SOCKET
    }

    @TempDir
    Path dir;

    private HostedEngine hosted;
    private XyPaths paths;
    private Engine engine;

    @BeforeEach
    void setUp() throws IOException {
        hosted = HostedEngine.in(dir);
        paths = hosted.paths();
    }

    @AfterEach
    void tearDown() throws Exception {
        hosted.close();
    }

    private void server(String name, String script, String extra) throws IOException {
        hosted.shellServer(name, script, extra);
    }

    private XyApi serve(Side side) throws IOException {
        engine = hosted.serve(Wire.Host.APP);
        return side == Side.IN_PROCESS ? engine : hosted.client();
    }

    private static ServerState state(XyApi api, String name) throws Exception {
        return api.status(name).state();
    }

    /** Collects what a state subscription hears. */
    private static final class Recorder implements StateListener {
        final List<Wire.ServerSummary> snapshot = new CopyOnWriteArrayList<>();
        final List<Wire.StateEvent> events = new CopyOnWriteArrayList<>();
        final AtomicReference<IOException> lost = new AtomicReference<>();

        @Override
        public void snapshot(List<Wire.ServerSummary> servers) {
            snapshot.addAll(servers);
        }

        @Override
        public void event(Wire.StateEvent event) {
            events.add(event);
        }

        @Override
        public void lost(IOException failure) {
            lost.set(failure);
        }

        List<String> transitionsOf(String name) {
            return events.stream()
                    .filter(e ->
                            e.kind() == Wire.EventKind.TRANSITION && e.name().equals(name))
                    .map(e -> e.from().wireName() + ">" + e.to().wireName())
                    .toList();
        }

        List<String> membership() {
            return events.stream()
                    .filter(e -> e.kind() != Wire.EventKind.TRANSITION)
                    .map(e -> e.kind().name().toLowerCase() + " " + e.name())
                    .toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aSubscriptionGetsTheSnapshotThenEveryTransitionWithTheWholeSummary(Side side) throws Exception {
        server("alpha", "exec sleep 1000", "");
        XyApi api = serve(side);
        await().until(() -> state(api, "alpha") == ServerState.RUNNING);

        Recorder recorder = new Recorder();
        hosted.closeWith(api.subscribe(recorder));
        assertThat(recorder.snapshot).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("alpha");
            assertThat(s.state()).isEqualTo(ServerState.RUNNING);
            assertThat(s.url()).isEqualTo("http://localhost:" + s.port() + "/mcp");
        });

        api.stop(Wire.Target.one("alpha"));
        await().until(() -> recorder.transitionsOf("alpha").size() == 2);
        assertThat(recorder.transitionsOf("alpha")).containsExactly("running>stopping", "stopping>stopped");
        Wire.StateEvent last = recorder.events.get(recorder.events.size() - 1);
        assertThat(last.server().state()).isEqualTo(ServerState.STOPPED);
        assertThat(last.server().pid()).isNull();
        assertThat(last.reason()).contains("exited with signal SIGTERM after stop");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void reloadAnnouncesAddedChangedAndRemovedServers(Side side) throws Exception {
        server("alpha", "exec sleep 1000", "");
        server("beta", "exec sleep 1000", "autostart #false\n");
        XyApi api = serve(side);
        Recorder recorder = new Recorder();
        hosted.closeWith(api.subscribe(recorder));

        Files.delete(paths.configDir().resolve("alpha.kdl"));
        server("beta", "exec sleep 2000", "autostart #false\n");
        server("gamma", "exec sleep 1000", "autostart #false\n");
        Wire.ReloadResult result = api.reload();

        assertThat(result.added()).containsExactly("gamma");
        assertThat(result.removed()).containsExactly("alpha");
        assertThat(result.changed()).containsExactly("beta");
        await().until(() -> recorder.membership().size() == 3);
        assertThat(recorder.membership()).containsExactlyInAnyOrder("added gamma", "removed alpha", "changed beta");
        assertThat(api.list()).extracting(Wire.ServerSummary::name).containsExactly("beta", "gamma");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void reloadStartsAChangedServerThatHadFailedAndReportsWhatCouldNotStart(Side side) throws Exception {
        hosted.config("fixme", "command \"no-such-xy-binary\"\nport " + FreePorts.next() + "\n");
        XyApi api = serve(side);
        await().until(() -> state(api, "fixme") == ServerState.FAILED);

        server("fixme", "exec sleep 1000", "");
        hosted.config("broken", "command \"another-missing-binary\"\nport " + FreePorts.next() + "\n");
        Wire.ReloadResult result = api.reload();

        assertThat(result.started()).containsExactly("fixme");
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("broken");
            assertThat(f.reason()).contains("another-missing-binary");
        });
        assertThat(state(api, "fixme")).isEqualTo(ServerState.RUNNING);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aReloadThatBreaksARunningServerSaysSoAndOneThatFixesItSaysRestarted(Side side) throws Exception {
        server("alpha", "exec sleep 1000", "restart {\n  policy never\n}\n");
        XyApi api = serve(side);
        await().until(() -> state(api, "alpha") == ServerState.RUNNING);

        // Checked over TCP this time: a server that exits at once never becomes ready.
        hosted.config(
                "alpha",
                "command \"/bin/sh\"\nargs \"-c\" \"echo broken >&2; exit 2\"\nport " + FreePorts.next()
                        + "\nhealth {\n  mode \"tcp\"\n}\nrestart {\n  policy never\n}\n");
        Wire.ReloadResult broken = api.reload();
        assertThat(broken.changed()).containsExactly("alpha");
        assertThat(broken.restarted()).isEmpty();
        assertThat(broken.failed()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("alpha");
            assertThat(f.reason()).startsWith("not ready: exited with code 2");
        });

        server("alpha", "exec sleep 999", "restart {\n  policy never\n}\n");
        Wire.ReloadResult fixed = api.reload();
        assertThat(fixed.started()).as("it had failed: started afresh").containsExactly("alpha");
        assertThat(fixed.failed()).isEmpty();

        server("alpha", "exec sleep 998", "restart {\n  policy never\n}\n");
        Wire.ReloadResult changed = api.reload(new Wire.ReloadParams(false));
        assertThat(changed.restarted()).containsExactly("alpha");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aPartlyFailedStartTellsEveryServersOutcomeInTypedData(Side side) throws Exception {
        server("good", "exec sleep 1000", "autostart #false\n");
        server("running", "exec sleep 1000", "");
        hosted.config("missing", RealXy.missingCommandServer());
        XyApi api = serve(side);
        await().until(() -> state(api, "running") == ServerState.RUNNING);

        assertThatThrownBy(() -> api.start(Wire.Target.every())).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.SPAWN_FAILED);
            Wire.StartFailure partial = e.startFailure().orElseThrow();
            assertThat(partial.started()).containsExactly("good");
            assertThat(partial.alreadyRunning()).containsExactly("running");
            assertThat(partial.failed()).extracting(Wire.Failure::name).containsExactly("missing");
        });
        assertThatThrownBy(() -> api.status("nope")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.SERVER_NOT_FOUND);
            assertThat(e.unknownNames()).containsExactly("nope");
        });
        assertThatThrownBy(() -> api.status("runing")).hasMessage("no server named runing; did you mean running?");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void followPassesTheTailThenLiveLinesUntilClosed(Side side) throws Exception {
        server("talker", "echo first; echo second; while read line; do :; done", "");
        XyApi api = serve(side);
        await().until(() ->
                api.tail("talker", 10).stream().anyMatch(l -> l.text().equals("second")));

        List<LogLine> seen = new CopyOnWriteArrayList<>();
        AtomicReference<String> ended = new AtomicReference<>();
        Subscription follow = api.follow("talker", 10, new LogListener() {
            @Override
            public void line(LogLine line) {
                seen.add(line);
            }

            @Override
            public void ended(String reason, IOException failure) {
                ended.set(failure == null ? "cleanly, " + reason : failure.getMessage());
            }
        });
        await().until(() -> seen.stream().anyMatch(l -> l.text().equals("second")));
        assertThat(seen).anySatisfy(l -> assertThat(l.stream()).isEqualTo(LogStream.XY));

        api.restart(Wire.Target.one("talker"));
        await().until(() -> seen.stream().filter(l -> l.text().equals("first")).count() == 2);
        assertThat(seen).allSatisfy(l -> assertThat(l.server()).isEqualTo("talker"));

        follow.close();
        await().until(() -> "cleanly, null".equals(ended.get()));
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aFollowedLogThatEndsByItselfSaysWhy(Side side) throws Exception {
        server("alpha", "exec sleep 1000", "");
        server("beta", "exec sleep 1000", "");
        XyApi api = serve(side);
        Map<String, String> endings = new ConcurrentHashMap<>();
        for (String name : List.of("alpha", "beta")) {
            api.follow(name, 10, new LogListener() {
                @Override
                public void line(LogLine line) {}

                @Override
                public void ended(String reason, IOException failure) {
                    endings.put(name, failure == null ? String.valueOf(reason) : "lost: " + failure.getMessage());
                }
            });
        }

        Files.delete(paths.configDir().resolve("alpha.kdl"));
        api.reload();
        await().until(() -> endings.containsKey("alpha"));
        assertThat(endings).containsExactly(Map.entry("alpha", "removed from the configs"));

        hosted.host().close();
        await().until(() -> endings.containsKey("beta"));
        assertThat(endings.get("beta")).isEqualTo("xy is shutting down");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aReloadWhoseNewLogCannotBeOpenedChangesNothing(Side side) throws Exception {
        server("alpha", "exec sleep 1000", "");
        XyApi api = serve(side);
        await().until(() -> state(api, "alpha") == ServerState.RUNNING);
        long alpha = api.status("alpha").pid();

        Files.delete(paths.configDir().resolve("alpha.kdl"));
        server("beta", "exec sleep 1000", "");
        Files.createDirectories(paths.logDir().resolve("beta.log")); // a directory where its log file should be

        assertThatThrownBy(api::reload).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.CONFIG_INVALID);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).endsWith("beta.log");
                assertThat(p.message()).startsWith("cannot open the log file of beta");
            });
        });
        assertThat(api.list()).extracting(Wire.ServerSummary::name).containsExactly("alpha");
        assertThat(api.status("alpha").pid()).isEqualTo(alpha);

        hosted.host().close();
        await().until(() -> ProcessHandle.of(alpha).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aReloadThatPutsBackARemovedServerWaitsUntilTheOldCopyHasStopped() throws Exception {
        // Ignores SIGTERM, so the reload that removes it waits out its grace before it is gone.
        Path file =
                hosted.shellServer("slow", "trap '' TERM; while :; do sleep 0.1; done", "stop {\n  grace \"2s\"\n}\n");
        String config = Files.readString(file);
        XyApi api = serve(Side.IN_PROCESS);
        await().until(() -> state(api, "slow") == ServerState.RUNNING);
        long oldPid = api.status("slow").pid();
        Recorder recorder = new Recorder();
        hosted.closeWith(api.subscribe(recorder));

        Files.delete(file);
        Thread removing = new Thread(() -> {
            try {
                api.reload();
            } catch (RpcException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        removing.start();
        await().until(() -> recorder.transitionsOf("slow").contains("running>stopping"));
        Files.writeString(file, config);
        Wire.ReloadResult putBack = api.reload();
        removing.join(30_000);

        assertThat(putBack.added()).containsExactly("slow");
        assertThat(putBack.failed()).isEmpty();
        assertThat(ProcessHandle.of(oldPid).filter(ProcessHandle::isAlive))
                .as("the old copy, gone before the new one was taken on")
                .isEmpty();
        assertThat(recorder.membership())
                .filteredOn(event -> !event.startsWith("changed"))
                .containsExactly("removed slow", "added slow");
        assertThat(recorder.events)
                .filteredOn(e -> e.kind() == Wire.EventKind.TRANSITION && e.to() == ServerState.STOPPING)
                .first()
                .extracting(Wire.StateEvent::reason)
                .isEqualTo("removed from the configs");
        await().until(() -> state(api, "slow") == ServerState.RUNNING);
        assertThat(api.status("slow").pid()).isNotEqualTo(oldPid);
    }

    @Test
    void oneConnectionCarriesConcurrentCallsBesideAStream() throws Exception {
        server("alpha", "while :; do echo tick; sleep 0.01; done", "");
        server("beta", "exec sleep 1000", "");
        XyApi api = serve(Side.OVER_THE_SOCKET);
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        hosted.closeWith(api.follow("alpha", 0, lines::add));

        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 8; t++) {
            String name = t % 2 == 0 ? "alpha" : "beta";
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        assertThat(api.status(name).name()).isEqualTo(name);
                        assertThat(api.list()).hasSize(2);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
        assertThat(failures).isEmpty();
        await().until(() -> lines.size() > 3);
    }

    @Test
    void aClientHearsWhenTheHostGoesAway() throws Exception {
        server("alpha", "exec sleep 1000", "");
        XyApi api = serve(Side.OVER_THE_SOCKET);
        Recorder recorder = new Recorder();
        api.subscribe(recorder);

        hosted.host().close();

        await().until(() -> recorder.lost.get() != null);
        assertThat(recorder.transitionsOf("alpha")).contains("running>stopping", "stopping>stopped");
        assertThatThrownBy(api::list).isInstanceOf(IOException.class);
    }

    @Test
    void aHostClosedBeforeItServesServesNothing() throws Exception {
        server("alpha", "exec sleep 1000", "");
        DaemonHost host = DaemonHost.acquire(paths, Wire.Host.APP, line -> {});
        host.close(); // a quit while the app was still loading its configs

        assertThatThrownBy(() -> host.serve(dev.xy.core.config.ConfigLoader.loadDirectory(paths.configDir())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shutting down");
        assertThat(paths.socket()).doesNotExist();
        try (DaemonLock next = DaemonLock.acquire(paths.stateDir().resolve("xy.lock"))) {
            assertThat(next).as("the lock is free for the next host").isNotNull();
        }
    }

    @Test
    void aClosingEngineRefusesCommandsAsShuttingDown() throws Exception {
        server("alpha", "exec sleep 1000", "");
        serve(Side.IN_PROCESS);
        engine.close();
        assertThatThrownBy(() -> engine.start(Wire.Target.one("alpha")))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.SHUTTING_DOWN));
    }

    @Test
    void infoSaysWhoHostsAndWhichConfigsItReads() throws Exception {
        XyApi api = serve(Side.OVER_THE_SOCKET);
        Wire.DaemonInfo info = api.info();
        assertThat(info.host()).isEqualTo(Wire.Host.APP);
        assertThat(info.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(info.configDir()).isEqualTo(paths.configDir().toString());
        assertThat(info.logDir()).isEqualTo(paths.logDir().toString());
    }
}
