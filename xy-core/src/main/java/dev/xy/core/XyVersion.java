package dev.xy.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this xy build, the one source for the CLI's {@code --version} and the daemon's {@code version}
 * method. It is the Maven project version, written into a resource at build time, so it is right in a jar, in
 * an IDE and in tests alike. A build from source between releases says so: {@code 0.1.0-SNAPSHOT}.
 */
public final class XyVersion {
    static final String RESOURCE = "xy-version.properties";
    /** What a build that lost its version resource says, rather than guessing. */
    static final String UNKNOWN = "development";

    private static final String CURRENT = read();

    private XyVersion() {}

    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = XyVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "").strip();
                if (!version.isEmpty() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // Fall through to the manifest: a version is worth less than a working --version.
        }
        String manifest = XyVersion.class.getPackage().getImplementationVersion();
        return manifest == null ? UNKNOWN : manifest;
    }
}
