package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.testing.RealXy;
import dev.xy.core.testing.RealXy.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the real CLI prints against a real daemon: per-server outcomes, JSON errors, client configs. */
class CliOutputIT {
    private static RealXy xy;

    @BeforeAll
    static void startDaemon() throws Exception {
        xy = new RealXy("xyit");
        xy.writeServer("alpha", RealXy.shellServer("exec sleep 1000", ""));
        xy.writeServer("beta", RealXy.shellServer("exec sleep 1000", "autostart #false\n"));
        xy.writeServer("missing", RealXy.missingCommandServer());
        xy.startDaemon();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        xy.close();
    }

    @Test
    void aPartlyFailedStartSaysWhatHappenedToEveryServer() throws Exception {
        xy.xy("stop", "beta");
        Run start = xy.xy("start", "--all");
        assertThat(start.exit()).isEqualTo(1);
        assertThat(start.out()).contains("started beta", "alpha is already running");
        assertThat(start.err()).contains("xy: cannot start missing: ").contains("no-such-xy-binary");

        String reason = xy.server("missing").path("reason").asText();
        assertThat(reason).as("long enough to be cut in the table").hasSizeGreaterThan(60);
        Run piped = xy.xy("list");
        assertThat(piped.out().lines().filter(l -> l.startsWith("missing ")))
                .singleElement()
                .satisfies(row -> assertThat(row).endsWith(reason));
        assertThat(piped.out()).doesNotContain("…");

        // On a terminal (script(1) gives it one), the row is cut, and a line says where the whole reason is.
        Run terminal = xy.xyOnTerminal("list");
        assertThat(terminal.out().lines().filter(l -> l.startsWith("missing ")))
                .singleElement()
                .satisfies(row -> assertThat(row.strip()).endsWith("…").contains(reason.substring(0, 40)));
        assertThat(terminal.out()).contains("a reason that ends in … is whole in `xy status NAME`");
    }

    @Test
    void listNamesTheConfigFilesThatServeNoServer() throws Exception {
        assertThat(xy.xy("list").out()).doesNotContain("not served");
        Path broken = xy.writeServer("broken", "comand \"x\"\nport 3001\n");
        try {
            assertThat(xy.xy("list").out())
                    .contains("not served: broken.kdl (invalid, or added since the last reload: `xy validate`, then"
                            + " `xy reload`)");
        } finally {
            Files.delete(broken);
        }
    }

    @Test
    void withoutWaitingTheLinesSayOnlyThatTheProcessWasSpawned() throws Exception {
        xy.xy("stop", "beta");
        Run start = xy.xy("start", "--no-wait", "beta");
        assertThat(start.exit()).isZero();
        assertThat(start.out()).isEqualTo("starting beta (spawned; not waiting until ready)\n");
        Run restart = xy.xy("restart", "--no-wait", "beta");
        assertThat(restart.exit()).isZero();
        assertThat(restart.out()).isEqualTo("restarting beta (spawned; not waiting until ready)\n");
        assertThat(xy.xy("restart", "beta").out()).isEqualTo("restarted beta\n");
    }

    @Test
    void withJsonErrorsAreTheRpcErrorObjectOnStdoutWithTheSameExitCodes() throws Exception {
        Run partial = xy.xy("start", "--all", "--json");
        assertThat(partial.exit()).isEqualTo(1);
        assertThat(partial.err()).isEmpty();
        JsonNode error = partial.json().path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32006);
        assertThat(error.path("data").path("failed").get(0).path("name").asText())
                .isEqualTo("missing");
        assertThat(error.path("data").path("already_running").toString()).contains("alpha");

        Run unknown = xy.xy("status", "nope", "--json");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.json().path("error").path("data").toString()).isEqualTo("[\"nope\"]");
    }

    @Test
    void withJsonAnUnreachableDaemonIsAJsonErrorAndExitTwo() throws Exception {
        try (RealXy nobody = new RealXy("xyit")) {
            Run run = nobody.xy("list", "--json");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.json().path("error").path("code").asText()).isEqualTo("daemon_unreachable");
        }
    }

    @Test
    void clientConfigPrintsWhatEachClientNeeds() throws Exception {
        Run generic = xy.xy("client-config");
        assertThat(generic.exit()).isZero();
        JsonNode servers = generic.json().path("mcpServers");
        assertThat(servers.path("alpha").path("url").asText()).matches("http://localhost:\\d+/mcp");
        assertThat(servers.size()).isEqualTo(3);

        Run vscode = xy.xy("client-config", "--client", "vscode", "alpha");
        assertThat(vscode.json().path("servers").size()).isEqualTo(1);
        assertThat(vscode.json().path("servers").path("alpha").path("type").asText())
                .isEqualTo("http");

        Run code = xy.xy("client-config", "--client", "claude-code", "beta");
        assertThat(code.out()).startsWith("claude mcp add --transport http beta http://localhost:");

        Run unknownServer = xy.xy("client-config", "nope");
        assertThat(unknownServer.exit()).isEqualTo(1);
        assertThat(unknownServer.err()).contains("no server named nope");
        Run unknownClient = xy.xy("client-config", "--client", "emacs");
        assertThat(unknownClient.exit()).isEqualTo(1);
        assertThat(unknownClient.err()).contains("unknown client `emacs`");

        assertThat(xy.xy("start", "missing").exit()).isEqualTo(1);
        Run failed = xy.xy("client-config", "--client", "claude-code", "missing");
        assertThat(failed.exit()).isZero();
        assertThat(failed.out()).startsWith("claude mcp add --transport http missing http://localhost:");
        assertThat(failed.err())
                .isEqualTo("xy: note: missing is failed just now (`xy status missing` says why); its URL answers once"
                        + " it runs\n");
    }

    @Test
    void validateChecksTheDirectoryTheRunningDaemonReads() throws Exception {
        Run run = xy.xy("validate");
        assertThat(run.exit()).as("the server whose command is missing").isEqualTo(3);
        assertThat(run.err())
                .contains("missing.kdl")
                .contains("no-such-xy-binary")
                .endsWith("1 problem found in " + xy.configDir + " (the running daemon's)\n");
    }
}
