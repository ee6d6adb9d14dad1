package dev.xy.core.kdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After a syntax error the parser skips to the end of the broken node and goes on: every independent mistake is
 * reported once, at its own place, and none is an echo of another.
 */
class KdlParserRecoveryTest {
    private static final String FOUR_MISTAKES =
            """
            command "npx" true
            args "-y" "@modelcontextprotocol/server-everything
            port 30O1
            working-dir C:\\mcp
            autostart #true
            """;

    private static List<String> errors(String text) {
        return KdlParser.tryParse(text).errors().stream()
                .map(e -> e.location() + " " + e.problem())
                .toList();
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of(
                        "four independent mistakes in a server config",
                        FOUR_MISTAKES,
                        List.of(
                                "1:15 bare `true` is not allowed in KDL 2",
                                "2:11 unterminated string: a quoted string must close on the line where it opens",
                                "3:6 invalid number `30O1`",
                                "4:15 a `\\` outside a string continues the line")),
                Arguments.of(
                        "errors inside a block and after it",
                        "env {\n  A true\n  B \"x\"\"y\"\n}\nport null\n",
                        List.of(
                                "2:5 bare `true`",
                                "3:8 expected whitespace before this argument or property",
                                "5:6 bare `null`")),
                Arguments.of(
                        "the block of a broken node is still read",
                        "a true {\n  b false\n}\nc 1\n",
                        List.of("1:3 bare `true`", "2:5 bare `false`")),
                Arguments.of(
                        "stray closing braces, each once",
                        "a 1\n}\nb true\n}\n",
                        List.of(
                                "2:1 unexpected } with no open children block",
                                "3:3 bare `true`",
                                "4:1 unexpected } with no open children block")),
                Arguments.of(
                        "nodes on one line, separated by ;",
                        "a true; b 1; c false",
                        List.of("1:3 bare `true`", "1:16 bare `false`")),
                Arguments.of(
                        "an unterminated string ends at its line",
                        "env {\n  FOO \"bar\n  BAR true\n}\nport 1.2.3\n",
                        List.of("2:7 unterminated string", "3:7 bare `true`", "5:6 invalid number `1.2.3`")),
                Arguments.of(
                        "an unterminated string before a block leaves the block open",
                        "env \"x {\n  FOO \"bar\"\n}\nport true\n",
                        List.of("1:5 unterminated string", "4:6 bare `true`")),
                Arguments.of(
                        "a bad escape does not hide the block after the string",
                        "a \"\\q\" {\n  b true\n}\n",
                        List.of("1:4 invalid escape `\\q`", "2:5 bare `true`")),
                Arguments.of(
                        "a one-line \"\"\" string is stepped over whole",
                        "a \"\"\"abc\"\"\" {\n  b true\n}\nc #yes\n",
                        List.of(
                                "1:6 a \"\"\" string must start a new line",
                                "2:5 bare `true`",
                                "4:3 unknown keyword #yes")),
                Arguments.of(
                        "every block still open at the end",
                        "a {\n  b {\n    c true\n",
                        List.of("1:3 unclosed children block", "2:5 unclosed children block", "3:7 bare `true`")),
                Arguments.of(
                        "an unterminated multi-line string swallows the rest, and is the only error there",
                        "x 1.2.3\na {\n  b \"\"\"\n  c true\n}\n",
                        List.of("1:3 invalid number `1.2.3`", "3:5 unterminated multi-line string")),
                Arguments.of(
                        "an unclosed block comment swallows the rest",
                        "a true\nb /* c\n}\n",
                        List.of("1:3 bare `true`", "2:3 unclosed block comment")),
                Arguments.of(
                        "a disallowed code point is reported once, not again as a syntax error",
                        "comm\u200Eand \"x\"\nport true\n",
                        List.of("1:5 the code point U+200E may not appear", "2:6 bare `true`")),
                Arguments.of(
                        "a comment that holds a brace is not a brace",
                        "a true // }\nb #yes /* { */\nc null\n",
                        List.of("1:3 bare `true`", "2:3 unknown keyword #yes", "3:3 bare `null`")),
                Arguments.of(
                        "a raw string that holds a brace is not a brace",
                        "a true #\"}\"# {\n  b false\n}\n",
                        List.of("1:3 bare `true`", "2:5 bare `false`")),
                Arguments.of(
                        "commented-out nodes are still checked",
                        "/- a true\nb false\n",
                        List.of("1:6 bare `true`", "2:3 bare `false`")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void reportsEveryMistakeOnceAtItsPlace(String what, String text, List<String> expected) {
        List<String> found = errors(text);
        assertThat(found).as("errors of %s", what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(found.get(i)).startsWith(expected.get(i));
        }
    }

    @Test
    void eachErrorKeepsItsSnippetAndHint() {
        List<KdlParseException> errors = KdlParser.tryParse(FOUR_MISTAKES).errors();
        assertThat(errors)
                .extracting(KdlParseException::snippet)
                .containsExactly(
                        "command \"npx\" true\n              ^",
                        "args \"-y\" \"@modelcontextprotocol/server-everything\n          ^",
                        "port 30O1\n     ^",
                        "working-dir C:\\mcp\n              ^");
        assertThat(errors)
                .extracting(e -> e.hint().orElseThrow())
                .containsExactly(
                        "KDL 2 writes #true for the keyword, or \"true\" for the text",
                        "close it with \", or use \\n or a \"\"\" string for several lines",
                        "numbers look like 42, -1.5, 1e10, 0xFF, 0o755, 0b1010; quote text that starts with a digit",
                        "to put a backslash in a value, quote it: \"a\\\\b\"");
    }

    @Test
    void parseFailsWithTheFirstErrorInDocumentOrder() {
        KdlParseException e =
                catchThrowableOfType(KdlParseException.class, () -> KdlParser.parse("a {\n  b true\n  c null\n"));
        assertThat(e.location()).isEqualTo(new KdlLocation(1, 3));
        assertThat(e.problem()).isEqualTo("unclosed children block");
    }

    @Test
    void aValidDocumentHasNoErrors() {
        KdlParseResult result = KdlParser.tryParse("a 1 {\n  b #true\n}\n");
        assertThat(result.errors()).isEmpty();
        assertThat(result.omitted()).isZero();
        assertThat(result.document())
                .hasValueSatisfying(d -> assertThat(d.nodes()).hasSize(1));
    }

    @Test
    void errorsBeyondTheCapAreCountedNotKept() {
        KdlParseResult result = KdlParser.tryParse("a true\n".repeat(120));
        assertThat(result.errors()).hasSize(KdlParseResult.MAX_ERRORS);
        assertThat(result.errors().get(49).location()).isEqualTo(new KdlLocation(50, 3));
        assertThat(result.omitted()).isEqualTo(70);
    }

    @Test
    void theCapKeepsTheFirstErrorsOfTheDocumentWhateverTheirKind() {
        String text = "a true\n" + "b \u200E\n".repeat(60);
        KdlParseResult result = KdlParser.tryParse(text);
        assertThat(result.errors()).hasSize(KdlParseResult.MAX_ERRORS);
        assertThat(result.errors().get(0).problem()).startsWith("bare `true`");
        assertThat(result.omitted()).isEqualTo(11);
    }

    @Test
    void invalidUtf8IsTheOnlyErrorReported() {
        byte[] bytes = {'a', ' ', 't', 'r', 'u', 'e', '\n', (byte) 0xFF};
        KdlParseResult result = KdlParser.tryParse(bytes);
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.problem())
                .startsWith("invalid UTF-8"));
    }
}
