package dev.xy.gui;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.RpcException;
import java.io.IOException;

/** One request to xy, run on a background thread by a view-model. */
@FunctionalInterface
public interface ApiCall<T> {
    T call(XyApi api) throws RpcException, IOException;
}
