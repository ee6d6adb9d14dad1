package dev.xy.core.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macOS way, through {@code lsof}, run for real against a stand-in {@code lsof} script that records its
 * arguments and prints what macOS's lsof prints for them (its {@code -F} field output).
 */
class LsofPortHoldersIT {
    @TempDir
    Path dir;

    private Path lsof(String body) throws IOException {
        Path script = dir.resolve("lsof");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + dir.resolve("args") + "\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(dir.resolve("args"));
    }

    @Test
    void holdersAreReadFromPidAndCommandFields() throws IOException {
        long self = ProcessHandle.current().pid();
        LsofPortHolders holders = new LsofPortHolders(
                lsof("printf 'p999999\\ncnode\\nf19\\np" + self + "\\ncjava\\np999999\\ncnode\\n'"));

        List<PortHolder> found = holders.holders(3001);

        assertThat(calls()).containsExactly("-nP -iTCP:3001 -sTCP:LISTEN -Fpc");
        assertThat(found).hasSize(2);
        assertThat(found.get(0)).isEqualTo(new PortHolder(999999, "node"));
        // A process the JDK can see gets its whole command line rather than lsof's short name.
        assertThat(found.get(1).pid()).isEqualTo(self);
        assertThat(found.get(1).command()).startsWith("java ");
    }

    @Test
    void listeningPortsAreReadFromNameFields() throws IOException {
        LsofPortHolders holders = new LsofPortHolders(
                lsof("printf 'p42\\nf19\\nn*:3001\\nf20\\nn127.0.0.1:3002\\nn[::1]:3003\\nnjunk\\n'"));

        assertThat(holders.listeningPorts(new TreeSet<>(List.of(42L, 7L)))).containsExactly(3001, 3002, 3003);
        assertThat(calls()).containsExactly("-nP -a -p 7,42 -iTCP -sTCP:LISTEN -Fn");
        assertThat(holders.listeningPorts(new TreeSet<>())).isEmpty();
        assertThat(calls()).hasSize(1);
    }

    @Test
    void anLsofThatFindsNothingOrIsMissingTellsNothing() throws IOException {
        assertThat(new LsofPortHolders(lsof("exit 1")).holders(3001)).isEmpty();
        assertThat(new LsofPortHolders(dir.resolve("no-such-lsof")).holders(3001))
                .isEmpty();
    }

    @Test
    void anLsofThatHangsIsKilledAfterItsTimeout() throws IOException {
        long start = System.nanoTime();
        assertThat(new LsofPortHolders(lsof("exec sleep 60")).holders(3001)).isEmpty();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isBetween(Duration.ofSeconds(LsofPortHolders.TIMEOUT_SECONDS), Duration.ofSeconds(10));
        // SIGKILL is delivered, not waited for: on a busy machine the sleep can still be listed for a moment.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(ProcessHandle.current().children())
                        .noneMatch(p -> p.info().command().orElse("").endsWith("sleep")));
    }
}
