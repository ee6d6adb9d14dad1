package dev.xy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.xy.core.rpc.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --json} option: print the daemon's answer (or error) as JSON, for scripts, instead of the human view. */
final class JsonOption {
    static final String NAME = "--json";

    @Option(names = NAME, description = "Print the daemon's JSON answer (or error object) as is, on stdout.")
    boolean json;

    void print(PrintWriter out, Object result) throws JsonProcessingException {
        out.println(Json.LENIENT.writeValueAsString(result));
    }
}
