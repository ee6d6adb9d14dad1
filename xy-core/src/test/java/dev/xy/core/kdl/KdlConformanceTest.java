package dev.xy.core.kdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The official KDL 2.0 conformance suite, one test per input file: valid inputs must print exactly their
 * expected file, {@code _fail} inputs must be rejected. Files are read as raw bytes, never re-encoded.
 */
class KdlConformanceTest {
    private static final int SUITE_SIZE = 336;

    private static Path suite() {
        String configured = System.getProperty("xy.kdl.testSuite", "../../shared/kdl-test-suite");
        Path suite = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(suite.resolve("input"))) {
            fail("the KDL conformance suite is missing at " + suite + " (expected ../shared/kdl-test-suite)");
        }
        return suite;
    }

    private static List<Path> inputs() throws IOException {
        try (Stream<Path> files = Files.list(suite().resolve("input"))) {
            return files.filter(f -> f.toString().endsWith(".kdl")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyInputParsesOrFailsAsExpected() throws IOException {
        Path expectedDir = suite().resolve("expected_kdl");
        List<Path> inputs = inputs();
        assertThat(inputs).as("inputs in the suite").hasSize(SUITE_SIZE);
        return inputs.stream().map(input -> {
            String name = input.getFileName().toString();
            Path expected = expectedDir.resolve(name);
            return DynamicTest.dynamicTest(name, () -> {
                byte[] source = Files.readAllBytes(input);
                if (Files.exists(expected)) {
                    String want = new String(Files.readAllBytes(expected), StandardCharsets.UTF_8);
                    assertThat(KdlPrinter.print(KdlParser.parse(source))).isEqualTo(want);
                } else {
                    assertThat(name).endsWith("_fail.kdl");
                    assertThatThrownBy(() -> KdlParser.parse(source)).isInstanceOf(KdlParseException.class);
                }
            });
        });
    }
}
