package dev.xy.gui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.LogStream;
import dev.xy.core.rpc.Wire;
import dev.xy.gui.Calls;
import dev.xy.gui.CurrentThread;
import dev.xy.gui.FakeXyApi;
import dev.xy.gui.Feedback;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class LogViewModelTest {
    private final FakeXyApi api = new FakeXyApi(Wire.Host.APP, 1);

    private static LogLine line(String server, LogStream stream, String text) {
        return new LogLine(server, stream, text, 0);
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }

    @Test
    void showingAServerFollowsItsLogFromTheTail() {
        api.tails.put("alpha", List.of(line("alpha", LogStream.STDOUT, "earlier")));
        LogViewModel vm = new LogViewModel(CurrentThread.calls(), () -> 0);
        vm.bind(api);

        vm.show("alpha");
        api.followers.get("alpha").line(line("alpha", LogStream.STDERR, "now"));

        assertThat(api.asked).containsExactly("follow alpha tail " + LogViewModel.TAIL);
        assertThat(texts(vm.lines())).containsExactly("earlier", "now");
    }

    @Test
    void switchingServersCancelsTheOldStreamAndDropsItsLateLines() {
        LogViewModel vm = new LogViewModel(CurrentThread.calls(), () -> 0);
        vm.bind(api);
        vm.show("alpha");
        api.followers.get("alpha").line(line("alpha", LogStream.STDOUT, "from alpha"));

        vm.show("beta");
        api.followers.get("alpha").line(line("alpha", LogStream.STDOUT, "late alpha line"));
        api.followers.get("beta").line(line("beta", LogStream.STDOUT, "from beta"));

        assertThat(api.logSubscriptions.get("alpha").closed).isTrue();
        assertThat(api.logSubscriptions.get("beta").closed).isFalse();
        assertThat(texts(vm.lines())).containsExactly("from beta");
        assertThat(vm.serverProperty().get()).isEqualTo("beta");
    }

    @Test
    void aBurstReachesThePaneInOneBoundedBatchThatSaysWhatItSkipped() {
        Queue<Runnable> fxQueue = new ArrayDeque<>();
        LogViewModel vm = new LogViewModel(new Calls(Runnable::run, fxQueue::add, new Feedback()), () -> 0);
        vm.bind(api);
        vm.show("alpha");
        var listener = api.followers.get("alpha");

        for (int i = 1; i <= 100_000; i++) {
            listener.line(line("alpha", LogStream.STDOUT, "line " + i));
        }

        assertThat(fxQueue).hasSize(1); // one drain posted for the whole burst, not one per line
        fxQueue.poll().run();
        assertThat(vm.lines()).hasSize(LogViewModel.MAX_LINES);
        assertThat(vm.lines().get(0).stream()).isEqualTo(LogStream.XY);
        assertThat(vm.lines().get(0).text()).startsWith("95000 lines skipped here");
        assertThat(vm.lines().get(LogViewModel.MAX_LINES - 1).text()).isEqualTo("line 100000");
    }

    @Test
    void thePaneKeepsTheNewestLinesAcrossBatches() {
        LogViewModel vm = new LogViewModel(CurrentThread.calls(), () -> 0);
        vm.bind(api);
        vm.show("alpha");
        var listener = api.followers.get("alpha");

        for (int i = 1; i <= LogViewModel.MAX_LINES + 10; i++) {
            listener.line(line("alpha", LogStream.STDOUT, "line " + i));
        }

        assertThat(vm.lines()).hasSize(LogViewModel.MAX_LINES);
        assertThat(vm.lines().get(0).text()).isEqualTo("line 11");
    }

    @Test
    void theFilterAndStreamTogglesHideLinesWithoutDroppingThem() {
        LogViewModel vm = new LogViewModel(CurrentThread.calls(), () -> 0);
        vm.bind(api);
        vm.show("alpha");
        var listener = api.followers.get("alpha");
        listener.line(line("alpha", LogStream.STDOUT, "Listening on 3001"));
        listener.line(line("alpha", LogStream.STDERR, "warn: deprecated option"));
        listener.line(line("alpha", LogStream.XY, "ready"));

        vm.filterProperty().set("LISTEN");
        assertThat(texts(vm.visibleLines())).containsExactly("Listening on 3001");

        vm.filterProperty().set("");
        vm.showStderrProperty().set(false);
        assertThat(texts(vm.visibleLines())).containsExactly("Listening on 3001", "ready");
        assertThat(vm.lines()).hasSize(3);
    }

    @Test
    void aLostStreamSaysSoInThePane() {
        LogViewModel vm = new LogViewModel(CurrentThread.calls(), () -> 0);
        vm.bind(api);
        vm.show("alpha");

        api.followers.get("alpha").ended(null, new java.io.IOException("connection reset"));

        assertThat(texts(vm.lines())).containsExactly("the log stream ended: connection reset");
    }

    @Test
    void aLogThatEndsByItselfSaysWhyInThePane() {
        LogViewModel vm = new LogViewModel(CurrentThread.calls(), () -> 0);
        vm.bind(api);
        vm.show("alpha");

        api.followers.get("alpha").ended("removed from the configs", null);

        assertThat(texts(vm.lines())).containsExactly("the log stream ended: removed from the configs");
    }

    @Test
    void clearEmptiesThePaneAndShowingAnotherServerFollowsAgain() {
        LogViewModel vm = new LogViewModel(CurrentThread.calls(), () -> 0);
        vm.bind(api);
        vm.show("alpha");
        api.followers.get("alpha").line(line("alpha", LogStream.STDOUT, "x"));
        vm.followingProperty().set(false);

        vm.clear();
        assertThat(vm.lines()).isEmpty();
        vm.show("beta");
        assertThat(vm.followingProperty().get()).isTrue();
    }
}
