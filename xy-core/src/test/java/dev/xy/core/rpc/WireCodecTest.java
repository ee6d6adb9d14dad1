package dev.xy.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.xy.core.logs.LogStream;
import dev.xy.core.supervisor.ServerState;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming codec against databind's {@link Json#LENIENT}, on every record type of {@link Wire}. */
class WireCodecTest {
    private static final int SAMPLES = 300;

    /** Each wire record alone and as a list, and the lists of strings that error data and results carry. */
    private static List<Type> wireTypes() {
        List<Type> types = new ArrayList<>();
        for (Class<?> record : WireSamples.wireRecords()) {
            types.add(record);
            types.add(WireCodec.listOf(record));
        }
        types.add(WireCodec.listOf(String.class));
        return types;
    }

    private static Object lenient(String json, Type type) throws Exception {
        JavaType javaType = Json.LENIENT.getTypeFactory().constructType(type);
        return Json.LENIENT.convertValue(Json.LENIENT.readTree(json), javaType);
    }

    /** Same answer as databind, or {@link WireCodec.OffShape}: never another answer, never a value databind refuses. */
    private static boolean agrees(String json, Type type) throws Exception {
        Object expected;
        try {
            expected = lenient(json, type);
        } catch (IllegalArgumentException refused) {
            assertThatThrownBy(() -> WireCodec.read(json, type))
                    .as("databind refuses %s as %s", json, type)
                    .isInstanceOf(WireCodec.OffShape.class);
            return false;
        }
        try {
            assertThat(WireCodec.read(json, type)).as("%s as %s", json, type).isEqualTo(expected);
            return true;
        } catch (WireCodec.OffShape offShape) {
            return false;
        }
    }

    @Test
    void whatDatabindWritesReadsBackTheSameWithoutDatabind() throws Exception {
        WireSamples samples = new WireSamples(11);
        for (Type type : wireTypes()) {
            for (int i = 0; i < SAMPLES; i++) {
                String json = Json.LENIENT.writeValueAsString(samples.value(type));
                assertThat(agrees(json, type))
                        .as("%s read plainly as %s", json, type)
                        .isTrue();
            }
        }
    }

    @Test
    void damagedAnswersReadAsDatabindReadsThemOrAreLeftToIt() throws Exception {
        WireSamples samples = new WireSamples(12);
        int plain = 0;
        int all = 0;
        for (Type type : wireTypes()) {
            for (int i = 0; i < SAMPLES; i++) {
                JsonNode tree = Json.LENIENT.valueToTree(samples.value(type));
                for (int j = 0; j < 4; j++) {
                    all++;
                    if (agrees(samples.text(samples.damage(tree)), type)) {
                        plain++;
                    }
                }
            }
        }
        // Unknown fields, missing ones, nulls and unknown enum values are read without databind.
        assertThat(plain).as("read plainly, of %d", all).isGreaterThan(all / 4);
    }

    @Test
    void aNewerDaemonsAnswerReadsPlainly() throws Exception {
        String newer = "{\"name\":\"a\",\"state\":\"hibernating\",\"port\":3001,\"restart_count\":0,"
                + "\"colour\":{\"deep\":[1,{\"x\":null}]},\"mcp\":{\"name\":\"x\",\"tools\":3,\"icons\":[]},"
                + "\"last_exit\":null}";
        assertThat(agrees(newer, Wire.ServerSummary.class)).isTrue();
        Wire.ServerSummary summary = WireCodec.read(newer, Wire.ServerSummary.class);
        assertThat(summary.state()).isNull();
        assertThat(summary.mcp().tools()).isEqualTo(3);
        assertThat(WireCodec.read("{\"state\":\"Running\"}", Wire.ServerSummary.class)
                        .state())
                .isEqualTo(ServerState.RUNNING);
    }

    @Test
    void whatDatabindCoercesIsLeftToIt() throws Exception {
        String[] offShape = {
            "{\"port\":\"3001\"}",
            "{\"port\":3001.0}",
            "{\"port\":3000000000}",
            "{\"pid\":1e3}",
            "{\"pid\":99999999999999999999}",
            "{\"ready\":\"true\"}",
            "{\"ready\":1}",
            "{\"name\":42}",
            "{\"name\":true}",
            "{\"name\":{}}",
            "{\"state\":2}",
            "{\"state\":\"2\"}",
            "{\"state\":\" running\"}",
            "{\"state\":\"\"}",
            "{\"last_exit\":[]}",
            "{\"last_exit\":\"SIGTERM\"}",
            "[]",
            "\"x\"",
            "7"
        };
        for (String json : offShape) {
            assertThatThrownBy(() -> WireCodec.read(json, Wire.ServerSummary.class))
                    .as(json)
                    .isInstanceOf(WireCodec.OffShape.class);
        }
        assertThatThrownBy(() -> WireCodec.read("{\"started\":\"a\"}", Wire.StartResult.class))
                .isInstanceOf(WireCodec.OffShape.class);
        assertThatThrownBy(() -> WireCodec.read("[1]", WireCodec.listOf(String.class)))
                .isInstanceOf(WireCodec.OffShape.class);
    }

