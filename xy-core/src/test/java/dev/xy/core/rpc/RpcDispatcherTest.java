package dev.xy.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON-RPC session logic, without sockets. */
class RpcDispatcherTest {
    private final List<String> calls = new ArrayList<>();
    private final RpcDispatcher dispatcher = new RpcDispatcher(Map.of(
            "echo",
                    (params, peer) -> {
                        calls.add("echo");
                        return params;
                    },
            "fail",
                    (params, peer) -> {
                        throw new RpcException(ErrorCodes.SERVER_NOT_FOUND, "no server named x", List.of("x"));
                    },
            "crash",
                    (params, peer) -> {
                        throw new IllegalStateException("bug");
                    }));

    private static final RpcPeer NO_PEER = new RpcPeer() {
        @Override
        public void sendNotificationWaiting(String method, Object params) {}

        @Override
        public void sendNotification(String method, Object params) {}

        @Override
        public void sendNotificationAfterReply(String method, Object params) {}

        @Override
        public void onClose(Runnable cleanup) {}

        @Override
        public void afterReply(Runnable task) {}

        @Override
        public Runnable openStream() {
            return () -> {};
        }
    };

    private JsonNode reply(String line) throws Exception {
        Optional<String> reply = dispatcher.handle(line, NO_PEER);
        assertThat(reply).as("a reply to " + line).isPresent();
        return Json.STRICT.readTree(reply.get());
    }

    @Test
    void answersWithTheResultAndTheSameId() throws Exception {
        JsonNode reply = reply("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"echo\",\"params\":{\"a\":1}}");
        assertThat(reply.toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"result\":{\"a\":1}}");
    }

    @Test
    void notificationsRunButGetNoReplyEvenWhenTheyFail() {
        assertThat(dispatcher.handle("{\"jsonrpc\":\"2.0\",\"method\":\"echo\"}", NO_PEER))
                .isEmpty();
        assertThat(dispatcher.handle("{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}", NO_PEER))
                .isEmpty();
        assertThat(calls).containsExactly("echo");
    }

    @Test
    void errorsCarryCodeMessageAndData() throws Exception {
        JsonNode error =
                reply("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"fail\"}").get("error");
        assertThat(error.toString()).isEqualTo("{\"code\":-32001,\"message\":\"no server named x\",\"data\":[\"x\"]}");
    }

