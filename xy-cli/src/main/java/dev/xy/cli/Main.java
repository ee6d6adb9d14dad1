package dev.xy.cli;

import dev.xy.core.daemon.XyPaths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/** Entry point of {@code bin/xy}. */
public final class Main {
    /**
     * Subcommands that only read their own options and parameters, never their siblings or the root's: for these,
     * {@link #commandLine} builds the tree of the root and that one subcommand instead of all of them. The tree that
     * results is the same for that subcommand: {@code MainTest} compares the two.
     */
    static final Set<String> SELF_CONTAINED =
            Set.of("list", "status", "start", "stop", "restart", "reload", "logs", "client-config", "validate");

    private static final Set<String> VERSION_OPTIONS = Set.of("--version", "-V");

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("daemon")) {
            useLegacyLocaleData();
            searchNoClassPath();
        }
        System.exit(run(XyPaths.fromEnvironment(), args));
    }

    /**
     * For a short-lived client on JDK 17 to 20: the JDK's legacy locale data instead of CLDR's. Jackson's first
     * {@code ObjectMapper} makes a {@code Calendar} for {@code Locale.US}, and with CLDR the JDK turns every language
     * tag it knows into a {@code Locale} to find out whether US is among them: a fifth of {@code xy list}. xy prints
     * nothing that depends on locale data (English text, numbers without grouping, dates from a numeric pattern), so
     * the output is the same ({@code LocaleDataIT}). Not on JDK 21+, which warns about the legacy data (and 23+
     * dropped it); not for the daemon; not when the user chose the providers.
     */
    public static void useLegacyLocaleData() {
        if (Runtime.version().feature() < 21 && System.getProperty("java.locale.providers") == null) {
            System.setProperty("java.locale.providers", "COMPAT");
        }
    }

    /**
     * For a short-lived client: nothing that looks for a class or a service on the class path, which opens and reads
     * the index of every jar on it (a fifth of {@code xy list} when nothing else needs a jar: every class comes from
     * the class-data archive). picocli looks for Groovy's closure class unless told not to (xy has no closures);
     * the JDK looks for a {@code SelectorProvider} service before it takes its own, which is named here instead when
     * this JDK has it (Linux: epoll, macOS: kqueue; else the JDK's search, as before). Not when the user set them.
     */
    public static void searchNoClassPath() {
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        String provider = SELECTOR_PROVIDERS.get(System.getProperty("os.name"));
        if (provider != null && System.getProperty(SELECTOR_PROVIDER) == null && inTheJdk(provider)) {
            System.setProperty(SELECTOR_PROVIDER, provider);
        }
    }

    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

    /** The JDK's own provider on each system, what {@code sun.nio.ch.DefaultSelectorProvider} makes there. */
    private static final Map<String, String> SELECTOR_PROVIDERS =
            Map.of("Linux", "sun.nio.ch.EPollSelectorProvider", "Mac OS X", "sun.nio.ch.KQueueSelectorProvider");

    /** Whether the JDK itself has the class: asks the boot loader only, no class path. */
    private static boolean inTheJdk(String className) {
        try {
            Class.forName(className, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Runs one {@code xy} command line and returns its exit code; the build's training run calls it too. */
    public static int run(XyPaths paths, String... args) {
        CommandLine commandLine = commandLine(paths, args);
        int exit = commandLine.execute(args);
        // picocli's writers flush only on println: whatever a command wrote with print() would be lost by exit.
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return exit;
    }

    /** The command line that runs {@code args}: the whole tree, or the root and the one self-contained subcommand. */
    static CommandLine commandLine(XyPaths paths, String... args) {
        if (args.length == 1 && VERSION_OPTIONS.contains(args[0])) {
            return XyCommand.configure(new CommandLine(new XyCommand(paths).versionOnly(args[0])));
        }
        if (args.length == 0 || !SELF_CONTAINED.contains(args[0])) {
            return XyCommand.commandLine(paths);
        }
        return XyCommand.configure(new CommandLine(new XyCommand(paths).root(List.of(args[0]))));
    }
}
