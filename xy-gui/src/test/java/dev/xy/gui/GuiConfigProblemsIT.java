package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.testing.RealXy;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window's list of config problems follows the files on disk, whoever edits them and whoever reloads. */
class GuiConfigProblemsIT extends WindowOnRealXy {
    private List<String> problems() throws Exception {
        return FxFixture.onFx(() -> List.copyOf(fx.vm.problems()));
    }

    private void awaitProblems(java.util.function.Predicate<List<String>> test) {
        await().atMost(Duration.ofSeconds(30)).until(() -> test.test(problems()));
    }

    @Test
    void theListFollowsTheConfigFilesAndATerminalsReload() throws Exception {
        harness.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        harness.writeServer("broken", "comand \"x\"\nport 3001\n");
        fx = FxFixture.open(harness);
        fx.awaitCell("alpha", "col-state", "● running");
        awaitProblems(found -> found.size() == 1 && found.get(0).contains("broken.kdl:1:1"));

        // The file is fixed in an editor, and `xy reload` in a terminal takes it on: the list empties.
        harness.writeServer("broken", RealXy.shellServer("exec sleep 1000", ""));
        assertThat(harness.xy("reload").exit()).isZero();
        awaitProblems(List::isEmpty);
        fx.awaitCell("broken", "col-state", "● running");

        // A new mistake shows at once, before any reload, and a terminal's refused reload leaves it listed.
        harness.writeServer("typo", "command \"sh\"\nprot 3002\n");
        awaitProblems(found -> found.size() == 1 && found.get(0).contains("typo.kdl"));
        assertThat(harness.xy("reload").exit()).isEqualTo(3);
        assertThat(problems()).singleElement().asString().contains("typo.kdl");

        Files.delete(harness.configDir.resolve("typo.kdl"));
        awaitProblems(List::isEmpty);
    }
}
