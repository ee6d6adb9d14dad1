package dev.xy.cli;

/**
 * For xy-cli-profile.sh: picocli building only the `list` subcommand's model (what a CLI that registered its
 * subcommands lazily would pay), against PicocliProbe, which builds xy's whole command tree. In xy's package so
 * that it can reach the package-private command class; compiled and run from outside the build, not part of xy.
 * Usage: dev.xy.cli.ListOnlyProbe
 */
public final class ListOnlyProbe {
    public static void main(String[] args) {
        picocli.CommandLine commandLine = new picocli.CommandLine(new ListCommand());
        commandLine.parseArgs(args);
        System.out.println(commandLine.getCommandSpec().name());
    }
}
