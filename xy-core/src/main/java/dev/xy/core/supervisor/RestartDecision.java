package dev.xy.core.supervisor;

import dev.xy.core.config.RestartPolicy;

/** What to do after a server exited on its own: a pure function of the policy, the exit and the recent restarts. */
public sealed interface RestartDecision {
    /** Restart it, after the backoff delay. */
    record Restart() implements RestartDecision {}

    /** Leave it stopped: it ended the way the policy accepts. */
    record Stop(String reason) implements RestartDecision {}

    /** Give up: the policy forbids a restart after a failure, or it is crash-looping. */
    record Fail(String reason) implements RestartDecision {}

    /**
     * @param restartsInWindow automatic restarts in the last 60 seconds, not counting this exit
     * @param maxRestartsPerMinute the {@code max-retries-per-minute} setting
     */
    static RestartDecision decide(
            RestartPolicy policy, ExitStatus exit, int restartsInWindow, int maxRestartsPerMinute) {
        String exited = "exited with " + exit.describe();
        boolean wanted =
                switch (policy) {
                    case ALWAYS -> true;
                    case ON_FAILURE -> !exit.isSuccess();
                    case NEVER -> false;
                };
        if (!wanted) {
            return exit.isSuccess()
                    ? new Stop(exited)
                    : new Fail(exited + "; restart policy is " + policy.configName());
        }
        if (restartsInWindow >= maxRestartsPerMinute) {
            String verb = exit.isSuccess() ? "exited" : "crashed";
            return new Fail(verb + " " + (restartsInWindow + 1) + " times in 60s, more than the " + maxRestartsPerMinute
                    + " restarts a minute allowed; last exit " + exit.describe());
        }
        return new Restart();
    }

    /**
     * What to do after xy stopped a server because it failed its health checks, or did not become ready in
     * time: always a failure, whatever its exit code then was.
     */
    static RestartDecision afterUnhealthy(
            RestartPolicy policy, String reason, int restartsInWindow, int maxRestartsPerMinute) {
        if (policy == RestartPolicy.NEVER) {
            return new Fail(reason + "; restart policy is " + policy.configName());
        }
        if (restartsInWindow >= maxRestartsPerMinute) {
            return new Fail("unhealthy " + (restartsInWindow + 1) + " times in 60s, more than the "
                    + maxRestartsPerMinute + " restarts a minute allowed; last: " + reason);
        }
        return new Restart();
    }
}
