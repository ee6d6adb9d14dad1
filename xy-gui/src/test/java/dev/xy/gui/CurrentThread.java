package dev.xy.gui;

/** Executors and {@link Calls} that run everything on the calling thread, for view-model tests without a toolkit. */
public final class CurrentThread {
    private CurrentThread() {}

    public static Calls calls() {
        return new Calls(Runnable::run, Runnable::run, new Feedback());
    }
}
