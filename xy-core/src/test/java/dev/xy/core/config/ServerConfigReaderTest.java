package dev.xy.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerConfigReaderTest {
    private static final Path FILE = Path.of("/configs/alpha.kdl");
    private static final String VALID = "command \"/usr/bin/node\"\nport 3001\n";

    private static ServerConfigReader.Result read(Path file, String text) {
        return ServerConfigReader.read(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static ServerConfigReader.Result read(String text) {
        return read(FILE, text);
    }

    @Test
    void minimalConfigGetsEveryDefault() {
        ServerConfig config = read(VALID).config().orElseThrow();
        assertThat(config.name()).isEqualTo("alpha");
        assertThat(config.command()).isEqualTo("/usr/bin/node");
        assertThat(config.port()).isEqualTo(3001);
        assertThat(config.args()).isEmpty();
        assertThat(config.env()).isEmpty();
        assertThat(config.workingDir()).isEmpty();
        assertThat(config.autostart()).isTrue();
        assertThat(config.restart()).isEqualTo(RestartConfig.DEFAULT);
        assertThat(config.stop()).isEqualTo(StopConfig.DEFAULT);
        assertThat(config.logs()).isEqualTo(LogConfig.DEFAULT);
        assertThat(config.health())
                .isEqualTo(new HealthConfig(
                        HealthMode.MCP,
                        "/mcp",
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2),
                        3,
                        Duration.ofSeconds(60)));
    }

    @Test
    void fullConfigReadsEveryNode() {
        String text =
                """
                command "npx"
                args "-y" "@modelcontextprotocol/server-everything" "streamableHttp"
                port 3001
                env {
                    PORT "3001"
                    LOG_LEVEL "debug"
                }
                working-dir "work"
                autostart #false
                restart {
                    policy always
                    backoff-initial "250ms"
                    backoff-max "1h30m"
                    max-retries-per-minute 3
                }
                stop { grace "2s" }
                logs {
                    max-size "512KB"
                    keep 2
                }
                health {
                    mode tcp
                    path "/v1/mcp?key=a"
                    interval "30s"
                    timeout "500ms"
                    failures 5
                    start-timeout "2m"
                }
                """;
        ServerConfig config = read(text).config().orElseThrow();
        assertThat(config.args()).containsExactly("-y", "@modelcontextprotocol/server-everything", "streamableHttp");
        assertThat(config.env()).isEqualTo(Map.of("PORT", "3001", "LOG_LEVEL", "debug"));
        assertThat(config.workingDir()).contains(Path.of("/configs/work"));
        assertThat(config.autostart()).isFalse();
        assertThat(config.restart())
                .isEqualTo(new RestartConfig(RestartPolicy.ALWAYS, Duration.ofMillis(250), Duration.ofMinutes(90), 3));
        assertThat(config.stop().grace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.logs()).isEqualTo(new LogConfig(512 * 1024, 2));
        assertThat(config.health())
                .isEqualTo(new HealthConfig(
                        HealthMode.TCP,
                        "/v1/mcp?key=a",
                        Duration.ofSeconds(30),
                        Duration.ofMillis(500),
                        5,
                        Duration.ofMinutes(2)));
    }

    @Test
    void aPartialHealthBlockKeepsTheOtherDefaults() {
        HealthConfig health = read(VALID + "health {\n  mode none\n}\n")
                .config()
                .orElseThrow()
                .health();
        assertThat(health.mode()).isEqualTo(HealthMode.NONE);
        assertThat(health.path()).isEqualTo("/mcp");
        assertThat(health.startTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void crlfLineEndingsReadLikeLf() {
        ServerConfig config = read("command \"x\"\r\nport 1\r\nenv {\r\n  A \"b\"\r\n}\r\n")
                .config()
                .orElseThrow();
        assertThat(config.env()).containsEntry("A", "b");
    }

    @Test
    void tildeInWorkingDirMeansHome() {
        ServerConfig config = read(VALID + "working-dir \"~/mcp\"").config().orElseThrow();
        assertThat(config.workingDir()).contains(Path.of(System.getProperty("user.home"), "mcp"));
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("comand \"x\"\nport 1\n", "1:1", "unknown node `comand`; did you mean `command`?"),
                Arguments.of(VALID + "prot 2\n", "3:1", "did you mean `port`?"),
                Arguments.of(VALID + "frobnicate 2\n", "3:1", "known nodes: command, args, port"),
                Arguments.of(VALID + "port 2\n", "3:1", "duplicate node `port`; it is already set at line 2"),
                Arguments.of(
                        "command \"x\"\nport \"8080\"\n", "2:6", "`port` must be an integer, got the string \"8080\""),
                Arguments.of("command \"x\"\nport 0\n", "2:6", "`port` must be from 1 to 65535, got 0"),
                Arguments.of("command \"x\"\nport 70000\n", "2:6", "from 1 to 65535, got 70000"),
                Arguments.of(
                        "command \"x\"\nport 123456789012345678901234567890\n",
                        "2:6",
                        "got 123456789012345678901234567890"),
                Arguments.of("command \"x\"\nport 80.5\n", "2:6", "must be an integer, got the number 80.5"),
                Arguments.of("command \"x\"\nport\n", "2:1", "`port` takes one value, an integer; got nothing"),
                Arguments.of(
                        "command \"x\" \"y\"\nport 1\n", "1:1", "`command` takes one value, a string; got 2 values"),
                Arguments.of("command 42\nport 1\n", "1:9", "`command` must be a string, got the number 42"),
                Arguments.of("command \"\"\nport 1\n", "1:9", "`command` must not be empty"),
                Arguments.of(
                        "command \"x\" path=\"y\"\nport 1\n", "1:13", "`command` takes no properties, but has `path=`"),
                Arguments.of(
                        VALID + "args \"--port\" 8080\n",
                        "3:15",
                        "`args` takes strings, got the number 8080; quote it"),
                Arguments.of(VALID + "autostart \"yes\"\n", "3:11", "must be #true or #false"),
                Arguments.of(VALID + "autostart {\n}\n", "3:1", "takes one value"),
                Arguments.of(VALID + "env \"A\"\n", "3:1", "`env` takes a block, not values"),
                Arguments.of(VALID + "env {\n  A 1\n}\n", "4:5", "`A` must be a string, got the number 1"),
                Arguments.of(VALID + "env {\n  A \"1\"\n  A \"2\"\n}\n", "5:3", "duplicate environment variable `A`"),
                Arguments.of(VALID + "env {\n  \"A=B\" \"1\"\n}\n", "4:3", "must be non-empty and contain no ="),
                Arguments.of(
                        VALID + "restart {\n  policy sometimes\n}\n",
                        "4:10",
                        "`policy` must be always, on-failure or never"),
                Arguments.of(
                        VALID + "restart {\n  polcy always\n}\n",
                        "4:3",
                        "unknown node `polcy` in `restart`; did you mean `policy`?"),
                Arguments.of(VALID + "restart {\n  backoff-initial \"soon\"\n}\n", "4:19", "a duration such as"),
                Arguments.of(VALID + "restart {\n  backoff-initial \"0s\"\n}\n", "4:19", "must be at least 1ms"),
                Arguments.of(
                        VALID + "restart {\n  backoff-initial \"1m\"\n  backoff-max \"2s\"\n}\n",
                        "5:3",
                        "`backoff-max` (2s) is shorter than `backoff-initial` (1m)"),
                Arguments.of(VALID + "restart {\n  max-retries-per-minute 0\n}\n", "4:26", "must be from 1 to 10000"),
                Arguments.of(VALID + "stop {\n  grace 10\n}\n", "4:9", "`grace` must be a duration"),
                Arguments.of(VALID + "stop {\n  grace \"10 s\"\n}\n", "4:9", "got \"10 s\""),
                Arguments.of(VALID + "logs {\n  max-size \"10 megs\"\n}\n", "4:12", "a size such as"),
                Arguments.of(VALID + "logs {\n  max-size \"10B\"\n}\n", "4:12", "must be at least 1024 bytes"),
                Arguments.of(VALID + "logs {\n  keep 0\n}\n", "4:8", "`keep` must be from 1 to 1000"),
                Arguments.of(
                        VALID + "health {\n  intervall \"5s\"\n}\n",
                        "4:3",
                        "unknown node `intervall` in `health`; did you mean `interval`?"),
                Arguments.of(
                        VALID + "health {\n  retries 3\n}\n",
                        "4:3",
                        "known nodes in `health`: mode, path, interval, timeout, failures, start-timeout"),
                Arguments.of(
                        VALID + "health {\n  mode tcp\n  mode mcp\n}\n",
                        "5:3",
                        "duplicate node `mode`; it is already set at line 4"),
                Arguments.of(
                        VALID + "health {\n  mode http\n}\n", "4:8", "`mode` must be mcp, tcp or none, got \"http\""),
                Arguments.of(VALID + "health {\n  mode 1\n}\n", "4:8", "`mode` must be a string, got the number 1"),
                Arguments.of(VALID + "health {\n  path \"mcp\"\n}\n", "4:8", "`path` must start with /"),
                Arguments.of(VALID + "health {\n  path \"/m cp\"\n}\n", "4:8", "without spaces or #"),
                Arguments.of(VALID + "health {\n  path \"/mcp#x\"\n}\n", "4:8", "without spaces or #"),
                Arguments.of(VALID + "health {\n  interval 10\n}\n", "4:12", "`interval` must be a duration"),
                Arguments.of(VALID + "health {\n  interval \"50ms\"\n}\n", "4:12", "must be at least 100ms"),
                Arguments.of(VALID + "health {\n  timeout \"0s\"\n}\n", "4:11", "must be at least 10ms"),
                Arguments.of(VALID + "health {\n  start-timeout \"1ms\"\n}\n", "4:17", "must be at least 100ms"),
                Arguments.of(VALID + "health {\n  failures 0\n}\n", "4:12", "`failures` must be from 1 to 100, got 0"),
                Arguments.of(
                        VALID + "health {\n  failures \"3\"\n}\n",
                        "4:12",
                        "`failures` must be an integer, got the string \"3\""),
                Arguments.of(VALID + "health \"mcp\"\n", "3:1", "`health` takes a block, not values"),
                Arguments.of(VALID + "health {\n}\nhealth {\n}\n", "5:1", "duplicate node `health`"),
                Arguments.of(VALID + "(u8)autostart #true\n", "3:1", "type annotations like (u8) are not used"),
                Arguments.of(VALID + "autostart true\n", "3:11", "KDL 2 writes #true"),
                Arguments.of(VALID + "env {\n", "3:5", "unclosed children block"),
                Arguments.of("command \"/usr/bin/node\n", "1:9", "unterminated string"),
                Arguments.of(VALID + "restart {\n  backoff-initial 1s\n}\n", "4:19", "invalid number `1s`"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badConfigs")
    void eachBadConfigIsReportedWhereItIs(String text, String place, String message) {
        ServerConfigReader.Result result = read(text);
        assertThat(result.config()).isEmpty();
        assertThat(result.problems()).anySatisfy(problem -> {
            assertThat(problem.line() + ":" + problem.column()).isEqualTo(place);
            assertThat(problem.message()).contains(message);
            assertThat(problem.snippet()).isPresent();
        });
    }

    @Test
    void missingRequiredNodesAreNamedWithAnExample() {
        List<ConfigProblem> problems = read("autostart #true\n").problems();
        assertThat(problems)
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "missing required node `command`; add a line such as: command \"/path/to/server\"",
                        "missing required node `port`; add a line such as: port 8080");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        String text = "comand \"x\"\nport \"1\"\nautostart 3\nrestart {\n  policy maybe\n}\n";
        assertThat(read(text).problems())
                .extracting(p -> p.line() + ":" + p.column())
                .containsExactly("1:1", "2:6", "3:11", "5:10");
    }

    @Test
    void aTypoOfARequiredNodeIsNotAlsoReportedAsMissing() {
        assertThat(read("comand \"x\"\nport 1\n").problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("did you mean `command`?"));
    }

    @Test
    void badFileNamesAreRejected() {
        for (String name : List.of("Alpha", "has space", "-dash-first", "a".repeat(65), "dot.name", "ünï")) {
            ServerConfigReader.Result result = read(Path.of("/configs/" + name + ".kdl"), VALID);
            assertThat(result.problems()).as(name).singleElement().satisfies(p -> assertThat(p.message())
                    .contains("`" + name + "`", "must match"));
        }
    }

    @Test
    void goodFileNamesAreAccepted() {
        for (String name : List.of("a", "0", "my-server_2", "a".repeat(64))) {
            assertThat(read(Path.of("/c/" + name + ".kdl"), VALID).problems())
                    .as(name)
                    .isEmpty();
        }
    }

    @Test
    void invalidUtf8IsAParseErrorNotACrash() {
        byte[] bytes = {'p', 'o', 'r', 't', ' ', (byte) 0xC3, (byte) 0x28};
        ServerConfigReader.Result result = ServerConfigReader.read(FILE, bytes);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("invalid UTF-8"));
    }

    @Test
    void problemsPrintAsFileLineColumnWithASnippet() {
        ConfigProblem problem = read(VALID + "prot 2\n").problems().get(0);
        assertThat(problem.describe())
                .isEqualTo("/configs/alpha.kdl:3:1: unknown node `prot`; did you mean `port`?\n    prot 2\n    ^");
    }
}
