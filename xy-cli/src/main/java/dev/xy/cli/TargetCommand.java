package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Mixin;

/** {@code start}, {@code stop}, {@code restart}: one method applied to {@code NAME...} or {@code --all}. */
abstract class TargetCommand extends QueryCommand {
    @Mixin
    TargetOptions targets;

    /** The protocol method. */
    abstract String method();

    @Override
    JsonNode ask() throws Exception {
        return request(method(), targets.target());
    }
}
