package dev.xy.core.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Lists a server's tools with {@code tools/list}, following {@code nextCursor} through a bounded number of pages. */
final class ToolPages {
    /** Enough for any real server; a server that pages forever is cut off here rather than holding the probe. */
    static final int MAX_PAGES = 20;

    /** One JSON-RPC call in a given era: the era adds its headers and {@code _meta}. */
    interface Call {
        McpHttp.Reply call(String method, ObjectNode params) throws ProbeFailure;
    }

    private ToolPages() {}

    static List<String> names(Call call) throws ProbeFailure {
        List<String> names = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode params = McpHttp.JSON.createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode result = call.call("tools/list", params).result();
            JsonNode tools = result.get("tools");
            if (tools == null || !tools.isArray()) {
                throw McpHttp.notMcp("the result of tools/list has no tools array");
            }
            for (JsonNode tool : tools) {
                String name = tool.path("name").asText("");
                if (name.isEmpty()) {
                    throw McpHttp.notMcp("tools/list has a tool without a name");
                }
                names.add(name);
            }
            JsonNode next = result.get("nextCursor");
            if (next == null || !next.isTextual() || next.asText().isEmpty()) {
                return names;
            }
            cursor = next.asText();
        }
        return names;
    }
}
