package dev.xy.daemon;

import dev.xy.core.daemon.Daemon;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.nio.file.Path;

/**
 * The headless daemon without the CLI around it, for service managers (systemd, launchd):
 * {@code java -jar xy-daemon.jar [--config-dir DIR]}. It behaves exactly like {@code xy daemon}.
 */
public final class DaemonMain {
    private DaemonMain() {}

    public static void main(String[] args) {
        XyPaths paths = XyPaths.fromEnvironment();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config-dir") && i + 1 < args.length) {
                paths = paths.withConfigDir(Path.of(args[++i]).toAbsolutePath());
            } else {
                System.err.println("usage: java -jar xy-daemon.jar [--config-dir DIR]");
                System.exit(ExitCodes.OPERATIONAL_ERROR);
            }
        }
        System.exit(new Daemon(paths, System.err).run());
    }
}
