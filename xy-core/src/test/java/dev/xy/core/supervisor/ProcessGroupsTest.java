package dev.xy.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.supervisor.ProcessGroups.Row;
import org.junit.jupiter.api.Test;

class ProcessGroupsTest {
    @Test
    void psRowsSplitOnAnyWhiteSpaceNotOnlySpaces() {
        String table = "    1     1 Ss\n  812\t 800\tS+\n 900   800 Z\n\n  77 77\n";

        assertThat(ProcessGroups.rows(table))
                .containsExactly(new Row(1, 1, false), new Row(812, 800, false), new Row(900, 800, true));
    }
}
