package dev.xy.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcFsTableTest {
    private static final String TAIL = " 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 1 0 987654 1234 56 18446744073709551615";

    @Test
    void readsGroupSessionAndStartTicksAfterTheCommandName() {
        assertThat(ProcFsTable.parseStat("4242 (node) S 1 4242 4241" + TAIL, "c"))
                .contains(new ProcessEntry(4242, 1, 4242, OptionalLong.of(4241), new StartTime("c", 987654), false));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertThat(ProcFsTable.parseStat("77 (a) b (c) d) Z 5 6 7" + TAIL, "c"))
                .contains(new ProcessEntry(77, 5, 6, OptionalLong.of(7), new StartTime("c", 987654), true));
    }

    @Test
    void aTruncatedLineIsNoProcess() {
        assertThat(ProcFsTable.parseStat("77 (sh) S 5 6 7 0", "c")).isEmpty();
        assertThat(ProcFsTable.parseStat("garbage", "c")).isEmpty();
    }

    @Test
    void thisSystemsTableFindsThisProcessAlikeAloneAndInASnapshot() throws Exception {
        ProcessTable table = ProcessTable.forThisSystem();
        long self = ProcessHandle.current().pid();

        ProcessEntry entry = table.find(self).orElseThrow();

        assertThat(entry.ppid())
                .isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(entry.zombie()).isFalse();
        ProcessSnapshot snapshot = table.snapshot();
        assertThat(snapshot.find(self)).contains(entry);
        assertThat(snapshot.clock()).isEqualTo(entry.start().clock());
    }
}
