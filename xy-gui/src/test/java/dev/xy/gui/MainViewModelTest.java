package dev.xy.gui;

import static dev.xy.gui.FakeXyApi.summary;
import static dev.xy.gui.FakeXyApi.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.ConfigProblem;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MainViewModelTest {
    private final Calls calls = CurrentThread.calls();
    private final FolderOpener opener = new FolderOpener(List.of("true"));

    private MainViewModel vm(MainViewModel.Connector connector) {
        return new MainViewModel(calls, connector, opener, Optional.empty(), () -> 0);
    }

    private static Backend hosting(FakeXyApi api, List<ConfigProblem> problems, AtomicInteger closed) {
        return new Backend(api, api.info(), true, problems, closed::incrementAndGet);
    }

    @Test
    void hostingSaysSoWithTheServersAndListsStartupProblemsWithTheirPlace() {
        FakeXyApi api = new FakeXyApi(Wire.Host.APP, 7, summary("alpha", ServerState.RUNNING));
        ConfigProblem problem = new ConfigProblem(
                Path.of("/cfg/beta.kdl"), 3, 11, "`autostart` must be #true or #false", Optional.empty());
        MainViewModel vm = vm(() -> hosting(api, List.of(problem), new AtomicInteger()));
        var status = vm.statusLine();

        vm.connect();

        assertThat(status.get()).isEqualTo("hosting · 1 server · 1 running");
        assertThat(vm.problems()).containsExactly("/cfg/beta.kdl:3:11: `autostart` must be #true or #false");
        assertThat(vm.configDirProperty().get()).isEqualTo("/tmp/xy-test/servers");
    }

    @Test
    void attachedSaysToWhomAndALostDaemonOffersToReconnect() {
        FakeXyApi daemon = new FakeXyApi(Wire.Host.DAEMON, 4242, summary("alpha", ServerState.RUNNING));
        FakeXyApi later = new FakeXyApi(Wire.Host.APP, 7);
        AtomicInteger connects = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        MainViewModel vm = vm(() -> connects.incrementAndGet() == 1
                ? new Backend(daemon, daemon.info(), false, List.of(), closed::incrementAndGet)
                : hosting(later, List.of(), new AtomicInteger()));
        var status = vm.statusLine();
        vm.connect();
        assertThat(status.get()).isEqualTo("attached to daemon pid 4242 · 1 server · 1 running");
        vm.details().show("alpha");
        assertThat(vm.details().detailProperty().get()).isNotNull();

        daemon.loseConnection();
        assertThat(vm.lostProperty().get()).isTrue();
        assertThat(status.get()).isEqualTo("lost daemon pid 4242");
        assertThat(calls.feedback().errorProperty().get()).isTrue();
        assertThat(vm.details().detailProperty().get())
                .as("what the details said may be out of date")
                .isNull();
        assertThat(vm.details().errorProperty().get()).isEqualTo("xy went away: the details come back after Reconnect");

        vm.reconnect();
        assertThat(closed.get()).isEqualTo(1);
        assertThat(vm.lostProperty().get()).isFalse();
        assertThat(status.get()).isEqualTo("hosting · 0 servers");
    }

    @Test
    void aStartThatCannotConnectSaysWhy() {
        MainViewModel vm = vm(() -> {
            throw new IOException("the state directory is not writable");
        });

        vm.connect();

        assertThat(vm.modeProperty().get()).isEqualTo("not connected");
        assertThat(calls.feedback().messageProperty().get())
                .isEqualTo("cannot start xy: the state directory is not writable");
    }

    @Test
    void aRefusedReloadListsEachProblemAsFileLineColumn() {
        FakeXyApi api = new FakeXyApi(Wire.Host.APP, 7);
        api.refusals.put(
                "reload",
                new RpcException(
                        ErrorCodes.CONFIG_INVALID,
                        "2 problem(s) in the server configs; nothing changed",
                        List.of(
                                new Wire.Problem("/cfg/a.kdl", 2, 6, "unknown node `prot`; did you mean `port`?"),
                                new Wire.Problem("/cfg/b.kdl", null, null, "cannot read the file"))));
        MainViewModel vm = vm(() -> hosting(api, List.of(), new AtomicInteger()));
        vm.connect();

        vm.reload();

        assertThat(vm.problems())
                .containsExactly(
                        "/cfg/a.kdl:2:6: unknown node `prot`; did you mean `port`?",
                        "/cfg/b.kdl: cannot read the file");
        assertThat(calls.feedback().messageProperty().get())
                .isEqualTo("reload refused: 2 problem(s) in the server configs; nothing changed");
    }

    @Test
    void aGoodReloadClearsTheProblemsAndSaysWhatChanged() {
        FakeXyApi api = new FakeXyApi(Wire.Host.APP, 7);
        api.reloadResult = new Wire.ReloadResult(
                List.of("beta"), List.of(), List.of(), List.of("alpha"), List.of("beta"), List.of(), List.of());
        ConfigProblem problem = ConfigProblem.ofFile(Path.of("/cfg/beta.kdl"), "broken");
        MainViewModel vm = vm(() -> hosting(api, List.of(problem), new AtomicInteger()));
        vm.connect();

        vm.reload();

        assertThat(vm.problems()).isEmpty();
        assertThat(calls.feedback().messageProperty().get())
                .isEqualTo("reloaded: 1 added, 0 removed, 0 changed, 1 unchanged");
    }

    @Test
    void aServerEnteringFailedIsReportedWithItsReason() {
        FakeXyApi api = new FakeXyApi(Wire.Host.APP, 7, summary("alpha", ServerState.RUNNING));
        MainViewModel vm = vm(() -> hosting(api, List.of(), new AtomicInteger()));
        List<String> failures = new ArrayList<>();
        vm.onFailure((name, reason) -> failures.add(name + ": " + reason));
        vm.connect();

        api.emit(transition("alpha", ServerState.RUNNING, ServerState.RESTARTING, "exited with code 1"));
        api.emit(transition("alpha", ServerState.RUNNING, ServerState.FAILED, "crashed 6 times in 60s"));

        assertThat(failures).containsExactly("alpha: crashed 6 times in 60s");
    }

    @Test
    void selectingAServerShowsItsLogAndDetails() {
        FakeXyApi api = new FakeXyApi(Wire.Host.APP, 7, summary("alpha", ServerState.RUNNING));
        MainViewModel vm = vm(() -> hosting(api, List.of(), new AtomicInteger()));
        vm.connect();

        vm.servers().select("alpha");

        assertThat(api.asked).contains("follow alpha tail 500", "status alpha");
        assertThat(vm.details().detailProperty().get().configFile()).isEqualTo("/tmp/xy-test/servers/alpha.kdl");
    }

    @Test
    void shutdownClosesTheBackendAndCancelsTheStreams() {
        FakeXyApi api = new FakeXyApi(Wire.Host.APP, 7, summary("alpha", ServerState.RUNNING));
        AtomicInteger closed = new AtomicInteger();
        MainViewModel vm = vm(() -> hosting(api, List.of(), closed));
        vm.connect();
        vm.servers().select("alpha");

        vm.shutdown().join();

        assertThat(closed.get()).isEqualTo(1);
        assertThat(api.stateSubscriptions.get(0).closed).isTrue();
        assertThat(api.logSubscriptions.get("alpha").closed).isTrue();
    }

    @Test
    void withoutATrayTheAppSaysOnceWhatClosingTheWindowDoes() {
        FakeXyApi api = new FakeXyApi(Wire.Host.DAEMON, 9);
        MainViewModel vm = vm(() -> new Backend(api, api.info(), false, List.of(), () -> {}));
        vm.connect();

        vm.sayNoTray();
        assertThat(vm.noticeProperty().get()).contains("closing this window quits xy (the daemon keeps running)");
        vm.dismissNotice();
        vm.sayNoTray();

        assertThat(vm.noticeProperty().get()).isEmpty();
    }

    @Test
    void aNoTrayNoticeGivenBeforeTheConnectionSaysWhatQuittingDoesOnceAttached() {
        FakeXyApi api = new FakeXyApi(Wire.Host.DAEMON, 9);
        MainViewModel vm = vm(() -> new Backend(api, api.info(), false, List.of(), () -> {}));

        vm.sayNoTray(); // the tray is checked first, before the app has attached
        assertThat(vm.noticeProperty().get()).doesNotContain("stops the servers");
        vm.connect();

        assertThat(vm.noticeProperty().get()).contains("closing this window quits xy (the daemon keeps running)");
    }
}
