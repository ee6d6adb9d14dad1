package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionProviderTest {
    @Test
    void versionIsTheBuildsVersionWithoutAJarManifestToo() {
        StringWriter out = new StringWriter();
        CommandLine cli = XyCommand.commandLine(XyPaths.from(Map.of(), Path.of("/home/me")));
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("--version")).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).isEqualTo("xy " + System.getProperty("xy.expectedVersion") + "\n");
    }
}
