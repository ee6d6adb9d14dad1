package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.ipc.RpcClient;
import dev.xy.core.rpc.RpcException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand that asks the daemon something; failures reach {@link ErrorReporter} as exceptions. */
abstract class ClientCommand implements Callable<Integer> {
    @ParentCommand
    XyCommand parent;

    @Spec
    CommandSpec spec;

    XyPaths paths() {
        return parent.paths();
    }

    /** One request over a fresh connection. */
    JsonNode request(String method, Object params) throws IOException, RpcException {
        try (RpcClient client = RpcClient.connect(paths().socket())) {
            return client.call(method, params);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
