package dev.xy.gui.config;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks the config directory again whenever a file in it changes, so that the problems the window lists are those
 * of the files as they are now — whoever changed them, and whoever reloads (the window, or {@code xy reload} in a
 * terminal). One daemon thread; what it finds is handed to {@code onChecked} on that thread.
 */
public final class ConfigWatch implements AutoCloseable {
    /** Editors write a file in several steps: wait for the directory to be quiet this long before checking. */
    private static final long QUIET_MILLIS = 200;

    private final WatchService watcher;

    private ConfigWatch(WatchService watcher) {
        this.watcher = watcher;
    }

    /** Watches {@code dir}; a directory that does not exist (yet) is not watched: nothing is ever reported. */
    public static ConfigWatch start(Path dir, Consumer<List<ConfigProblem>> onChecked) throws IOException {
        WatchService watcher = FileSystems.getDefault().newWatchService();
        ConfigWatch watch = new ConfigWatch(watcher);
        if (!Files.isDirectory(dir)) {
            watcher.close();
            return watch;
        }
        dir.register(
                watcher,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        Thread thread = new Thread(() -> run(watcher, dir, onChecked), "xy-config-watch");
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    private static void run(WatchService watcher, Path dir, Consumer<List<ConfigProblem>> onChecked) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                do {
                    key.pollEvents();
                    if (!key.reset()) {
                        return; // the directory itself is gone
                    }
                } while ((key = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null);
                onChecked.accept(ConfigLoader.loadDirectory(dir).problems());
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the window let go of this backend
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // nothing is left to watch either way
        }
    }
}
