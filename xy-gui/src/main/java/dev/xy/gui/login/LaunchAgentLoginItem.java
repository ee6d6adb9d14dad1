package dev.xy.gui.login;

import dev.xy.core.platform.Plist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeMap;
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
        Plist plist = Plist.writtenBy("Written by xy's \"Start xy at login\"; switching it off removes it.")
                .string("Label", LABEL)
                .array("ProgramArguments", launch.arguments())
                .bool("RunAtLoad", true)
                // A desktop app: only in the user's graphical session, scheduled as an app the user looks at.
                .string("LimitLoadToSessionType", "Aqua")
                .string("ProcessType", "Interactive");
        if (!launch.environment().isEmpty()) {
            plist.dict("EnvironmentVariables", new TreeMap<>(launch.environment()));
        }
        return plist.text();
    }
}
