package dev.xy.cli;

import dev.xy.core.daemon.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Installs, removes and shows a {@link ServiceDefinition}, saying every file it writes and every command it
 * runs. When the service manager cannot be reached (no user systemd in a container, say), the file is still
 * written or removed, and it says plainly that the service is not enabled and which commands to run by hand.
 */
final class ServiceInstaller {
    private final ServiceDefinition service;
    private final CommandRunner runner;
    private final PrintWriter out;
    private final PrintWriter err;

    ServiceInstaller(ServiceDefinition service, CommandRunner runner, PrintWriter out, PrintWriter err) {
        this.service = service;
        this.runner = runner;
        this.out = out;
        this.err = err;
    }

    int install() throws IOException {
        Path file = service.file();
        Files.createDirectories(file.getParent());
        Files.writeString(file, service.content());
        out.println("wrote " + file);
        List<List<String>> left = run(service.enable());
        if (!left.isEmpty()) {
            err.println("xy: the " + service.kind() + " is written but not enabled: the daemon will not start by"
                    + " itself. Once the service manager is available, run:");
            left.forEach(command -> err.println("  " + String.join(" ", command)));
            return ExitCodes.OPERATIONAL_ERROR;
        }
        out.println("the daemon now runs as a " + service.kind() + ", and will again after every login or crash");
        return ExitCodes.OK;
    }

    int uninstall() throws IOException {
        Path file = service.file();
        if (!Files.exists(file)) {
            out.println("no " + service.kind() + " installed (no " + file + ")");
            return ExitCodes.OK;
        }
        boolean disabled = run(service.disable()).isEmpty();
        Files.delete(file);
        out.println("removed " + file);
        List<List<String>> left = disabled ? run(service.afterRemoval()) : service.cleanupByHand();
        if (!left.isEmpty()) {
            err.println("xy: the " + service.kind() + " file is removed, but the service manager was not told"
                    + (disabled ? "" : ", so a daemon it started may still run") + ". Once it is available, run:");
            left.forEach(command -> err.println("  " + String.join(" ", command)));
            return ExitCodes.OPERATIONAL_ERROR;
        }
        return ExitCodes.OK;
    }

    int status() {
        Path file = service.file();
        if (!Files.exists(file)) {
            out.println("not installed (no " + file + "); `xy service install` installs it");
            return ExitCodes.OPERATIONAL_ERROR;
        }
        out.println("installed: " + file);
        out.println("$ " + String.join(" ", service.status()));
        CommandRunner.Result result = runner.run(service.status());
        if (!result.output().isEmpty()) {
            out.println(result.output());
        }
        return result.ok() ? ExitCodes.OK : ExitCodes.OPERATIONAL_ERROR;
    }

    /**
     * Runs the commands in order, saying each; stops at the first that fails, explaining why.
     *
     * @return the commands not done: the failed one and those after it
     */
    private List<List<String>> run(List<List<String>> commands) {
        for (int i = 0; i < commands.size(); i++) {
            List<String> command = commands.get(i);
            String shown = String.join(" ", command);
            CommandRunner.Result result = runner.run(command);
            if (!result.ok()) {
                err.println("xy: `" + shown + "` failed" + (result.exit() == 127 ? "" : " (exit " + result.exit() + ")")
                        + (result.output().isEmpty() ? "" : ": " + result.output()));
                return commands.subList(i, commands.size());
            }
            out.println("ran: " + shown);
        }
        return List.of();
    }
}
