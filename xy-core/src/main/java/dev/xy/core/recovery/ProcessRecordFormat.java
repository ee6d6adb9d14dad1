package dev.xy.core.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xy.core.rpc.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON form of a {@link ProcessRecord}, version 1: one small object, such as
 *
 * <pre>{"v":1,"name":"alpha","pid":4242,"pgid":4242,"sid":4242,"start_clock":"linux-boot:3e5f…",
 * "start":123456,"started_at":"2026-11-26T14:07:30.120Z","command":["node","server.js"],
 * "written_at":"2026-11-26T14:07:30.125Z"}</pre>
 *
 * Reading is lenient about what it does not need (unknown fields are ignored, so a later v1 may add some;
 * {@code started_at}, {@code command} and {@code written_at} may be missing) and strict about what identifies
 * the process: {@code v}, {@code name}, {@code pid}, {@code start_clock} and {@code start} must be there and
 * well-formed, or the record is refused with the reason.
 */
final class ProcessRecordFormat {
    static final int VERSION = 1;

    /** A record file that cannot be understood, with the reason why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private ProcessRecordFormat() {}

    static byte[] write(ProcessRecord record) {
        ObjectNode json = Json.LENIENT.createObjectNode();
        json.put("v", VERSION);
        json.put("name", record.name());
        json.put("pid", record.pid());
        record.pgid().ifPresent(pgid -> json.put("pgid", pgid));
        record.sid().ifPresent(sid -> json.put("sid", sid));
        json.put("start_clock", record.start().clock());
        json.put("start", record.start().value());
        record.startedAt().ifPresent(at -> json.put("started_at", at.toString()));
        ArrayNode command = json.putArray("command");
        record.command().forEach(command::add);
        json.put("written_at", record.writtenAt().toString());
        try {
            return Json.LENIENT.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a tree of plain values", e);
        }
    }

    static ProcessRecord read(byte[] bytes) throws Invalid {
        JsonNode json;
        try {
            json = Json.LENIENT.readTree(bytes);
        } catch (IOException e) {
            throw new Invalid("not JSON: " + firstLine(e.getMessage()));
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("not a JSON object: " + abbreviate(new String(bytes, StandardCharsets.UTF_8)));
        }
        JsonNode version = json.get("v");
        if (version == null || !version.isIntegralNumber()) {
            throw new Invalid("no version (\"v\")");
        }
        if (version.asLong() != VERSION) {
            throw new Invalid("version " + version + " is not understood here (this xy reads version " + VERSION + ")");
        }
        try {
            return new ProcessRecord(
                    text(json, "name").orElseThrow(() -> missing("name")),
                    required(json, "pid"),
                    number(json, "pgid"),
                    number(json, "sid"),
                    new StartTime(
                            text(json, "start_clock").orElseThrow(() -> missing("start_clock")),
                            required(json, "start")),
                    text(json, "started_at").map(Instant::parse),
                    command(json),
                    text(json, "written_at").map(Instant::parse).orElse(Instant.EPOCH));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new Invalid(e.getMessage());
        }
    }

    private static Invalid missing(String field) {
        return new Invalid("no \"" + field + "\"");
    }

    private static long required(JsonNode json, String field) throws Invalid {
        OptionalLong value = number(json, field);
        if (value.isEmpty()) {
            throw missing(field);
        }
        return value.getAsLong();
    }

    /** Absent or null is empty; another type is an {@link IllegalArgumentException} naming the field. */
    private static Optional<String> text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string, got " + node);
        }
        return Optional.of(node.asText());
    }

    private static OptionalLong number(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an integer, got " + node);
        }
        return OptionalLong.of(node.asLong());
    }

    private static List<String> command(JsonNode json) {
        JsonNode node = json.get("command");
        List<String> words = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(word -> words.add(word.asText()));
        }
        return words;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
