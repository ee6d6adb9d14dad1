package dev.xy.core.rpc;

/** A JSON-RPC error: what a method answers instead of a result, on either side of the socket. */
public final class RpcException extends Exception {
    private final int code;
    private final transient Object data;

    public RpcException(int code, String message) {
        this(code, message, null);
    }

    public RpcException(int code, String message, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    /** Extra detail for the client (such as every config problem), or null. */
    public Object data() {
        return data;
    }
}
