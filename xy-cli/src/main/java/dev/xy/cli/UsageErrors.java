package dev.xy.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors in xy's words: picocli says "Unmatched argument at index 0: 'lsit'" for a mistyped command, which
 * reads like its internals. A word where a command belongs is an unknown command (with the closest one, when there
 * is one), a word no command takes is an unexpected argument, each followed by the command's usage; everything
 * else is said as picocli says it.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        Optional<String> word = strayWord(ex);
        if (word.isPresent()) {
            err.println(describe(cli, word.get()));
            cli.usage(err, cli.getColorScheme());
        } else {
            // As picocli does: its message, then its suggestions, or the usage when it has none.
            err.println(ex.getMessage());
            if (!(ex instanceof UnmatchedArgumentException unmatched)
                    || !UnmatchedArgumentException.printSuggestions(unmatched, err)) {
                cli.usage(err, cli.getColorScheme());
            }
        }
        err.flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The first word no command takes, when the error is that and it is not an option. */
    private static Optional<String> strayWord(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> words = unmatched.getUnmatched();
            if (!words.isEmpty() && !words.get(0).startsWith("-")) {
                return Optional.of(words.get(0));
            }
        }
        return Optional.empty();
    }

    private static String describe(CommandLine cli, String word) {
        Collection<String> commands = cli.getSubcommands().keySet();
        if (!commands.isEmpty()) {
            return cli.getCommandSpec().qualifiedName() + ": unknown command `" + word + "`"
                    + closest(word, commands)
                            .map(c -> "; did you mean `" + c + "`?")
                            .orElse("");
        }
        return cli.getCommandSpec().qualifiedName() + ": unexpected argument `" + word + "`";
    }

    /** The command within two edits of {@code word}, the nearest first; none when nothing is that close. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(word, c) <= 2)
                .min(Comparator.comparingInt((String c) -> distance(word, c)).thenComparing(c -> c));
    }

    /** Edits (insert, delete, replace, swap two neighbours) from {@code a} to {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
