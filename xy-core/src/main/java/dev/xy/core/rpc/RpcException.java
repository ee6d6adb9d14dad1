package dev.xy.core.rpc;

import java.util.List;
import java.util.Optional;

/**
 * A JSON-RPC error: what a method answers instead of a result. The same on both sides of the socket: a client
 * decodes {@code data} into the same types the daemon raised it with (see {@link ErrorData}), so a front end
 * handles an error alike whether it hosts the engine or talks to a daemon.
 */
public final class RpcException extends Exception {
    private final int code;
    private final transient Object data;

    public RpcException(int code, String message) {
        this(code, message, null);
    }

    /** {@code data} must be of the type {@link ErrorData} gives for {@code code}, or null. */
    public RpcException(int code, String message, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    /** Extra detail for the client, typed by code (see {@link ErrorData}), or null. */
    public Object data() {
        return data;
    }

    /** The config problems of a config-invalid error. */
    public List<Wire.Problem> problems() {
        return ErrorData.listOf(data, Wire.Problem.class);
    }

    /** The names a server-not-found error could not find. */
    public List<String> unknownNames() {
        return ErrorData.listOf(data, String.class);
    }

    /** What did happen when a start or restart partly failed. */
    public Optional<Wire.StartFailure> startFailure() {
        return data instanceof Wire.StartFailure failure ? Optional.of(failure) : Optional.empty();
    }
}
