package dev.xy.core.kdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KdlParserTest {
    private static KdlParseException failure(String text) {
        return catchThrowableOfType(KdlParseException.class, () -> KdlParser.parse(text));
    }

    @Test
    void nodesCarryValuesAndLocations() throws KdlParseException {
        KdlDocument doc = KdlParser.parse("a 1 \"two\" k=#true\n  (t)b {\n    c 0x1F\n  }\n");
        KdlNode a = doc.nodes().get(0);
        assertThat(a.arguments()).extracting(v -> ((Object) v.kindName())).containsExactly("a number", "a string");
        assertThat(((KdlNumber) a.arguments().get(0)).value()).isEqualTo(BigInteger.ONE);
        assertThat(a.arguments().get(1).location()).isEqualTo(new KdlLocation(1, 5));
        assertThat(a.propertyMap().get("k")).isInstanceOf(KdlBoolean.class);
        KdlNode b = doc.nodes().get(1);
        assertThat(b.type()).contains("t");
        assertThat(b.location()).isEqualTo(new KdlLocation(2, 3));
        assertThat(((KdlNumber) b.children().get(0).arguments().get(0)).value()).isEqualTo(BigInteger.valueOf(31));
    }

    @Test
    void decimalsKeepTheirDigits() throws KdlParseException {
        KdlNumber n = (KdlNumber)
                KdlParser.parse("n 1_000.50").nodes().get(0).arguments().get(0);
        assertThat(n.value()).isEqualTo(new BigDecimal("1000.50"));
        assertThat(n.asInteger()).isEmpty();
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("node true", "1:6", "bare `true` is not allowed in KDL 2", "KDL 2 writes #true"),
                Arguments.of("node null", "1:6", "bare `null`", "KDL 2 writes #null"),
                Arguments.of("node k=false", "1:8", "bare `false`", "KDL 2 writes #false"),
                Arguments.of("node \"abc", "1:6", "unterminated string", "close it with \""),
                Arguments.of("a {\n  b 1\n", "1:3", "unclosed children block", "close it with }"),
                Arguments.of("a /* never closed", "1:3", "unclosed block comment", "close it with */"),
                Arguments.of("a \"\\q\"", "1:4", "invalid escape `\\q`", "valid escapes are"),
                Arguments.of("a 1.5.3", "1:3", "invalid number `1.5.3`", "numbers look like"),
                Arguments.of("a .5", "1:3", "invalid number `.5`", "numbers look like"),
                Arguments.of("a #yes", "1:3", "unknown keyword #yes", "keywords are"),
                Arguments.of("a \"x\"\"y\"", "1:6", "expected whitespace before this argument or property", null),
                Arguments.of("}", "1:1", "unexpected } with no open children block", null),
                Arguments.of("a \\ b", "1:3", "continues the line", "quote it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void errorsSayWhereAndWhatWithAHint(String text, String place, String problem, String hint) {
        KdlParseException e = failure(text);
        assertThat(e.location().toString()).isEqualTo(place);
        assertThat(e.problem()).contains(problem);
        if (hint != null) {
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains(hint));
        }
    }

    @Test
    void snippetShowsTheLineWithACaretUnderTheColumn() {
        KdlParseException e = failure("ok 1\nnode\ttrue\n");
        assertThat(e.location()).isEqualTo(new KdlLocation(2, 6));
        assertThat(e.snippet()).isEqualTo("node\ttrue\n    \t^");
    }

    @Test
    void snippetOfAVeryLongLineIsCutAroundTheError() {
        KdlParseException e = failure("n " + "\"a\" ".repeat(10_000) + "true");
        assertThat(e.snippet().lines().findFirst().orElseThrow())
                .hasSizeLessThanOrEqualTo(100)
                .endsWith("true");
    }

    @Test
    void disallowedCodePointsAreRejectedWithTheirLocation() {
        KdlParseException e = failure("a\n b \u202E\n");
        assertThat(e.location()).isEqualTo(new KdlLocation(2, 4));
        assertThat(e.problem()).contains("U+202E");
    }

    @Test
    void hostileNestingIsAnErrorNotAStackOverflow() {
        String deep = "a {".repeat(100_000);
        assertThat(failure(deep).problem()).contains("nested more than");
    }

    @Test
    void invalidUtf8IsAnErrorWithTheLineItIsOn() {
        byte[] bytes = {'a', '\n', 'b', ' ', (byte) 0xFF};
        assertThatThrownBy(() -> KdlParser.parse(bytes))
                .isInstanceOf(KdlParseException.class)
                .hasMessageContaining("2:3: invalid UTF-8 at byte 4");
    }

    @Test
    void crlfCountsAsOneLine() {
        assertThat(failure("a 1\r\nb 2\r\nc true\r\n").location()).isEqualTo(new KdlLocation(3, 3));
    }
}
