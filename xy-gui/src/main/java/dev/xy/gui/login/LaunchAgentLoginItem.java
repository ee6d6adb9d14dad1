package dev.xy.gui.login;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Start at login on macOS: a launchd agent of the user, {@code ~/Library/LaunchAgents/dev.xy.app.plist}, that runs
 * the app's executable once at login ({@code RunAtLoad}, no {@code KeepAlive}: quitting the app is respected).
 * launchd reads the folder at every login, so nothing is loaded now: loading it would start a second app at once.
 */
public final class LaunchAgentLoginItem implements LoginItem {
    /** The agent's label; not {@code dev.xy.daemon}, which {@code xy service install} uses for the daemon. */
    static final String LABEL = "dev.xy.app";

    private static final Pattern OUR_LABEL =
            Pattern.compile("<key>Label</key>\\s*<string>" + Pattern.quote(LABEL) + "</string>");

    private final OwnedFile agent;
    private final LaunchCommand launch;

    /** @param launchAgentsDir {@code ~/Library/LaunchAgents} */
    public LaunchAgentLoginItem(Path launchAgentsDir, LaunchCommand launch) {
        this.agent = new OwnedFile(
                launchAgentsDir.resolve(LABEL + ".plist"),
                text -> OUR_LABEL.matcher(text).find());
        this.launch = launch;
    }

    @Override
    public Path file() {
        return agent.path();
    }

    @Override
    public boolean isEnabled() throws IOException {
        return agent.readOurs().isPresent();
    }

    @Override
    public void enable() throws IOException {
        agent.write(content());
    }

    @Override
    public void disable() throws IOException {
        agent.deleteOurs();
    }

    /** The plist's text. */
    String content() {
        StringBuilder plist = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\"")
                .append(" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<!-- Written by xy's \"Start xy at login\"; switching it off removes it. -->\n")
                .append("<plist version=\"1.0\">\n<dict>\n")
                .append(entry("Label", LABEL))
                .append("  <key>ProgramArguments</key>\n  <array>\n");
        launch.arguments()
                .forEach(word -> plist.append("    <string>").append(xml(word)).append("</string>\n"));
        plist.append("  </array>\n")
                .append("  <key>RunAtLoad</key>\n  <true/>\n")
                // A desktop app: only in the user's graphical session, scheduled as an app the user looks at.
                .append(entry("LimitLoadToSessionType", "Aqua"))
                .append(entry("ProcessType", "Interactive"));
        if (!launch.environment().isEmpty()) {
            plist.append("  <key>EnvironmentVariables</key>\n  <dict>\n");
            launch.environment().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> plist.append(entry(e.getKey(), e.getValue()).indent(2)));
            plist.append("  </dict>\n");
        }
        return plist.append("</dict>\n</plist>\n").toString();
    }

    private static String entry(String key, String value) {
        return "  <key>" + xml(key) + "</key>\n  <string>" + xml(value) + "</string>\n";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
