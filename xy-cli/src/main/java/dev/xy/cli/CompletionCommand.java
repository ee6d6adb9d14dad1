package dev.xy.cli;

import dev.xy.core.daemon.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code xy completion bash|zsh}: a completion script to source. */
final class CompletionCommand implements Callable<Integer> {
    enum Shell {
        bash,
        zsh
    }

    final CommandSpec spec;

    private final PositionalParamSpec shellArg =
            Model.positional(Shell.class, "SHELL", "bash or zsh.").build();

    CompletionCommand() {
        spec = Model.command(
                this,
                "completion",
                "Print a shell completion script.",
                "bash: source <(xy completion bash); zsh: the same, in ~/.zshrc.");
        spec.addPositional(shellArg);
    }

    @Override
    public Integer call() {
        Shell shell = shellArg.getValue();
        String script = AutoComplete.bash("xy", spec.parent().commandLine());
        if (shell == Shell.zsh) {
            // picocli's script works in zsh through bash-compatible completion.
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        spec.commandLine().getOut().print(script);
        return ExitCodes.OK;
    }
}
