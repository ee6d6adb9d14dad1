package dev.xy.gui.login;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the launcher that started this app, for a login item to start it the same way: the jpackage image's own
 * launcher ({@code /opt/xy/bin/xy-gui}, {@code xy-gui.app/Contents/MacOS/xy-gui}), or the repository's
 * {@code bin/xy-gui} when the app runs from a build.
 */
public final class LauncherLocation {
    /** Set by a jpackage launcher to its own path, symlinks resolved. */
    static final String APP_PATH_PROPERTY = "jpackage.app-path";

    private LauncherLocation() {}

    /** The launcher of the running app, if it can be told. */
    public static Optional<LaunchCommand> current() {
        return of(System.getProperty(APP_PATH_PROPERTY), codeSource(), Path.of(System.getProperty("java.home")));
    }

    /**
     * @param appPath the value of {@code jpackage.app-path}, or null when not started by a jpackage launcher
     * @param codeSource the jar (or classes folder) the app's classes come from, or null
     * @param javaHome the running JVM's home: a build's {@code bin/xy-gui} is started at login with the same Java,
     *     since a login session's {@code PATH} may not have the one a terminal has (SDKMAN, a JDK in a home folder)
     */
    static Optional<LaunchCommand> of(String appPath, Path codeSource, Path javaHome) {
        if (appPath != null && !appPath.isBlank() && Files.isExecutable(Path.of(appPath))) {
            return Optional.of(new LaunchCommand(List.of(appPath), Map.of()));
        }
        return repositoryLauncher(codeSource)
                .map(launcher ->
                        new LaunchCommand(List.of(launcher.toString()), Map.of("JAVA_HOME", javaHome.toString())));
    }

    /** {@code <repo>/xy-gui/target/xy-gui.jar} (or {@code …/target/classes}) → {@code <repo>/bin/xy-gui}. */
    private static Optional<Path> repositoryLauncher(Path codeSource) {
        if (codeSource == null) {
            return Optional.empty();
        }
        Path target = codeSource.toAbsolutePath().normalize().getParent();
        if (target == null || target.getParent() == null || target.getParent().getParent() == null) {
            return Optional.empty();
        }
        Path launcher = target.getParent().getParent().resolve("bin").resolve("xy-gui");
        return Files.isExecutable(launcher) ? Optional.of(launcher) : Optional.empty();
    }

    private static Path codeSource() {
        CodeSource source = LauncherLocation.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null; // not a plain file (a custom class loader): no repository launcher to find
        }
    }
}
