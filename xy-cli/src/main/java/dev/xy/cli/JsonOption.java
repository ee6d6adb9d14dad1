package dev.xy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --json} option: print exactly the daemon's result instead of the human view. */
final class JsonOption {
    @Option(names = "--json", description = "Print the daemon's JSON result as is.")
    boolean json;

    void print(PrintWriter out, JsonNode result) throws JsonProcessingException {
        out.println(Json.MAPPER.writeValueAsString(result));
    }
}
