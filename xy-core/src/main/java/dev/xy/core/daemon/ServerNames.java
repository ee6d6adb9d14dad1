package dev.xy.core.daemon;

import dev.xy.core.config.Suggestions;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import java.util.Collection;
import java.util.List;

/** Which servers a request names, checked against those that exist: pure, so its refusals are table-tested. */
final class ServerNames {
    private ServerNames() {}

    /** The names a target stands for, in a stable order; exactly one form, and every name must exist. */
    static List<String> resolve(Wire.Target target, Collection<String> known) throws RpcException {
        int forms = (target.name() != null ? 1 : 0)
                + (target.names() != null ? 1 : 0)
                + (Boolean.TRUE.equals(target.all()) ? 1 : 0);
        if (forms != 1) {
            throw new RpcException(
                    ErrorCodes.INVALID_PARAMS, "invalid params: give exactly one of name, names or all: true");
        }
        if (Boolean.TRUE.equals(target.all())) {
            return known.stream().sorted().toList();
        }
        List<String> names = target.name() != null ? List.of(target.name()) : target.names();
        List<String> unknown = names.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw notFound(unknown, known);
        }
        return names.stream().distinct().toList();
    }

    /** Names what is unknown, and for a single name the closest known one: typos are the usual cause. */
    static RpcException notFound(List<String> unknown, Collection<String> known) {
        String hint = unknown.size() == 1
                ? Suggestions.closest(unknown.get(0), known)
                        .map(s -> "; did you mean " + s + "?")
                        .orElse("")
                : "";
        return new RpcException(
                ErrorCodes.SERVER_NOT_FOUND, "no server named " + String.join(", ", unknown) + hint, unknown);
    }
}
