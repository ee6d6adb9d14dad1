package dev.xy.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XyPathsTest {
    private static final Path HOME = Path.of("/home/me");

    @Test
    void defaultsFollowTheXdgSpec() {
        XyPaths paths = XyPaths.from(Map.of(), HOME);
        assertThat(paths.configDir()).isEqualTo(Path.of("/home/me/.config/xy/servers"));
        assertThat(paths.stateDir()).isEqualTo(Path.of("/home/me/.local/state/xy"));
        assertThat(paths.logDir()).isEqualTo(Path.of("/home/me/.local/state/xy/logs"));
        assertThat(paths.socket()).isEqualTo(Path.of("/home/me/.local/state/xy/xy.sock"));
    }

    @Test
    void xdgVariablesAreHonoured() {
        XyPaths paths = XyPaths.from(
                Map.of("XDG_CONFIG_HOME", "/c", "XDG_STATE_HOME", "/s", "XDG_RUNTIME_DIR", "/run/user/1000"), HOME);
        assertThat(paths.configDir()).isEqualTo(Path.of("/c/xy/servers"));
        assertThat(paths.stateDir()).isEqualTo(Path.of("/s/xy"));
        assertThat(paths.socket()).isEqualTo(Path.of("/run/user/1000/xy.sock"));
    }

    @Test
    void relativeOrEmptyValuesAreIgnoredAsTheSpecSays() {
        XyPaths paths = XyPaths.from(Map.of("XDG_CONFIG_HOME", "relative", "XDG_RUNTIME_DIR", ""), HOME);
        assertThat(paths.configDir()).isEqualTo(Path.of("/home/me/.config/xy/servers"));
        assertThat(paths.socket()).isEqualTo(Path.of("/home/me/.local/state/xy/xy.sock"));
    }

    @Test
    void theConfigDirCanBeOverridden() {
        assertThat(XyPaths.from(Map.of(), HOME).withConfigDir(Path.of("/x")).configDir())
                .isEqualTo(Path.of("/x"));
    }
}
