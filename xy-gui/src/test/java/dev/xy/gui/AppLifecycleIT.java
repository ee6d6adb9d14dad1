package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** What closing the window means while the app is still looking for a tray, and once it knows there is none. */
class AppLifecycleIT {
    private final AtomicBoolean exited = new AtomicBoolean();
    private final AtomicReference<Stage> stage = new AtomicReference<>();

    @AfterEach
    void hide() throws Exception {
        FxToolkit.setupStage(Stage::hide);
    }

    private AppLifecycle lifecycle() throws Exception {
        FxToolkit.registerPrimaryStage();
        MainViewModel vm = new MainViewModel(
                CurrentThread.calls(),
                () -> {
                    throw new IOException("no backend in this test");
                },
                new FolderOpener(List.of("true")),
                Optional.empty(),
                () -> 0);
        FxToolkit.setupStage(shown -> {
            stage.set(shown);
            shown.show();
        });
        return new AppLifecycle(vm, stage.get(), () -> false, () -> {}, () -> exited.set(true));
    }

    @Test
    void aCloseBeforeTheTrayIsKnownIsIgnoredAndOneAfterItIsKnownMissingQuits() throws Exception {
        AppLifecycle life = lifecycle();

        FxToolkit.setupFixture(life::closeWindow);
        assertThat(exited).as("a close before the tray was looked for").isFalse();
        assertThat(stage.get().isShowing()).isTrue();

        life.trayPresence(false);
        FxToolkit.setupFixture(life::closeWindow);
        await().atMost(Duration.ofSeconds(10)).untilTrue(exited);
    }
}
