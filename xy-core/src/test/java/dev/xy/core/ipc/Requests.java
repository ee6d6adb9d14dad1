package dev.xy.core.ipc;

import static dev.xy.core.ipc.Replies.id;
import static dev.xy.core.ipc.Replies.nullId;

import dev.xy.core.rpc.ErrorCodes;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Request lines for the hostile-clients suite: well-formed ones, and a table of malformed ones. */
final class Requests {
    private Requests() {}

    static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    static String notification(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params)
                + "}";
    }

    /**
     * Lines a confused or hostile client may send, each with the error it must get: (what, line, code, id,
     * something the message must mention or null).
     */
    static Stream<Arguments> malformed() {
        String longMethod = "m".repeat(10_000);
        return Stream.of(
                Arguments.of("truncated JSON", "{\"jsonrpc\":\"2.0\",", ErrorCodes.PARSE_ERROR, nullId(), null),
                Arguments.of("not JSON at all", "hello daemon", ErrorCodes.PARSE_ERROR, nullId(), null),
                Arguments.of("a single quote", "'", ErrorCodes.PARSE_ERROR, nullId(), null),
                Arguments.of("NaN", "NaN", ErrorCodes.PARSE_ERROR, nullId(), null),
                Arguments.of(
                        "a request with trailing junk",
                        request(1, "list", null) + " junk",
                        ErrorCodes.PARSE_ERROR,
                        nullId(),
                        null),
                Arguments.of(
                        "two requests on one line",
                        request(1, "list", null) + request(2, "list", null),
                        ErrorCodes.PARSE_ERROR,
                        nullId(),
                        null),
                Arguments.of("a number", "42", ErrorCodes.INVALID_REQUEST, nullId(), null),
                Arguments.of("a string", "\"list\"", ErrorCodes.INVALID_REQUEST, nullId(), null),
                Arguments.of("null", "null", ErrorCodes.INVALID_REQUEST, nullId(), null),
                Arguments.of("true", "true", ErrorCodes.INVALID_REQUEST, nullId(), null),
                Arguments.of("an empty object", "{}", ErrorCodes.INVALID_REQUEST, nullId(), null),
                Arguments.of(
                        "no method", "{\"jsonrpc\":\"2.0\",\"id\":1}", ErrorCodes.INVALID_REQUEST, id(1), "method"),
                Arguments.of(
                        "no jsonrpc", "{\"id\":1,\"method\":\"list\"}", ErrorCodes.INVALID_REQUEST, id(1), "jsonrpc"),
                Arguments.of(
                        "jsonrpc 1.0",
                        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"list\"}",
                        ErrorCodes.INVALID_REQUEST,
                        id(1),
                        "jsonrpc"),
                Arguments.of(
                        "jsonrpc as a number",
                        "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"list\"}",
                        ErrorCodes.INVALID_REQUEST,
                        id(1),
                        "jsonrpc"),
                Arguments.of(
                        "id as an object",
                        "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"list\"}",
                        ErrorCodes.INVALID_REQUEST,
                        nullId(),
                        "id"),
                Arguments.of(
                        "id as an array",
                        "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"list\"}",
                        ErrorCodes.INVALID_REQUEST,
                        nullId(),
                        "id"),
                Arguments.of(
                        "id as a boolean",
                        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"list\"}",
                        ErrorCodes.INVALID_REQUEST,
                        nullId(),
                        "id"),
                Arguments.of(
                        "method as a number",
                        request(1, "x", null).replace("\"x\"", "42"),
                        ErrorCodes.INVALID_REQUEST,
                        id(1),
                        "method"),
                Arguments.of(
                        "method as null",
                        request(1, "x", null).replace("\"x\"", "null"),
                        ErrorCodes.INVALID_REQUEST,
                        id(1),
                        "method"),
                Arguments.of(
                        "method as an object",
                        request(1, "x", null).replace("\"x\"", "{\"name\":\"list\"}"),
                        ErrorCodes.INVALID_REQUEST,
                        id(1),
                        "method"),
                Arguments.of(
                        "params as a string",
                        request(1, "list", "\"all\""),
                        ErrorCodes.INVALID_REQUEST,
                        id(1),
                        "params"),
                Arguments.of(
                        "params as a number", request(1, "list", "7"), ErrorCodes.INVALID_REQUEST, id(1), "params"),
                Arguments.of("params as null", request(1, "list", "null"), ErrorCodes.INVALID_REQUEST, id(1), "params"),
                Arguments.of(
                        "positional params",
                        request(1, "status", "[\"sleeper\"]"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "named"),
                Arguments.of("an unknown method", request(1, "nope", null), ErrorCodes.METHOD_NOT_FOUND, id(1), "nope"),
                Arguments.of("an empty method", request(1, "", null), ErrorCodes.METHOD_NOT_FOUND, id(1), null),
                Arguments.of(
                        "a 10,000-character method",
                        request(1, longMethod, null),
                        ErrorCodes.METHOD_NOT_FOUND,
                        id(1),
                        null),
                Arguments.of(
                        "a method differing in case",
                        request(1, "LIST", null),
                        ErrorCodes.METHOD_NOT_FOUND,
                        id(1),
                        null),
                Arguments.of(
                        "an rpc.* method", request(1, "rpc.discover", null), ErrorCodes.METHOD_NOT_FOUND, id(1), null),
                Arguments.of(
                        "a name that is a number",
                        request(1, "status", "{\"name\":42}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`name`"),
                Arguments.of(
                        "a name that is null",
                        request(1, "status", "{\"name\":null}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`name`"),
                Arguments.of(
                        "a name that is an array",
                        request(1, "status", "{\"name\":[\"sleeper\"]}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`name`"),
                Arguments.of(
                        "a name that is an object",
                        request(1, "status", "{\"name\":{\"a\":1}}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`name`"),
                Arguments.of(
                        "a name that is a boolean",
                        request(1, "status", "{\"name\":true}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`name`"),
                Arguments.of(
                        "status without a name",
                        request(1, "status", "{}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`name`"),
                Arguments.of(
                        "an unknown param",
                        request(1, "status", "{\"name\":\"sleeper\",\"x\":1}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`x`"),
                Arguments.of(
                        "a param for a method that takes none",
                        request(1, "list", "{\"all\":true}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`all`"),
                Arguments.of(
                        "tail as a string",
                        request(1, "logs", "{\"name\":\"sleeper\",\"tail\":\"10\"}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`tail`"),
                Arguments.of(
                        "tail as a fraction",
                        request(1, "logs", "{\"name\":\"sleeper\",\"tail\":1.5}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`tail`"),
                Arguments.of(
                        "tail beyond an int",
                        request(1, "logs", "{\"name\":\"sleeper\",\"tail\":99999999999}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`tail`"),
                Arguments.of(
                        "tail beyond a long",
                        request(1, "logs", "{\"name\":\"sleeper\",\"tail\":1" + "0".repeat(40) + "}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`tail`"),
                Arguments.of(
                        "a negative tail",
                        request(1, "logs", "{\"name\":\"sleeper\",\"tail\":-1}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`tail`"),
                Arguments.of(
                        "follow as a string",
                        request(1, "logs", "{\"name\":\"sleeper\",\"follow\":\"yes\"}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`follow`"),
                Arguments.of(
                        "follow as a number",
                        request(1, "logs", "{\"name\":\"sleeper\",\"follow\":1}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`follow`"),
                Arguments.of(
                        "names as a string",
                        request(1, "stop", "{\"names\":\"sleeper\"}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`names`"),
                Arguments.of(
                        "names holding a number",
                        request(1, "stop", "{\"names\":[1]}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "names"),
                Arguments.of(
                        "all as a string",
                        request(1, "stop", "{\"all\":\"true\"}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`all`"),
                Arguments.of(
                        "wait as a number",
                        request(1, "start", "{\"name\":\"sleeper\",\"wait\":0}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`wait`"),
                Arguments.of(
                        "both name and all",
                        request(1, "stop", "{\"name\":\"sleeper\",\"all\":true}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        null),
                Arguments.of(
                        "a subscription id as a number",
                        request(1, "logs_cancel", "{\"subscription_id\":5}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "`subscription_id`"),
                Arguments.of(
                        "an unknown subscription",
                        request(1, "unsubscribe", "{\"subscription_id\":\"state-9\"}"),
                        ErrorCodes.INVALID_PARAMS,
                        id(1),
                        "state-9"),
                Arguments.of(
                        "an unknown server",
                        request("\"é\"", "status", "{\"name\":\"nobody\"}"),
                        ErrorCodes.SERVER_NOT_FOUND,
                        id("é"),
                        "nobody"),
                Arguments.of(
                        "params nested 5,000 deep",
                        request(1, "status", "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                        ErrorCodes.PARSE_ERROR,
                        nullId(),
                        null));
    }
}
