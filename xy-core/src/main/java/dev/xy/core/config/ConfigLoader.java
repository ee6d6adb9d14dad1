package dev.xy.core.config;

import dev.xy.core.kdl.KdlParseResult;
import dev.xy.core.kdl.KdlParser;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Loads server configs from files and directories. A directory contributes every {@code *.kdl} in it (dotfiles
 * and editor backups are skipped); all problems of all files are reported together, and two servers on one port
 * are an error that names both.
 */
public final class ConfigLoader {
    /** A server config is a few lines; anything this big is a mistake, and is not read into memory. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    /** How the problem of a directory that cannot be listed begins; what follows says what is wrong with it. */
    public static final String DIRECTORY_PROBLEM = "the config directory ";

    private ConfigLoader() {}

    /** Loads the given files and directories as one set. A missing path is a problem. */
    public static ConfigSet load(List<Path> paths) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(configFilesIn(path, problems, true));
            } else if (Files.exists(path) && !path.getFileName().toString().endsWith(".kdl")) {
                problems.add(ConfigProblem.ofFile(path, "not a server config: those are <name>.kdl files"));
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                problems.add(ConfigProblem.ofFile(path, "no such file or directory"));
            }
        }
        return loadFiles(files, problems);
    }

    /**
     * Loads every config in {@code directory}; a directory that does not exist holds no servers. For a first
     * start, where a missing directory means nothing has been configured yet.
     */
    public static ConfigSet loadDirectory(Path directory) {
        List<ConfigProblem> problems = new ArrayList<>();
        return loadFiles(configFilesIn(directory, problems, false), problems);
    }

    /**
     * Loads every config in {@code directory}, which must exist: for a reload, where a directory that has gone
     * (deleted, moved, not mounted, replaced by a file) must not read as "no servers" and stop every running one.
     * Such a directory, or one that cannot be read, is a problem that names it; an empty directory holds no
     * servers.
     */
    public static ConfigSet loadExistingDirectory(Path directory) {
        List<ConfigProblem> problems = new ArrayList<>();
        return loadFiles(configFilesIn(directory, problems, true), problems);
    }

    private static ConfigSet loadFiles(List<Path> files, List<ConfigProblem> problems) {
        Map<String, ServerConfigReader.Result> loaded = new LinkedHashMap<>();
        List<ServerConfigReader.PortUse> ports = new ArrayList<>();
        for (Path file : new TreeSet<>(files)) {
            ServerConfigReader.Result result = readFile(file);
            problems.addAll(result.problems());
            result.port().ifPresent(ports::add);
            result.config().ifPresent(config -> {
                ServerConfigReader.Result earlier = loaded.putIfAbsent(config.name(), result);
                if (earlier != null) {
                    problems.add(ConfigProblem.ofFile(
                            file,
                            "a server named `" + config.name() + "` is already defined in "
                                    + earlier.config().orElseThrow().file()));
                }
            });
        }
        problems.addAll(portConflicts(ports));
        List<ServerConfig> servers =
                loaded.values().stream().map(r -> r.config().orElseThrow()).toList();
        return new ConfigSet(servers, problems);
    }

    private static ServerConfigReader.Result readFile(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return failed(file, "the file is larger than 1 MiB; a server config is a few lines");
            }
            byte[] content = Files.readAllBytes(file);
            // Parsed here as well as in the reader, which reports only a file's first syntax error.
            KdlParseResult parsed = KdlParser.tryParse(content);
            if (parsed.document().isEmpty()) {
                // What the file holds cannot be checked past its syntax; its name can, so all is said at once.
                List<ConfigProblem> found = new ArrayList<>();
                ServerConfigReader.nameProblem(file).ifPresent(found::add);
                found.addAll(SyntaxProblems.of(file, parsed));
                return new ServerConfigReader.Result(Optional.empty(), found, Optional.empty());
            }
            return ServerConfigReader.read(file, content);
        } catch (IOException e) {
            return failed(file, "cannot read the file: " + describe(e));
        }
    }

    private static ServerConfigReader.Result failed(Path file, String message) {
        return ServerConfigReader.Result.failed(ConfigProblem.ofFile(file, message));
    }

    /**
     * The config files a load of {@code directory} reads (none when it cannot be read), without reading them: to
     * say which files serve no server.
     */
    public static List<Path> configFiles(Path directory) {
        return configFilesIn(directory, new ArrayList<>(), false);
    }

    private static List<Path> configFilesIn(Path directory, List<ConfigProblem> problems, boolean mustExist) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".kdl") && !name.startsWith(".") && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            if (mustExist) {
                problems.add(ConfigProblem.ofFile(directory, DIRECTORY_PROBLEM + "does not exist"));
            }
            return List.of();
        } catch (NotDirectoryException e) {
            problems.add(ConfigProblem.ofFile(directory, DIRECTORY_PROBLEM + notADirectory(directory)));
        } catch (IOException e) {
            problems.add(ConfigProblem.ofFile(directory, DIRECTORY_PROBLEM + "cannot be read: " + reason(e)));
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    /** One problem per server that shares its port, placed at its own port line and naming the others. */
    private static List<ConfigProblem> portConflicts(List<ServerConfigReader.PortUse> ports) {
        Map<Integer, List<ServerConfigReader.PortUse>> byPort = new LinkedHashMap<>();
        for (ServerConfigReader.PortUse use : ports) {
            byPort.computeIfAbsent(use.port(), p -> new ArrayList<>()).add(use);
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (List<ServerConfigReader.PortUse> sharing : byPort.values()) {
            for (ServerConfigReader.PortUse use :
                    sharing.size() < 2 ? List.<ServerConfigReader.PortUse>of() : sharing) {
                List<String> others = sharing.stream()
                        .filter(other -> other != use)
                        .map(other ->
                                "`" + other.server() + "` (" + other.anchor().place() + ")")
                        .toList();
                problems.add(use.anchor()
                        .withMessage("port " + use.port() + " is also used by " + String.join(", ", others)
                                + "; each server needs its own port"));
            }
        }
        return problems;
    }

    /** Why a path is not a directory: it, or a directory on its way, is a file. */
    private static String notADirectory(Path directory) {
        for (Path path = directory; path != null; path = path.getParent()) {
            if (Files.exists(path) && !Files.isDirectory(path)) {
                return path.equals(directory)
                        ? "is a file, not a directory"
                        : "is not a directory: " + path + " is a file, not a directory";
            }
        }
        return "is not a directory";
    }

    /** What the OS said, without the path (the problem names it already) or the exception's class where clear. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return describe(e);
    }

    private static String describe(IOException e) {
        String reason = e.getMessage();
        return e.getClass().getSimpleName() + (reason == null ? "" : ": " + reason);
    }
}
