package dev.xy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The command line that runs this very build's daemon: the java binary of the running JVM with the daemon's JVM
 * flags ({@link #jvmOptions}) and this CLI's own jar (or, when run from classes as in tests, its class path), then
 * {@code daemon}; in a packaged app image, the image's own {@code xy} launcher, which carries the same flags. Used
 * to start the daemon in the background and to write service units, so both run exactly what {@code bin/xy
 * daemon} runs.
 */
record DaemonLaunch(Path java, List<String> program) {
    DaemonLaunch {
        program = List.copyOf(program);
    }

    /** The launch for the running JVM and CLI. */
    static final String JVM_OPTIONS_RESOURCE = "daemon-jvm.properties";
    /** More JVM flags for the daemon, after the built-in ones: read by bin/xy daemon too. */
    static final String EXTRA_OPTIONS_VARIABLE = "XY_DAEMON_JVM_OPTIONS";

    static DaemonLaunch current() {
        // Inside a jpackage image the process is the image's own launcher, and the runtime has no `java`.
        String appLauncher = System.getProperty("jpackage.app-path");
        if (appLauncher != null && Files.isExecutable(Path.of(appLauncher))) {
            return new DaemonLaunch(Path.of(appLauncher), List.of());
        }
        Path java = ProcessHandle.current()
                .info()
                .command()
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
        List<String> program = new ArrayList<>(jvmOptions());
        Optional<Path> jar = ownJar();
        program.addAll(
                jar.isPresent()
                        ? List.of("-jar", jar.get().toString())
                        : List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return new DaemonLaunch(java, program);
    }

    /**
     * The daemon's JVM flags: those the build wrote from the root pom's {@code xy.daemon.jvm-options} (a capped
     * heap, the serial collector, …; docs/benchmarks.md says why each), then any in {@value #EXTRA_OPTIONS_VARIABLE}
     * — later flags win, so that a user with many servers can raise the heap cap.
     */
    static List<String> jvmOptions() {
        return jvmOptions(System.getenv(EXTRA_OPTIONS_VARIABLE));
    }

    static List<String> jvmOptions(String extra) {
        List<String> options = new ArrayList<>(words(builtInOptions()));
        options.addAll(words(extra));
        return List.copyOf(options);
    }

    private static String builtInOptions() {
        try (InputStream in = DaemonLaunch.class.getResourceAsStream(JVM_OPTIONS_RESOURCE)) {
            if (in == null) {
                return "";
            }
            Properties properties = new Properties();
            properties.load(in);
            String options = properties.getProperty("options", "");
            return options.strip().startsWith("${") ? "" : options;
        } catch (IOException e) {
            return ""; // flags are worth less than a daemon that starts
        }
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    /**
     * Takes out of a child's environment what only this process's own launcher meant for itself: a jpackage
     * launcher marks its second stage with {@code _JPACKAGE_LAUNCHER}, and a child launcher that inherits the
     * mark takes its arguments for the JVM's ("could not find or load main class daemon").
     */
    static void cleanEnvironment(java.util.Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("_JPACKAGE"));
    }

    /** The full command: java, the program, {@code daemon}, and {@code --config-dir DIR} when given. */
    List<String> command(Optional<Path> configDir) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(program);
        command.add("daemon");
        configDir.ifPresent(dir -> {
            command.add("--config-dir");
            command.add(dir.toAbsolutePath().normalize().toString());
        });
        return command;
    }

    private static Optional<Path> ownJar() {
        CodeSource source = DaemonCommand.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a plain file: fall back to the class path
        }
    }
}
