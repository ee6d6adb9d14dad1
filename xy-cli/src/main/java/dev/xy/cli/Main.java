package dev.xy.cli;

import dev.xy.core.daemon.XyPaths;
import picocli.CommandLine;

/** Entry point of {@code bin/xy}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CommandLine commandLine = XyCommand.commandLine(XyPaths.fromEnvironment());
        int exit = commandLine.execute(args);
        // picocli's writers flush only on println: whatever a command wrote with print() would be lost by exit.
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(exit);
    }
}
