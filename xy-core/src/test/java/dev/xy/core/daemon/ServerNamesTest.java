package dev.xy.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerNamesTest {
    private static final Set<String> KNOWN = Set.of("echo", "everything", "github");

    @Test
    void allIsEveryServerInNameOrder() throws Exception {
        assertThat(ServerNames.resolve(Wire.Target.every(), KNOWN)).containsExactly("echo", "everything", "github");
    }

    @Test
    void namesKeepTheirOrderWithoutRepeats() throws Exception {
        assertThat(ServerNames.resolve(Wire.Target.some(List.of("github", "echo", "github")), KNOWN))
                .containsExactly("github", "echo");
        assertThat(ServerNames.resolve(Wire.Target.one("echo"), KNOWN)).containsExactly("echo");
    }

    @Test
    void exactlyOneFormIsAccepted() {
        for (Wire.Target target : List.of(
                new Wire.Target(null, null, null, null),
                new Wire.Target("echo", null, true, null),
                new Wire.Target("echo", List.of("echo"), null, null))) {
            assertThatThrownBy(() -> ServerNames.resolve(target, KNOWN))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
        }
    }

    @Test
    void unknownNamesAreAllNamedAndOneTypoGetsASuggestion() {
        assertThatThrownBy(() -> ServerNames.resolve(Wire.Target.some(List.of("echo", "nope", "gone")), KNOWN))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.SERVER_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("no server named nope, gone");
                    assertThat(e.unknownNames()).containsExactly("nope", "gone");
                });
        assertThatThrownBy(() -> ServerNames.resolve(Wire.Target.one("githb"), KNOWN))
                .hasMessage("no server named githb; did you mean github?");
    }
}