    @Test
    void aBugInAHandlerIsAnInternalErrorNotACrash() throws Exception {
        assertThat(reply("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"crash\"}")
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(ErrorCodes.INTERNAL_ERROR);
    }

    @Test
    void malformedInputGetsTheStandardCodes() throws Exception {
        assertThat(reply("{oops").path("error").path("code").asInt()).isEqualTo(ErrorCodes.PARSE_ERROR);
        assertThat(reply("[]").path("error").path("code").asInt()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(reply("\"text\"").path("error").path("code").asInt()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(reply("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"echo\"}")
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(reply("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":3}")
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(reply("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}")
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(reply("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope\"}")
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
    }

    @Test
    void aLineWithMoreThanOneValueIsAParseErrorNotHalfAnAnswer() throws Exception {
        String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}";
        for (String line : new String[] {request + request, request + " junk", request + " 2", "[] []"}) {
            JsonNode reply = reply(line);
            assertThat(reply.path("error").path("code").asInt()).as(line).isEqualTo(ErrorCodes.PARSE_ERROR);
            assertThat(reply.get("id").isNull()).isTrue();
        }
        assertThat(calls).isEmpty();
        assertThat(reply(request + "  \t").has("result")).isTrue();
    }

    @Test
    void numericIdsAreEchoedAsWritten() {
        for (String id : new String[] {"1e400", "0.10", "-7", "123456789012345678901234567890"}) {
            assertThat(dispatcher.handle("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"echo\"}", NO_PEER))
                    .get()
                    .asString()
                    .startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + new java.math.BigDecimal(id) + ",");
        }
    }

    @Test
    void aBatchIsAnsweredAsABatchWithoutItsNotifications() throws Exception {
        JsonNode reply = reply(
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"},{\"jsonrpc\":\"2.0\",\"method\":\"echo\"},5]");
        assertThat(reply.isArray()).isTrue();
        assertThat(reply).hasSize(2);
        assertThat(reply.get(1).path("error").path("code").asInt()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(dispatcher.handle("[{\"jsonrpc\":\"2.0\",\"method\":\"echo\"}]", NO_PEER))
                .isEmpty();
    }

    @Test
    void noLineAtAllCanMakeItThrow() {
        String[] pieces = {
            "{",
            "}",
            "[",
            "]",
            "\"jsonrpc\"",
            ":",
            "\"2.0\"",
            ",",
            "\"id\"",
            "1",
            "null",
            "\"method\"",
            "\"echo\"",
            "\"params\"",
            "{}",
            "[]",
            "\"\\u0000\"",
            "1e999",
            "-",
            "\"",
            "true"
        };
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int j = random.nextInt(14); j >= 0; j--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            Optional<String> reply = dispatcher.handle(line.toString(), NO_PEER);
            reply.ifPresent(
                    r -> assertThat(r).matches("\\[?\\{\"jsonrpc\":\"2\\.0\".*").doesNotContain("\n"));
        }
    }

    record NameOnly(String name) {}

    record Counted(String name, Integer tail, Boolean follow) {}

    private static RpcException bindFails(String json, Class<?> type) throws Exception {
        JsonNode params = Json.STRICT.readTree(json);
        try {
            Params.bind("status", params, type);
        } catch (RpcException e) {
            assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
            return e;
        }
        throw new AssertionError(json + " bound");
    }

    @Test
    void anUnknownParamIsNamedWithTheMethodAndWhatItTakes() throws Exception {
        assertThat(bindFails("{\"nmae\":\"x\"}", NameOnly.class).getMessage())
                .isEqualTo("invalid params for status: unknown param `nmae` (it takes `name`)")
                .doesNotContain("dev.xy", "class");
        assertThat(bindFails("{\"a\":1}", Wire.NoParams.class).getMessage())
                .isEqualTo("invalid params for status: unknown param `a` (it takes none)");
    }

    @Test
    void wrongTypesAreRefusedNotCoerced() throws Exception {
        assertThat(bindFails("{\"name\":42}", NameOnly.class).getMessage())
                .isEqualTo("invalid params for status: `name` must be a string");
        assertThat(bindFails("{\"name\":true}", NameOnly.class).getMessage()).contains("`name` must be a string");
        assertThat(bindFails("{\"name\":{}}", NameOnly.class).getMessage()).contains("`name` must be a string");
        assertThat(bindFails("{\"name\":\"a\",\"tail\":\"5\"}", Counted.class).getMessage())
                .contains("`tail` must be an integer");
        assertThat(bindFails("{\"name\":\"a\",\"tail\":1.5}", Counted.class).getMessage())
                .contains("`tail` must be an integer");
        assertThat(bindFails("{\"name\":\"a\",\"follow\":\"yes\"}", Counted.class)
                        .getMessage())
                .contains("`follow` must be true or false");
        assertThat(bindFails("{\"name\":\"a\",\"follow\":1}", Counted.class).getMessage())
                .contains("`follow` must be true or false");
        assertThat(bindFails("{\"name\":\"a\",\"tail\":99999999999}", Counted.class)
                        .getMessage())
                .isEqualTo("invalid params for status: `tail` is out of range: it must be an integer from"
                        + " -2147483648 to 2147483647");
        assertThat(bindFails("{\"name\":\"a\",\"tail\":-1" + "0".repeat(30) + "}", Counted.class)
                        .getMessage())
                .contains("`tail` is out of range");
        assertThat(bindFails("{\"names\":\"a\"}", Wire.Target.class).getMessage())
                .contains("`names` must be an array");
        assertThat(bindFails("{\"names\":[1]}", Wire.Target.class).getMessage())
                .contains("`names[0]` must be a string");
    }

    @Test
    void rightTypesBind() throws Exception {
        Counted bound =
                Params.bind("logs", Json.STRICT.readTree("{\"name\":\"a\",\"tail\":5,\"follow\":true}"), Counted.class);
        assertThat(bound).isEqualTo(new Counted("a", 5, true));
        assertThat(Params.bind("start", Json.STRICT.readTree("{\"all\":true,\"wait\":false}"), Wire.Target.class)
                        .waits())
                .isFalse();
    }
}
