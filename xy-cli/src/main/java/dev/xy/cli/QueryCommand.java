package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.client.DaemonClient;
import dev.xy.core.daemon.ExitCodes;
import java.io.PrintWriter;

/**
 * A command that asks the daemon one thing and shows the answer: as JSON with {@code --json}, else for people.
 *
 * @param <T> the answer's type
 */
abstract class QueryCommand<T> extends ClientCommand {
    final JsonOption json;

    QueryCommand(XyCommand parent, String name, String... description) {
        super(parent, name, description);
        json = new JsonOption(spec);
    }

    /** The request to the daemon. */
    abstract T ask(XyApi api) throws Exception;

    /** The human view of the answer; {@code api} is there for a command that needs a second look. */
    abstract void describe(T result, PrintWriter out, XyApi api) throws Exception;

    @Override
    public Integer call() throws Exception {
        try (DaemonClient api = connect()) {
            T result = ask(api);
            if (json.given()) {
                json.print(out(), result);
            } else {
                describe(result, out(), api);
            }
        }
        return ExitCodes.OK;
    }
}
