package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.CheckBox;
import org.junit.jupiter.api.Test;

/** The window's "Start at login" switch, clicked through the real window, writing a real autostart entry. */
class GuiStartAtLoginIT extends WindowOnRealXy {

    @Test
    void theSwitchIsOffByDefaultAndWritesThenRemovesTheAutostartEntry() throws Exception {
        fx = FxFixture.open(harness);
        Path entry = FxFixture.autostartDir(harness).resolve("xy.desktop");
        CheckBox box =
                FxFixture.onFx(() -> (CheckBox) fx.window.stage().getScene().lookup("#start-at-login"));
        assertThat(FxFixture.onFx(box::isVisible)).isTrue();
        assertThat(FxFixture.onFx(box::isSelected)).isFalse();

        fx.robot.clickOn("#start-at-login");

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(entry));
        assertThat(Files.readAllLines(entry)).contains("Exec=" + RealXy.REPO.resolve("bin/xy-gui"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> FxFixture.onFx(box::isSelected) && !FxFixture.onFx(box::isDisabled));

        fx.robot.clickOn("#start-at-login");

        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(entry));
        await().atMost(Duration.ofSeconds(10)).until(() -> !FxFixture.onFx(box::isSelected));
    }
}
