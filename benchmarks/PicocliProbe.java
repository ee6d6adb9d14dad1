/**
 * For xy-cli-profile.sh: what picocli costs xy's CLI by itself — builds xy's real command line (XyCommand with all
 * its subcommands, as bin/xy does) and parses the arguments, then exits without connecting or printing JSON. Not
 * part of xy. Needs xy-cli.jar on the class path. Usage: PicocliProbe list
 */
public final class PicocliProbe {
    public static void main(String[] args) {
        picocli.CommandLine commandLine =
                dev.xy.cli.XyCommand.commandLine(dev.xy.core.daemon.XyPaths.fromEnvironment());
        commandLine.parseArgs(args);
        System.out.println(commandLine.getParseResult().subcommand().commandSpec().name());
    }
}