    @Test
    void writesWhatDatabindWrites() throws Exception {
        WireSamples samples = new WireSamples(13);
        for (Type type : wireTypes()) {
            if (type == Wire.NoParams.class) {
                continue; // databind refuses to write a record without properties; no client sends one
            }
            for (int i = 0; i < SAMPLES; i++) {
                Object value = samples.value(type);
                assertThat(WireCodec.write(value)).isEqualTo(Json.LENIENT.writeValueAsString(value));
            }
        }
    }

    @Test
    void writesMapsAndRawJsonAsDatabindDoes() throws Exception {
        WireSamples samples = new WireSamples(14);
        for (int i = 0; i < SAMPLES; i++) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", i % 2 == 0 ? (Object) (-32000 - i) : "client_error");
            error.put("message", i % 3 == 0 ? null : "no server named x" + i);
            error.put("data", i % 4 == 0 ? samples.anyJson(3) : samples.value(Wire.StartFailure.class));
            Map<String, Object> whole = Map.of("error", error);
            assertThat(WireCodec.write(whole)).isEqualTo(Json.LENIENT.writeValueAsString(whole));
        }
        Map<Object, Object> notStringKeys = Map.of(1, "one");
        assertThat(WireCodec.write(notStringKeys)).isEqualTo(Json.LENIENT.writeValueAsString(notStringKeys));
    }

    @Test
    void writesEnumsInTheDefaultLocaleAsDatabindDoes() throws Exception {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            // A copy has caches of its own: it makes its enum names in this locale, as a CLI started in it does.
            ObjectMapper startedInTurkish = Json.LENIENT.copy();
            List<Object> values =
                    List.of(ServerState.RUNNING, LogStream.STDOUT, Wire.Host.DAEMON, Wire.EventKind.ADDED);
            assertThat(WireCodec.write(values))
                    .isEqualTo(startedInTurkish.writeValueAsString(values))
                    .contains("\"runn\u0131ng\""); // databind's own lowercasing, kept byte for byte
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void snakeCaseIsJacksonsRule() {
        PropertyNamingStrategies.SnakeCaseStrategy jackson = new PropertyNamingStrategies.SnakeCaseStrategy();
        List<String> names = new ArrayList<>(List.of(
                "uptimeSecs",
                "URL",
                "aURL",
                "URLPath",
                "_private",
                "__x",
                "a_B",
                "already_snake",
                "x",
                "",
                "tsUnixMs",
                "protocolVersion",
                "ABCdef",
                "a1B2",
                "ÄrgerÜber",
                "_",
                "aB_C"));
        for (Class<?> record : WireSamples.wireRecords()) {
            for (RecordComponent component : record.getRecordComponents()) {
                names.add(component.getName());
            }
        }
        for (String name : names) {
            assertThat(RecordShape.snakeCase(name)).as(name).isEqualTo(jackson.translate(name));
        }
    }

    @Test
    void anExplicitNameOnAComponentIsItsNameOnTheWire() throws Exception {
        assertThat(WireCodec.write(new Wire.Target("a", null, null, false)))
                .isEqualTo("{\"name\":\"a\",\"wait\":false}");
        assertThat(WireCodec.read("{\"wait\":true,\"wait_ready\":false}", Wire.Target.class)
                        .waitReady())
                .isTrue();
        assertThat(WireCodec.read("{\"wait\":false}", Wire.ReloadParams.class).waitReady())
                .isFalse();
    }

    /**
     * The codec knows records whose properties are their components, renamed only by {@code @JsonProperty}: a wire
     * record that used another Jackson feature, or a bean getter that databind would write, needs the codec taught.
     */
    @Test
    void wireRecordsUseNoJacksonFeatureTheCodecDoesNotKnow() {
        for (Class<?> record : WireSamples.wireRecords()) {
            assertThat(jacksonAnnotations(record.getAnnotations()))
                    .as(record.getName())
                    .isEmpty();
            for (RecordComponent component : record.getRecordComponents()) {
                List<Annotation> annotations =
                        jacksonAnnotations(component.getAccessor().getAnnotations());
                annotations.removeIf(JsonProperty.class::isInstance);
                assertThat(annotations).as(component.toString()).isEmpty();
            }
            for (Method method : record.getDeclaredMethods()) {
                boolean getter = method.getParameterCount() == 0
                        && !Modifier.isStatic(method.getModifiers())
                        && (method.getName().startsWith("get")
                                || method.getName().startsWith("is"));
                assertThat(getter)
                        .as("a bean getter databind would write: %s", method)
                        .isFalse();
            }
        }
    }

    private static List<Annotation> jacksonAnnotations(Annotation[] annotations) {
        List<Annotation> jackson = new ArrayList<>();
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().startsWith("com.fasterxml")) {
                jackson.add(annotation);
            }
        }
        return jackson;
    }
}
