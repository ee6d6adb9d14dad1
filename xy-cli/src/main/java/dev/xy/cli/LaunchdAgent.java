package dev.xy.cli;

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
        StringBuilder plist = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\"")
                .append(" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<!-- Written by `xy service install`; `xy service uninstall` removes it. -->\n")
                .append("<plist version=\"1.0\">\n<dict>\n")
                .append(entry("Label", LABEL))
                .append("  <key>ProgramArguments</key>\n  <array>\n");
        setup.daemonCommand()
                .forEach(word -> plist.append("    <string>").append(xml(word)).append("</string>\n"));
        plist.append("  </array>\n")
                .append("  <key>RunAtLoad</key>\n  <true/>\n")
                .append("  <!-- Started again when it exits unsuccessfully, as systemd's Restart=on-failure. -->\n")
                .append("  <key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>\n  </dict>\n")
                .append(entry("WorkingDirectory", setup.home().toString()))
                .append("  <key>EnvironmentVariables</key>\n  <dict>\n");
        setup.carriedEnv()
                .forEach((name, value) -> plist.append(entry(name, value).indent(2)));
        return plist.append("  </dict>\n")
                .append(entry("StandardOutPath", log))
                .append(entry("StandardErrorPath", log))
                .append("</dict>\n</plist>\n")
                .toString();
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

    private static String entry(String key, String value) {
        return "  <key>" + xml(key) + "</key>\n  <string>" + xml(value) + "</string>\n";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
