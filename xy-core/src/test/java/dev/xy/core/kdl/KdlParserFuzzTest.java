package dev.xy.core.kdl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input: every conformance input, mangled many ways with a fixed seed, must either parse or fail with
 * located errors, never with any other exception, a hang or a stack overflow. A valid result must print and
 * re-parse; a failed one holds between 1 and {@link KdlParseResult#MAX_ERRORS} errors in document order.
 */
class KdlParserFuzzTest {
    private static final byte[] INTERESTING = "{}()\"#/\\*-=;\n\r\t 0xe.+_\u00a0".getBytes(StandardCharsets.UTF_8);

    private static List<byte[]> seeds() throws IOException {
        Path inputs = Path.of(System.getProperty("xy.kdl.testSuite", "../../shared/kdl-test-suite"), "input");
        try (Stream<Path> files = Files.list(inputs)) {
            return files.sorted().map(KdlParserFuzzTest::read).toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] mangle(byte[] seed, Random random) {
        byte[] bytes = Arrays.copyOf(seed, seed.length);
        if (bytes.length == 0) {
            return new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]};
        }
        switch (random.nextInt(4)) {
            case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            case 1 -> bytes[random.nextInt(bytes.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
            case 2 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            default -> {
                int at = random.nextInt(bytes.length);
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                bytes = longer;
            }
        }
        return bytes;
    }

    private static byte[] mangleSeveralTimes(byte[] seed, Random random) {
        byte[] bytes = seed;
        for (int times = 1 + random.nextInt(4); times > 0; times--) {
            bytes = mangle(bytes, random);
        }
        return bytes;
    }

    private static void assertWellFormedFailure(KdlParseResult result) {
        assertThat(result.errors()).isNotEmpty().hasSizeLessThanOrEqualTo(KdlParseResult.MAX_ERRORS);
        assertThat(result.omitted()).isNotNegative();
        KdlLocation previous = new KdlLocation(1, 1);
        for (KdlParseException e : result.errors()) {
            assertThat(e.snippet()).contains("^");
            KdlLocation at = e.location();
            assertThat(at.line() > previous.line()
                            || (at.line() == previous.line() && at.column() >= previous.column()))
                    .as("%s comes after %s", at, previous)
                    .isTrue();
            previous = at;
        }
    }

    @Test
    @Timeout(120)
    void mangledDocumentsParseOrFailCleanly() throws IOException, KdlParseException {
        Random random = new Random(20261126);
        int parsed = 0;
        int rejected = 0;
        int severalErrors = 0;
        for (byte[] seed : seeds()) {
            for (int i = 0; i < 60; i++) {
                byte[] input = mangleSeveralTimes(seed, random);
                KdlParseResult result = KdlParser.tryParse(input);
                if (result.document().isPresent()) {
                    String printed = KdlPrinter.print(result.document().get());
                    assertThat(KdlPrinter.print(KdlParser.parse(printed)))
                            .as("reprint of %s", new String(input, StandardCharsets.UTF_8))
                            .isEqualTo(printed);
                    parsed++;
                } else {
                    assertWellFormedFailure(result);
                    rejected++;
                    severalErrors += result.errors().size() > 1 ? 1 : 0;
                }
            }
        }
        assertThat(parsed).isPositive();
        assertThat(rejected).isPositive();
        assertThat(severalErrors).isPositive();
    }

    /** Every line an error, in shapes that stress recovery: a report stays bounded and comes quickly. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"}\n", "a true;", "a true {", "a \"x {\n", "{", "a {}b\n", "\"\"\"", "/*", "\u200E", "a \\ b "})
    @Timeout(30)
    void garbageOfAnySizeGivesABoundedReport(String unit) {
        String text = unit.repeat(256 * 1024 / unit.length());
        KdlParseResult result = KdlParser.tryParse(text);
        assertWellFormedFailure(result);
    }
}
