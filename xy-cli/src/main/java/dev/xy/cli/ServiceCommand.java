package dev.xy.cli;

import dev.xy.core.daemon.ExitCodes;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code xy service install|uninstall|status}: the daemon as a per-user service (systemd on Linux, launchd on macOS). */
final class ServiceCommand implements Runnable {
    private final XyCommand parent;

    final CommandSpec spec;

    private final OptionSpec configDirOption = Model.option(
                    Path.class, "DIR", "Have the daemon read configs from DIR.", "--config-dir")
            .build();

    ServiceCommand(XyCommand parent) {
        this.parent = parent;
        this.spec = Model.command(
                this,
                "service",
                "Run the daemon as a service of your user: started at login, restarted when it fails.",
                "Linux: a systemd user unit, $XDG_CONFIG_HOME/systemd/user/xy.service (default ~/.config/...).",
                "macOS: a launchd agent, ~/Library/LaunchAgents/dev.xy.daemon.plist.",
                "Every file written and every command run is printed.");
        CommandSpec install = Model.command(
                (Callable<Integer>) () -> install(configDirOption.getValue()),
                "install",
                "Write the service definition for this xy (this java, this jar) and enable and start it.",
                "PATH and the XDG directories of this shell are written into it, so the daemon finds the same",
                "configs, socket and commands. Exit 1 when the service manager cannot be reached: the file is",
                "written anyway, and the commands to run by hand are printed.");
        install.addOption(configDirOption);
        // In the order picocli gave the annotated methods: by name.
        spec.addSubcommand("install", install);
        spec.addSubcommand(
                "status",
                Model.command(
                        (Callable<Integer>) this::status,
                        "status",
                        "Whether the service is installed, and what the service manager says of it."));
        spec.addSubcommand(
                "uninstall",
                Model.command(
                        (Callable<Integer>) this::uninstall,
                        "uninstall",
                        "Stop and disable the service and remove its file."));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private int install(Path configDir) throws Exception {
        Optional<ServiceDefinition> service = service(Optional.ofNullable(configDir));
        if (service.isEmpty()) {
            return unsupported();
        }
        if (SocketProbe.answers(parent.paths().socket())) {
            spec.commandLine()
                    .getErr()
                    .println("note: a daemon already answers on "
                            + parent.paths().socket() + "; stop it, or the"
                            + " service's daemon cannot take over (only one daemon runs per user)");
        }
        return installer(service.get()).install();
    }

    private int uninstall() throws Exception {
        Optional<ServiceDefinition> service = service(Optional.empty());
        return service.isEmpty() ? unsupported() : installer(service.get()).uninstall();
    }

    private int status() {
        Optional<ServiceDefinition> service = service(Optional.empty());
        return service.isEmpty() ? unsupported() : installer(service.get()).status();
    }

    private Optional<ServiceDefinition> service(Optional<Path> configDir) {
        ServiceSetup setup =
                ServiceSetup.of(DaemonLaunch.current(), configDir, parent.home(), parent.paths(), parent.environment());
        return ServiceDefinition.forThisSystem(setup);
    }

    private ServiceInstaller installer(ServiceDefinition service) {
        return new ServiceInstaller(
                service,
                new CommandRunner(parent.environment()),
                spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    private int unsupported() {
        spec.commandLine()
                .getErr()
                .println("xy: services are supported on Linux (systemd) and macOS (launchd), not on "
                        + System.getProperty("os.name") + "; run `xy daemon --detach` instead");
        return ExitCodes.OPERATIONAL_ERROR;
    }
}
