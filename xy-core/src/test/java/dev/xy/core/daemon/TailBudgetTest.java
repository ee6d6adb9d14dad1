package dev.xy.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.LogStream;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailBudgetTest {
    private static List<LogLine> lines(int count, int length) {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(new LogLine("echo", LogStream.STDOUT, i + " " + "x".repeat(length), i));
        }
        return lines;
    }

    @Test
    void aTailThatFitsIsSentWhole() {
        List<LogLine> small = lines(100, 100);
        assertThat(TailBudget.newest(small)).isSameAs(small);
    }

    @Test
    void aHugeTailKeepsItsNewestLinesAndSaysWhatItLeftOut() {
        List<LogLine> huge = lines(100_000, 100);
        List<LogLine> sent = TailBudget.newest(huge);

        assertThat(TailBudget.bytes(sent)).isLessThanOrEqualTo(TailBudget.TAIL_BYTES + 200);
        assertThat(sent.get(sent.size() - 1)).isEqualTo(huge.get(huge.size() - 1));
        int left = huge.size() - (sent.size() - 1);
        assertThat(sent.get(0).stream()).isEqualTo(LogStream.XY);
        assertThat(sent.get(0).text()).isEqualTo("… " + left + " earlier lines not sent: a tail is at most 4 MB");
        assertThat(sent.get(1)).isEqualTo(huge.get(left));
    }

    @Test
    void aConnectionsPendingTailsAreBounded() throws Exception {
        TailBudget budget = new TailBudget();
        budget.reserve(TailBudget.TAIL_BYTES);
        budget.reserve(TailBudget.TAIL_BYTES);
        budget.reserve(TailBudget.TAIL_BYTES);
        budget.reserve(TailBudget.TAIL_BYTES);
        assertThatThrownBy(() -> budget.reserve(1)).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code())
                .isEqualTo(ErrorCodes.TOO_MANY_STREAMS));
        budget.release(TailBudget.TAIL_BYTES);
        budget.reserve(1);
    }
}
