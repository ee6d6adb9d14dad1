package dev.xy.gui;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.RpcException;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a view-model asks xy: the call runs on the background executor (it may block on the socket or wait for a
 * server), and its answer or refusal comes back through the FX executor to {@link Feedback}.
 */
public final class Calls {
    private final Executor background;
    private final Executor fx;
    private final Feedback feedback;

    public Calls(Executor background, Executor fx, Feedback feedback) {
        this.background = background;
        this.fx = fx;
        this.feedback = feedback;
    }

    /** Runs {@code call}; says {@code what} meanwhile, then {@code done}'s text or the refusal. */
    public <T> void run(XyApi api, String what, ApiCall<T> call, Function<T, String> done) {
        if (api == null) {
            feedback.error(what + ": not connected to xy yet");
            return;
        }
        feedback.info(what + "…");
        fetch(api, call, result -> feedback.info(done.apply(result)), e -> feedback.error(what + ": " + e));
    }

    /**
     * Runs {@code call} quietly; {@code onResult} or {@code onError} (the reason in words) follows on the FX
     * thread.
     */
    public <T> void fetch(XyApi api, ApiCall<T> call, Consumer<T> onResult, Consumer<String> onError) {
        if (api == null) {
            onError.accept("not connected to xy yet");
            return;
        }
        background.execute(() -> {
            try {
                T result = call.call(api);
                fx.execute(() -> onResult.accept(result));
            } catch (RpcException e) {
                fx.execute(() -> onError.accept(e.getMessage()));
            } catch (IOException e) {
                fx.execute(() -> onError.accept("xy is unreachable (" + e.getMessage() + ")"));
            } catch (RuntimeException e) {
                fx.execute(() -> onError.accept("unexpected " + e));
            }
        });
    }

    public Executor background() {
        return background;
    }

    public Executor fx() {
        return fx;
    }

    public Feedback feedback() {
        return feedback;
    }
}
