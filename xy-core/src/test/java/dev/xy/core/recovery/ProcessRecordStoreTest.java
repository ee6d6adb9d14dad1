package dev.xy.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessRecordStoreTest {
    @TempDir
    Path stateDir;

    private ProcessRecordStore store() {
        return ProcessRecordStore.in(stateDir);
    }

    private static ProcessRecord record(String name, long pid, long start) {
        return new ProcessRecord(
                name,
                pid,
                OptionalLong.of(pid),
                OptionalLong.of(pid),
                new StartTime("linux-boot:abc", start),
                Optional.of(Instant.parse("2026-11-26T14:07:30.120Z")),
                List.of("/bin/sh", "-c", "exec sleep 1000"),
                Instant.parse("2026-11-26T14:07:30.125Z"));
    }

    private Path file(String name) {
        return stateDir.resolve("run").resolve(name + ".json");
    }

    @Test
    void aRecordReadsBackAsWritten() throws Exception {
        ProcessRecord written = record("alpha", 4242, 123456);
        ProcessRecord bare = new ProcessRecord(
                "beta",
                7,
                OptionalLong.empty(),
                OptionalLong.empty(),
                new StartTime("epoch-ms", 1_700_000_000_000L),
                Optional.empty(),
                List.of(),
                Instant.EPOCH);
        store().write(written);
        store().write(bare);

        assertThat(store().read("alpha")).contains(written);
        assertThat(store().readAll())
                .containsExactly(
                        new ProcessRecordStore.Readable(file("alpha"), written),
                        new ProcessRecordStore.Readable(file("beta"), bare));
    }

    @Test
    void theFileIsSmallVersionedJson() throws Exception {
        store().write(record("alpha", 4242, 123456));

        JsonNode json = Json.LENIENT.readTree(file("alpha").toFile());
        assertThat(json.toString())
                .isEqualTo("{\"v\":1,\"name\":\"alpha\",\"pid\":4242,\"pgid\":4242,\"sid\":4242,"
                        + "\"start_clock\":\"linux-boot:abc\",\"start\":123456,"
                        + "\"started_at\":\"2026-11-26T14:07:30.120Z\",\"command\":[\"/bin/sh\",\"-c\",\"exec sleep 1000\"],"
                        + "\"written_at\":\"2026-11-26T14:07:30.125Z\"}");
    }

    @Test
    void filesArePrivateAndReplacedByARenameNotRewrittenInPlace() throws Exception {
        store().write(record("alpha", 4242, 1));
        Object firstInode = Files.getAttribute(file("alpha"), "unix:ino");

        store().write(record("alpha", 4343, 2));

        assertThat(Files.getAttribute(file("alpha"), "unix:ino"))
                .as("a new file renamed over the old one: a reader sees the old record or the new one, never half")
                .isNotEqualTo(firstInode);
        assertThat(store().read("alpha").orElseThrow().pid()).isEqualTo(4343);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file("alpha"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file("alpha").getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(file("alpha").getParent())) {
            assertThat(files).containsExactly(file("alpha"));
        }
    }

    @Test
    void onlyTheCurrentRecordIsDeleted() throws Exception {
        ProcessRecord old = record("alpha", 4242, 1);
        ProcessRecord newer = record("alpha", 4343, 2);
        ProcessRecord samePidLater = record("alpha", 4343, 3);
        store().write(old);
        store().write(newer);

        assertThat(store().deleteIfCurrent(old)).isFalse();
        assertThat(store().deleteIfCurrent(samePidLater))
                .as("same pid, other start: another process")
                .isFalse();
        assertThat(store().read("alpha")).contains(newer);
        assertThat(store().deleteIfCurrent(newer)).isTrue();
        assertThat(file("alpha")).doesNotExist();
    }

    @Test
    void aMissingDirectoryHoldsNoRecords() throws Exception {
        assertThat(store().readAll()).isEmpty();
        assertThat(store().read("alpha")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "not JSON             | {\"v\":1,                                                    | not JSON: ",
                "not an object        | [1,2]                                                       | not a JSON object: [1,2]",
                "empty                | ``                                                          | not a JSON object: ",
                "no version           | {\"name\":\"alpha\",\"pid\":1}                              | no version (\"v\")",
                "a newer version      | {\"v\":2,\"name\":\"alpha\",\"pid\":1}                      | version 2 is not understood here (this xy reads version 1)",
                "no pid               | {\"v\":1,\"name\":\"alpha\",\"start_clock\":\"c\",\"start\":1} | no \"pid\"",
                "no start             | {\"v\":1,\"name\":\"alpha\",\"pid\":1,\"start_clock\":\"c\"} | no \"start\"",
                "pid of the wrong type| {\"v\":1,\"name\":\"alpha\",\"pid\":\"1\",\"start_clock\":\"c\",\"start\":1} | \"pid\" must be an integer, got \"1\"",
                "a bad pid            | {\"v\":1,\"name\":\"alpha\",\"pid\":0,\"start_clock\":\"c\",\"start\":1} | invalid pid: 0",
                "a bad time           | {\"v\":1,\"name\":\"alpha\",\"pid\":1,\"start_clock\":\"c\",\"start\":1,\"written_at\":\"noon\"} | Text 'noon' could not be parsed",
                "another server's     | {\"v\":1,\"name\":\"beta\",\"pid\":1,\"start_clock\":\"c\",\"start\":1} | holds the record of beta, which belongs in beta.json",
            })
    void anUnreadableFileIsReportedWithTheReason(String situation, String content, String problem) throws Exception {
        store().write(record("good", 1, 1));
        Files.writeString(file("alpha"), content, StandardCharsets.UTF_8);

        List<ProcessRecordStore.Entry> entries = store().readAll();

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).isInstanceOf(ProcessRecordStore.Unreadable.class);
        assertThat(((ProcessRecordStore.Unreadable) entries.get(0)).problem()).startsWith(problem);
        assertThat(entries.get(1)).isInstanceOf(ProcessRecordStore.Readable.class);
        assertThat(store().read("alpha")).isEmpty();
    }

    @Test
    void unknownFieldsOfVersionOneAreIgnoredAndInformationalOnesMayBeMissing() throws Exception {
        Files.createDirectories(file("alpha").getParent());
        Files.writeString(
                file("alpha"),
                "{\"v\":1,\"name\":\"alpha\",\"pid\":9,\"start_clock\":\"c\",\"start\":5,\"later\":[1]}");

        ProcessRecord read = store().read("alpha").orElseThrow();

        assertThat(read.pid()).isEqualTo(9);
        assertThat(read.start()).isEqualTo(new StartTime("c", 5));
        assertThat(read.pgid()).isEmpty();
        assertThat(read.command()).isEmpty();
    }

    @Test
    void aTemporaryFileLeftByAnInterruptedWriteIsUnreadable() throws Exception {
        Files.createDirectories(file("alpha").getParent());
        Path leftover = Files.writeString(file("alpha").resolveSibling(".alpha.123.tmp"), "{\"v\":1,");

        assertThat(store().readAll())
                .containsExactly(
                        new ProcessRecordStore.Unreadable(leftover, "not a process record (an unfinished write?)"));
    }
}
