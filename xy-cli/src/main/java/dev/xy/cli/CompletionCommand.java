package dev.xy.cli;

import dev.xy.core.daemon.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xy completion bash|zsh}: a completion script to source. */
@Command(
        name = "completion",
        description = {
            "Print a shell completion script.",
            "bash: source <(xy completion bash); zsh: the same, in ~/.zshrc."
        })
final class CompletionCommand implements Callable<Integer> {
    enum Shell {
        bash,
        zsh
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("xy", spec.parent().commandLine());
        if (shell == Shell.zsh) {
            // picocli's script works in zsh through bash-compatible completion.
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        spec.commandLine().getOut().print(script);
        return ExitCodes.OK;
    }
}
