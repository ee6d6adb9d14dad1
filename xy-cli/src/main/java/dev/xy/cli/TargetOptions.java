package dev.xy.cli;

import dev.xy.core.rpc.Wire;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code NAME...} or {@code --all}: which servers a command acts on. */
final class TargetOptions {
    static final class Choice {
        @Parameters(paramLabel = "NAME", arity = "1..*", description = "Server names.")
        List<String> names;

        @Option(names = "--all", required = true, description = "Every configured server.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    Wire.Target target() {
        return choice.all ? Wire.Target.every() : Wire.Target.some(choice.names);
    }
}
