package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.testing.RealXy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/xy} runs client commands with the JDK's legacy locale data on JDK 17 to 20 ({@link
 * Main#useLegacyLocaleData}), because it starts faster: what xy prints must not change with it, in any locale. The
 * same commands run with CLDR data, as chosen through {@code java.locale.providers}, must print the same.
 */
class LocaleDataIT {
    private static final List<String> LOCALES = List.of("en-US", "ar-EG", "th-TH", "de-DE", "tr-TR");

    private static String xy(RealXy daemon, String javaOptions, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(RealXy.REPO.resolve("bin/xy").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(daemon.root, "out", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(daemon.environment());
        builder.environment().put("JAVA_TOOL_OPTIONS", javaOptions);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return "exit " + process.exitValue() + "\n"
                + Files.readString(out, StandardCharsets.UTF_8).replaceFirst("Picked up JAVA_TOOL_OPTIONS: .*\n", "");
    }

    @Test
    void legacyAndCldrLocaleDataPrintTheSame() throws Exception {
        try (RealXy daemon = new RealXy("xyit")) {
            // A server that failed has transitions with times and an exit code, and no uptime to tick between runs.
            daemon.writeServer(
                    "broken", daemon.shellServer("echo failing >&2; exit 3", "restart {\n    policy never\n}\n"));
            daemon.startDaemon();
            org.awaitility.Awaitility.await().until(() -> daemon.state("broken").equals("failed"));
            for (String locale : LOCALES) {
                String[] parts = locale.split("-");
                String user = "-Duser.language=" + parts[0] + " -Duser.country=" + parts[1];
                for (String[] args : List.of(
                        new String[] {"--help"},
                        new String[] {"status", "broken"},
                        new String[] {"logs", "broken"},
                        new String[] {"status"})) {
                    String legacy = xy(daemon, user, args);
                    String cldr = xy(daemon, user + " -Djava.locale.providers=CLDR,COMPAT", args);
                    assertThat(legacy)
                            .as(locale + ": xy " + String.join(" ", args))
                            .isEqualTo(cldr);
                }
            }
        }
    }
}
