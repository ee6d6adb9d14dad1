package dev.xy.core.kdl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: every conformance input, mangled many ways with a fixed seed, must either parse or fail with
 * a located {@link KdlParseException}, never with any other exception. A valid result must print and re-parse.
 */
class KdlParserFuzzTest {
    private static final byte[] INTERESTING =
            "{}()\"#/\\*-=;\n\r\t 0xe.+_\u00a0".getBytes(java.nio.charset.StandardCharsets.UTF_8);

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

    @Test
    void mangledDocumentsParseOrFailCleanly() throws IOException {
        Random random = new Random(20261126);
        int parsed = 0;
        int rejected = 0;
        for (byte[] seed : seeds()) {
            for (int i = 0; i < 60; i++) {
                byte[] input = mangle(seed, random);
                try {
                    KdlDocument document = KdlParser.parse(input);
                    String printed = KdlPrinter.print(document);
                    assertThat(KdlPrinter.print(KdlParser.parse(printed)))
                            .as("reprint of %s", new String(input))
                            .isEqualTo(printed);
                    parsed++;
                } catch (KdlParseException e) {
                    assertThat(e.location().line()).isPositive();
                    assertThat(e.snippet()).contains("^");
                    rejected++;
                }
            }
        }
        assertThat(parsed).isPositive();
        assertThat(rejected).isPositive();
    }
}
