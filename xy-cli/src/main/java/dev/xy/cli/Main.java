package dev.xy.cli;

import dev.xy.core.daemon.XyPaths;

/** Entry point of {@code bin/xy}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(XyCommand.commandLine(XyPaths.fromEnvironment()).execute(args));
    }
}
