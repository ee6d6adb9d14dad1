package dev.xy.cli;

import dev.xy.core.daemon.XyPaths;

/** Entry point of {@code bin/xy}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(XyPaths.fromEnvironment(), args));
    }

    /** Runs one {@code xy} command line and returns its exit code; the build's training run calls it too. */
    public static int run(XyPaths paths, String... args) {
        return XyCommand.commandLine(paths).execute(args);
    }
}
