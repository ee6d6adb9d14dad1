package dev.xy.cli;

import dev.xy.core.rpc.Wire;
import java.util.List;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code NAME...} or {@code --all}: which servers a command acts on. */
final class TargetOptions {
    private final PositionalParamSpec names =
            Model.list(String.class, "NAME", "1..*", "Server names.").build();

    private final OptionSpec all = OptionSpec.builder("--all")
            .type(boolean.class)
            .required(true)
            .description("Every configured server.")
            .build();

    /** Adds the choice, exactly one of the two, to {@code command}. */
    TargetOptions(CommandSpec command) {
        // picocli applies initial values to a group's arguments only when the group has a user object of its own.
        all.setValue(false);
        command.addArgGroup(ArgGroupSpec.builder()
                .exclusive(true)
                .multiplicity("1")
                .addArg(names)
                .addArg(all)
                .build());
    }

    Wire.Target target() {
        boolean every = all.getValue();
        List<String> some = names.getValue();
        return every ? Wire.Target.every() : Wire.Target.some(some);
    }
}
