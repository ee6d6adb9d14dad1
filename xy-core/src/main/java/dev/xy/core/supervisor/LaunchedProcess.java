package dev.xy.core.supervisor;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** A started server process and every process it spawned: its process tree. */
public interface LaunchedProcess {
    long pid();

    /**
     * The process group (and session) the tree lives in, numbered after the server, when the server was started
     * as its leader; empty when it shares its launcher's group.
     */
    default OptionalLong processGroup() {
        return OptionalLong.empty();
    }

    /**
     * Starts passing the process's output to its log. Separate from launching so that the supervisor's
     * "started" line comes before the server's first line; the pipes hold the output meanwhile.
     */
    void captureOutput();

    /** Completes when the server process has exited and its output has been drained (briefly waited for). */
    CompletableFuture<ExitStatus> exit();

    /**
     * Sends SIGTERM to the whole tree, including what is left of it after the server itself has exited.
     *
     * @return whether any process was there to receive it
     */
    boolean terminate();

    /** Whether any process of the tree is still there (the server itself, or what it left behind). */
    boolean anyAlive();

    /** Sends SIGKILL to whatever is left of the tree. */
    void kill();
}
