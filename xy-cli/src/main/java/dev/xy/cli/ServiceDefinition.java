package dev.xy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * xy as a per-user service of the OS's service manager (a systemd user unit, a launchd agent): the file that
 * describes it, and the commands that enable, disable and show it. Pure: nothing here touches the system.
 */
interface ServiceDefinition {
    /** What it is, for messages: "systemd user unit". */
    String kind();

    /** Where the definition is written. */
    Path file();

    /** The text of that file. */
    String content();

    /** Run after writing the file, to load and start the service now and at every login. */
    List<List<String>> enable();

    /** Run before removing the file, to stop the service and keep it from starting again. */
    List<List<String>> disable();

    /** Run after removing the file. */
    List<List<String>> afterRemoval();

    /** What to run by hand when the file is gone but {@link #disable} could not be run. */
    List<List<String>> cleanupByHand();

    /** Shows the service's state. */
    List<String> status();

    /** The definition for the system xy runs on, if xy knows its service manager. */
    static Optional<ServiceDefinition> forThisSystem(ServiceSetup setup) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux")) {
            return Optional.of(new SystemdUserUnit(setup));
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return Optional.of(new LaunchdAgent(setup, LaunchdAgent.uidOf(setup.home())));
        }
        return Optional.empty();
    }
}
