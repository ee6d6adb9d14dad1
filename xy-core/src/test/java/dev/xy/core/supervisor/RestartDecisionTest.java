package dev.xy.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.RestartPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartDecisionTest {
    private static ExitStatus exit(String text) {
        return text.startsWith("SIG") ? ExitStatus.signal(text) : ExitStatus.code(Integer.parseInt(text));
    }

    @ParameterizedTest(name = "{0}, exit {1}, {2} restarts in window, max {3} -> {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ALWAYS     | 0       | 0 | 5 | Restart",
                "ALWAYS     | 1       | 4 | 5 | Restart",
                "ALWAYS     | 0       | 5 | 5 | Fail: exited 6 times in 60s, more than the 5 restarts a minute allowed; last exit code 0",
                "ON_FAILURE | 0       | 0 | 5 | Stop: exited with code 0",
                "ON_FAILURE | 0       | 9 | 5 | Stop: exited with code 0",
                "ON_FAILURE | 3       | 0 | 5 | Restart",
                "ON_FAILURE | SIGKILL | 0 | 5 | Restart",
                "ON_FAILURE | 3       | 5 | 5 | Fail: crashed 6 times in 60s, more than the 5 restarts a minute allowed; last exit code 3",
                "ON_FAILURE | SIGSEGV | 1 | 1 | Fail: crashed 2 times in 60s, more than the 1 restarts a minute allowed; last exit signal SIGSEGV",
                "NEVER      | 0       | 0 | 5 | Stop: exited with code 0",
                "NEVER      | 3       | 0 | 5 | Fail: exited with code 3; restart policy is never",
                "NEVER      | SIGTERM | 0 | 5 | Fail: exited with signal SIGTERM; restart policy is never",
            })
    void decidesByPolicyExitAndWindow(RestartPolicy policy, String exit, int inWindow, int max, String expected) {
        RestartDecision decision = RestartDecision.decide(policy, exit(exit), inWindow, max);
        String actual;
        if (decision instanceof RestartDecision.Stop stop) {
            actual = "Stop: " + stop.reason();
        } else if (decision instanceof RestartDecision.Fail fail) {
            actual = "Fail: " + fail.reason();
        } else {
            actual = "Restart";
        }
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}, {1} restarts in window, max {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ALWAYS     | 0 | 5 | Restart",
                "ON_FAILURE | 4 | 5 | Restart",
                "ON_FAILURE | 5 | 5 | Fail: unhealthy 6 times in 60s, more than the 5 restarts a minute allowed; last: not ready",
                "NEVER      | 0 | 5 | Fail: not ready; restart policy is never",
            })
    void anUnhealthyServerIsAFailureWhateverItsExitCode(RestartPolicy policy, int inWindow, int max, String expected) {
        RestartDecision decision = RestartDecision.afterUnhealthy(policy, "not ready", inWindow, max);
        String actual = decision instanceof RestartDecision.Fail fail ? "Fail: " + fail.reason() : "Restart";
        assertThat(decision).isNotInstanceOf(RestartDecision.Stop.class);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void exitValuesAboveOneTwentyEightAreSignals() {
        assertThat(ExitStatus.fromExitValue(137)).isEqualTo(ExitStatus.signal("SIGKILL"));
        assertThat(ExitStatus.fromExitValue(143)).isEqualTo(ExitStatus.signal("SIGTERM"));
        assertThat(ExitStatus.fromExitValue(3)).isEqualTo(ExitStatus.code(3));
        assertThat(ExitStatus.fromExitValue(255)).isEqualTo(ExitStatus.code(255));
    }

    @Test
    void backoffDoublesCapsAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(1));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
        backoff.reset();
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theWindowForgetsRestartsOlderThanSixtySeconds() {
        RetryWindow window = new RetryWindow();
        long start = -5_000_000_000L; // monotonic readings may be negative: only differences count
        long second = 1_000_000_000L;
        window.record(start);
        window.record(start + 30 * second);
        assertThat(window.count(start + 59 * second)).isEqualTo(2);
        assertThat(window.count(start + 60 * second)).isEqualTo(1);
        assertThat(window.count(start + 91 * second)).isZero();
    }
}
