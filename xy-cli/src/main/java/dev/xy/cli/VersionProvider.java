package dev.xy.cli;

import dev.xy.core.XyVersion;
import picocli.CommandLine;

/** {@code xy --version}: the build's version, from the same source as the daemon's {@code version} method. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"xy " + XyVersion.current()};
    }
}
