package dev.xy.core.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.ErrorData;
import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One line from the daemon: its JSON-RPC envelope (id, method, error code and message) read at once, its payload
 * ({@code result}, {@code params}, error {@code data}) decoded when the caller knows its type.
 *
 * <p>Lines in the plain shape a daemon writes are read with {@link WireCodec}. A line, or a payload, that is not
 * ({@link WireCodec.OffShape}) is read as a tree by {@link Json#LENIENT}, exactly as this client always read every
 * line: both ways give the same answers, and only odd input pays for loading databind.
 */
final class Envelope {
    private final String line;
    private JsonNode tree;
    private boolean notification;
    private String method = "";
    private boolean hasId;
    private boolean idIsNull;
    private long id;
    private boolean error;
    private int errorCode = ErrorCodes.INTERNAL_ERROR;
    private String errorMessage = "";
    private boolean errorData;

    private Envelope(String line) {
        this.line = line;
    }

    /** Reads the envelope; a line that is not JSON fails as it did when every line was read as a tree. */
    static Envelope read(String line) throws IOException {
        Envelope plain = new Envelope(line);
        try {
            plain.readPlain();
            return plain;
        } catch (IOException offShapeOrBroken) {
            Envelope lenient = new Envelope(line);
            lenient.tree = Json.LENIENT.readTree(line);
            lenient.headerFromTree();
            return lenient;
        }
    }

    /** Whether everything read so far was read without databind. */
    boolean isPlain() {
        return tree == null;
    }

    /** A notification: it names a method. */
    boolean isNotification() {
        return notification;
    }

    String method() {
        return method;
    }

    boolean hasId() {
        return hasId;
    }

    /** Whether the id is JSON null: said to the connection as a whole. */
    boolean idIsNull() {
        return idIsNull;
    }

    long id() {
        return id;
    }

    boolean isError() {
        return error;
    }

    int errorCode() {
        return errorCode;
    }

    String errorMessage() {
        return errorMessage;
    }

    /** The error's {@code data}, typed by its code as {@link ErrorData#decode} types it. */
    Object errorData() {
        if (tree == null) {
            if (!errorData) {
                return null;
            }
            Type type = ErrorData.type(errorCode);
            if (type != null) {
                try (JsonParser parser = WireCodec.factory().createParser(line)) {
                    parser.nextToken();
                    if (toField(parser, "error") && toField(parser, "data")) {
                        return WireCodec.read(parser, type);
                    }
                } catch (IOException offShape) {
                    // Read as a tree below: databind's coercions decide, and what does not decode is kept raw.
                }
            }
            readTree();
        }
        return ErrorData.decode(errorCode, tree.path("error").get("data"));
    }

    <T> T result(Class<T> type) {
        return type.cast(payload("result", type));
    }

    @SuppressWarnings("unchecked")
    <T> List<T> resultList(Class<T> element) {
        return (List<T>) payload("result", WireCodec.listOf(element));
    }

    <T> T params(Class<T> type) {
        return type.cast(payload("params", type));
    }

    /** The {@code subscription_id} of a notification's params, or "" when there is none. */
    String subscriptionId() {
        if (tree == null) {
            try (JsonParser parser = WireCodec.factory().createParser(line)) {
                parser.nextToken();
                if (!toField(parser, "params") || parser.currentToken() != JsonToken.START_OBJECT) {
                    return ""; // what a tree's path(…).asText() gives for anything but an object
                }
                String id = "";
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean wanted = parser.currentName().equals("subscription_id");
                    JsonToken value = parser.nextToken();
                    if (!wanted) {
                        parser.skipChildren();
                    } else if (value == JsonToken.VALUE_STRING) {
                        id = parser.getText(); // a repeated name: the last one counts, as in a tree
                    } else {
                        throw new WireCodec.OffShape("a subscription id that is not a string");
                    }
                }
                return id;
            } catch (IOException offShape) {
                readTree();
            }
        }
        return tree.path("params").path("subscription_id").asText();
    }

    /** The member {@code field} of the top-level object as {@code type}; null when absent, as databind gives it. */
    Object payload(String field, Type type) {
        if (tree == null) {
            try (JsonParser parser = WireCodec.factory().createParser(line)) {
                parser.nextToken();
                return toField(parser, field) ? WireCodec.read(parser, type) : null;
            } catch (IOException offShape) {
                readTree();
            }
        }
        return Json.LENIENT.convertValue(
                tree.path(field), Json.LENIENT.getTypeFactory().constructType(type));
    }

    /**
     * Moves an object's parser (at its START_OBJECT) to the value of its member {@code name}, skipping the rest;
     * false when there is none. Only used on members that the envelope found once.
     */
    private static boolean toField(JsonParser parser, String name) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean found = parser.currentName().equals(name);
            parser.nextToken();
            if (found) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private void readPlain() throws IOException {
        try (JsonParser parser = WireCodec.factory().createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new WireCodec.OffShape("not an object");
            }
            int seen = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "method" -> {
                        seen = once(seen, 1);
                        notification = true;
                        method = text(parser, value);
                    }
                    case "id" -> {
                        seen = once(seen, 2);
                        hasId = true;
                        idIsNull = value == JsonToken.VALUE_NULL;
                        id = idIsNull ? 0 : longValue(parser, value);
                    }
                    case "error" -> {
                        seen = once(seen, 4);
                        readError(parser, value);
                    }
                    case "result" -> {
                        seen = once(seen, 8);
                        parser.skipChildren();
                    }
                    case "params" -> {
                        seen = once(seen, 16);
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
        }
    }

    private void readError(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw new WireCodec.OffShape("an error that is not an object");
        }
        error = true;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "code" -> {
                    seen = once(seen, 1);
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                        throw new WireCodec.OffShape("an error code that is not an int");
                    }
                    errorCode = parser.getIntValue();
                }
                case "message" -> {
                    seen = once(seen, 2);
                    errorMessage = text(parser, value);
                }
                case "data" -> {
                    seen = once(seen, 4);
                    errorData = value != JsonToken.VALUE_NULL;
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
    }

    /** A member read twice would be the last one in a tree: left to the tree. */
    private static int once(int seen, int bit) throws WireCodec.OffShape {
        if ((seen & bit) != 0) {
            throw new WireCodec.OffShape("a repeated member");
        }
        return seen | bit;
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new WireCodec.OffShape("not a string");
        }
        return parser.getText();
    }

    private static long longValue(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new WireCodec.OffShape("an id that is not a long");
        }
        return parser.getLongValue();
    }

    /** The way this client read every line before, with the same accessors: what they give is what it did. */
    private void headerFromTree() {
        notification = tree.has("method");
        method = tree.path("method").asText();
        hasId = tree.has("id");
        id = hasId ? tree.get("id").asLong() : 0;
        idIsNull = tree.path("id").isNull();
        JsonNode node = tree.get("error");
        error = node != null;
        if (error) {
            errorCode = node.path("code").asInt(ErrorCodes.INTERNAL_ERROR);
            errorMessage = node.path("message").asText();
        }
    }

    /** For a payload that is off-shape: the line as a tree, which parses, since the envelope did. */
    private void readTree() {
        try {
            tree = Json.LENIENT.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
