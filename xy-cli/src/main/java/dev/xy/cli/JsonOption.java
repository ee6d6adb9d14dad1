package dev.xy.cli;

import dev.xy.core.rpc.WireCodec;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code --json} option: print the daemon's answer (or error) as JSON, for scripts, instead of the human view. */
final class JsonOption {
    static final String NAME = "--json";

    private final OptionSpec option =
            Model.flag("Print the daemon's JSON answer (or error object) as is, on stdout.", NAME);

    /** Adds the option to {@code command}. */
    JsonOption(CommandSpec command) {
        command.addOption(option);
    }

    boolean given() {
        return option.getValue();
    }

    /** The same text as {@code Json.LENIENT} writes, without loading databind. */
    void print(PrintWriter out, Object result) throws IOException {
        out.println(WireCodec.write(result));
    }
}
