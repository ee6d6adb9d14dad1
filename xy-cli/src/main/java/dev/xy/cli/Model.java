package dev.xy.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The parts xy's command model is built from, declared in code with picocli's programmatic API rather than read
 * from annotations: reading annotations makes the JDK generate a proxy class per annotation type on every start,
 * which the class-data-sharing archive cannot hold (see docs/benchmarks.md, "CLI latency"). A command's values live
 * in its {@link OptionSpec}s and {@link PositionalParamSpec}s; the command reads them from there.
 */
final class Model {
    private Model() {}

    /** A command whose user object (what picocli runs) is {@code command}. */
    static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /**
     * {@code -h, --help} and {@code -V, --version} for {@code spec} and, below it, every command that has neither name
     * yet (the {@code help} command has its own {@code -h, --help}): what picocli's {@code mixinStandardHelpOptions}
     * does for a root of {@code scope = INHERIT}, without reading its annotated mixin. Call it once the tree is built.
     */
    static void standardHelpOptions(CommandSpec spec) {
        Map<String, OptionSpec> names = spec.optionsMap();
        if (!names.containsKey("-h")
                && !names.containsKey("--help")
                && !names.containsKey("-V")
                && !names.containsKey("--version")) {
            spec.addOption(OptionSpec.builder("-h", "--help")
                    .type(boolean.class)
                    .initialValue(false)
                    .usageHelp(true)
                    .description("Show this help message and exit.")
                    .build());
            spec.addOption(OptionSpec.builder("-V", "--version")
                    .type(boolean.class)
                    .initialValue(false)
                    .versionHelp(true)
                    .description("Print version information and exit.")
                    .build());
        }
        for (CommandLine subcommand : spec.subcommands().values()) {
            standardHelpOptions(subcommand.getCommandSpec());
        }
    }

    /** The usage's "Exit codes:" section, each entry {@code "code:meaning"}. */
    static void exitCodes(CommandSpec spec, String... entries) {
        Map<String, String> list = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            list.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list);
    }

    /** {@code provider} for {@code spec} and every command below it, as a root's is passed down to them. */
    static void versionProvider(CommandSpec spec, IVersionProvider provider) {
        if (spec.versionProvider() == null) {
            spec.versionProvider(provider);
        }
        for (CommandLine subcommand : spec.subcommands().values()) {
            versionProvider(subcommand.getCommandSpec(), provider);
        }
    }

    /** An option without a value: {@code false} until given. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names)
                .type(boolean.class)
                .initialValue(false)
                .description(description)
                .build();
    }

    /** An option with one value of {@code type}; {@code null} until given. */
    static OptionSpec.Builder option(Class<?> type, String paramLabel, String description, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(paramLabel).description(description);
    }

    /** One positional parameter of {@code type}, the command's first, required. */
    static PositionalParamSpec.Builder positional(Class<?> type, String paramLabel, String description) {
        return PositionalParamSpec.builder()
                .index("0")
                .arity("1")
                .required(true)
                .type(type)
                .paramLabel(paramLabel)
                .description(description);
    }

    /** Positional parameters as a list of {@code type} ({@code null} when none was given); required unless 0.. */
    static PositionalParamSpec.Builder list(Class<?> type, String paramLabel, String arity, String description) {
        return PositionalParamSpec.builder()
                .index("0..*")
                .arity(arity)
                .required(!arity.startsWith("0"))
                .type(java.util.List.class)
                .auxiliaryTypes(type)
                .paramLabel(paramLabel)
                .description(description);
    }
}
