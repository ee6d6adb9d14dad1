package dev.xy.cli;

import dev.xy.core.config.Suggestions;
import java.io.PrintWriter;
import java.util.Collection;
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
                    + Suggestions.closest(word, commands)
                            .map(c -> "; did you mean `" + c + "`?")
                            .orElse("");
        }
        return cli.getCommandSpec().qualifiedName() + ": unexpected argument `" + word + "`";
    }
}
