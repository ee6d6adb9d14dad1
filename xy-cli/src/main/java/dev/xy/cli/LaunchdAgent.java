package dev.xy.cli;

import dev.xy.core.platform.Plist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ~/Library/LaunchAgents/dev.xy.daemon.plist}: a launchd agent of the logged-in user that starts the
 * daemon at load (login) and starts it again when it exits unsuccessfully. Its output goes to the same
 * {@code daemon.log} as {@code xy daemon --detach} uses.
 */
final class LaunchdAgent implements ServiceDefinition {
    static final String LABEL = "dev.xy.daemon";

    private final ServiceSetup setup;
    private final long uid;

    LaunchdAgent(ServiceSetup setup, long uid) {
        this.setup = setup;
        this.uid = uid;
    }

    /** The user's id, as launchd's {@code gui/<uid>} domain wants it: the owner of their home directory. */
    static long uidOf(Path home) {
        try {
            return ((Number) Files.getAttribute(home, "unix:uid")).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String kind() {
        return "launchd agent";
    }

    @Override
    public Path file() {
        return setup.home().resolve("Library/LaunchAgents").resolve(LABEL + ".plist");
    }

    @Override
    public String content() {
        String log = setup.paths().stateDir().resolve("daemon.log").toString();
        return Plist.writtenBy("Written by `xy service install`; `xy service uninstall` removes it.")
                .string("Label", LABEL)
                .array("ProgramArguments", setup.daemonCommand())
                .bool("RunAtLoad", true)
                .comment("Started again when it exits unsuccessfully, as systemd's Restart=on-failure.")
                .dict("KeepAlive", keepAlive -> keepAlive.bool("SuccessfulExit", false))
                .string("WorkingDirectory", setup.home().toString())
                .dict("EnvironmentVariables", setup.carriedEnv())
                .string("StandardOutPath", log)
                .string("StandardErrorPath", log)
                .text();
    }

    @Override
    public List<List<String>> enable() {
        return List.of(List.of("launchctl", "bootstrap", domain(), file().toString()));
    }

    @Override
    public List<List<String>> disable() {
        return List.of(List.of("launchctl", "bootout", domain() + "/" + LABEL));
    }

    @Override
    public List<List<String>> afterRemoval() {
        return List.of();
    }

    @Override
    public List<List<String>> cleanupByHand() {
        return disable(); // launchd unloads by label, with or without the file
    }

    @Override
    public List<String> status() {
        return List.of("launchctl", "print", domain() + "/" + LABEL);
    }

    private String domain() {
        return "gui/" + uid;
    }
}
