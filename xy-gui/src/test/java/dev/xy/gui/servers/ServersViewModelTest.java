package dev.xy.gui.servers;

import static dev.xy.gui.FakeXyApi.summary;
import static dev.xy.gui.FakeXyApi.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import dev.xy.gui.Calls;
import dev.xy.gui.CurrentThread;
import dev.xy.gui.FakeXyApi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServersViewModelTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Calls calls = CurrentThread.calls();
    private final ServersViewModel vm = new ServersViewModel(calls, clock::get);
    private final FakeXyApi api = new FakeXyApi(
            Wire.Host.APP, 1, summary("beta", ServerState.STOPPED), summary("alpha", ServerState.RUNNING));

    private List<String> shown() {
        return vm.rows().stream()
                .map(r -> r.name() + "=" + StateLook.of(r.state()).word())
                .toList();
    }

    @Test
    void theSnapshotFillsTheTableInNameOrder() {
        vm.bind(api);

        assertThat(shown()).containsExactly("alpha=running", "beta=stopped");
    }

    @Test
    void eventsChangeAddAndRemoveRowsWithoutAskingAgain() {
        vm.bind(api);
        api.emit(transition("alpha", ServerState.RUNNING, ServerState.STOPPED, "stopped by request"));
        api.emit(new Wire.StateEvent(
                null,
                Wire.EventKind.ADDED,
                "aaron",
                null,
                ServerState.STOPPED,
                0,
                "added",
                summary("aaron", ServerState.STOPPED)));
        api.emit(new Wire.StateEvent(null, Wire.EventKind.REMOVED, "beta", null, null, 0, "removed", null));

        assertThat(shown()).containsExactly("aaron=stopped", "alpha=stopped");
        assertThat(api.asked).containsExactly("subscribe");
    }

    @Test
    void aRowKeepsItsIdentitySoTheTableKeepsItsSelection() {
        vm.bind(api);
        ServerRow before = vm.row("alpha").orElseThrow();
        vm.select("alpha");

        api.emit(transition("alpha", ServerState.RUNNING, ServerState.FAILED, "exited with code 1"));

        assertThat(vm.row("alpha")).containsSame(before);
        assertThat(vm.selectedProperty().get()).isSameAs(before);
        assertThat(vm.selectedSummaryProperty().get().state()).isEqualTo(ServerState.FAILED);
    }

    @Test
    void startAndStopApplyToTheSelectionByItsState() {
        vm.bind(api);
        var canStart = vm.canStart();
        var canStop = vm.canStop();
        assertThat(canStart.get()).isFalse();
        assertThat(canStop.get()).isFalse();

        vm.select("alpha");
        assertThat(canStop.get()).isTrue();
        assertThat(canStart.get()).isFalse();

        api.emit(transition("alpha", ServerState.RUNNING, ServerState.STOPPED, "stopped by request"));
        assertThat(canStop.get()).isFalse();
        assertThat(canStart.get()).isTrue();
    }

    @Test
    void actionsAskTheApiForTheSelectedServerAndSayWhatHappened() {
        vm.bind(api);
        vm.select("alpha");

        vm.stopSelected();
        assertThat(calls.feedback().messageProperty().get()).isEqualTo("stopped alpha");
        vm.restartSelected();
        vm.startAll();
        vm.stopAll();

        assertThat(api.asked).containsExactly("subscribe", "stop alpha", "restart alpha", "start --all", "stop --all");
    }

    @Test
    void aRefusalIsShownAsAnError() {
        api.refusals.put(
                "start beta",
                new RpcException(ErrorCodes.PORT_CONFLICT, "cannot start beta: port 3004 held by node (pid 977)"));
        vm.bind(api);

        vm.start("beta");

        assertThat(calls.feedback().errorProperty().get()).isTrue();
        assertThat(calls.feedback().messageProperty().get())
                .isEqualTo("start beta: cannot start beta: port 3004 held by node (pid 977)");
    }

    @Test
    void uptimeTicksFromTheLastReportWithoutAskingAgain() {
        vm.bind(api);
        ServerRow alpha = vm.row("alpha").orElseThrow();
        var uptime = alpha.uptimeText();
        assertThat(uptime.get()).isEqualTo("10s");

        clock.addAndGet(65_000);
        vm.tick();

        assertThat(uptime.get()).isEqualTo("1m15s");
        assertThat(vm.row("beta").orElseThrow().uptimeText().get()).isEmpty();
        assertThat(api.asked).containsExactly("subscribe");
    }

    @Test
    void aNewBindingClosesTheOldStreamAndIgnoresItsEvents() {
        vm.bind(api);
        FakeXyApi other = new FakeXyApi(Wire.Host.DAEMON, 2, summary("gamma", ServerState.RUNNING));

        vm.bind(other);
        api.emit(transition("alpha", ServerState.RUNNING, ServerState.FAILED, "late event"));

        assertThat(api.stateSubscriptions.get(0).closed).isTrue();
        assertThat(shown()).containsExactly("gamma=running");
    }

    @Test
    void observersHearEventsAndALostConnection() {
        List<String> heard = new ArrayList<>();
        vm.onEvent(e -> heard.add(e.name() + " " + e.to()));
        vm.onLost(e -> heard.add("lost: " + e.getMessage()));
        vm.bind(api);

        api.emit(transition("alpha", ServerState.RUNNING, ServerState.FAILED, "exited with code 1"));
        api.loseConnection();

        assertThat(heard).containsExactly("alpha FAILED", "lost: connection reset");
    }

    @Test
    void theSummarySaysHowManyRunAndFailed() {
        vm.bind(api);
        var summary = vm.summaryText();
        assertThat(summary.get()).isEqualTo("2 servers · 1 running");

        api.emit(transition("beta", ServerState.STARTING, ServerState.FAILED, "port held"));

        assertThat(summary.get()).isEqualTo("2 servers · 1 running · 1 failed");
    }

    @Test
    void runningServersCountAsReadyOrNotReadyByTheirHealthCheck() {
        javafx.beans.property.SimpleLongProperty now = new javafx.beans.property.SimpleLongProperty(0);
        java.util.function.BiFunction<ServerState, Boolean, ServerRow> row = (state, ready) -> {
            Wire.ServerSummary base = FakeXyApi.summary("s", state);
            return new ServerRow(
                    new Wire.ServerSummary(
                            base.name(),
                            base.state(),
                            ready,
                            base.pid(),
                            base.port(),
                            base.url(),
                            base.uptimeSecs(),
                            base.restartCount(),
                            base.lastExit(),
                            base.reason(),
                            base.mcp()),
                    0,
                    now);
        };
        assertThat(ServersViewModel.describe(List.of(
                        row.apply(ServerState.RUNNING, true),
                        row.apply(ServerState.RUNNING, true),
                        row.apply(ServerState.RUNNING, false),
                        row.apply(ServerState.STARTING, false),
                        row.apply(ServerState.RESTARTING, null),
                        row.apply(ServerState.FAILED, null),
                        row.apply(ServerState.STOPPED, null))))
                .isEqualTo("7 servers · 2 ready · 1 not ready · 2 starting · 1 failed");
    }
}
