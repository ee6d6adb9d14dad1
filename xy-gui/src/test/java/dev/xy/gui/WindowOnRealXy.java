package dev.xy.gui;

import dev.xy.core.testing.RealXy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests that drive the real window against a real xy: a fresh {@link RealXy} for each test (a subclass's own
 * {@code @BeforeEach} runs after it, with it), and the window, if one was opened into {@link #fx}, closed before
 * the directories go.
 */
abstract class WindowOnRealXy {
    RealXy harness;
    FxFixture fx;

    @BeforeEach
    void createRealXy() throws Exception {
        harness = new RealXy("xygui");
    }

    @AfterEach
    void closeWindowThenRealXy() throws Exception {
        try {
            if (fx != null) {
                fx.close();
            }
        } finally {
            harness.close();
        }
    }
}
