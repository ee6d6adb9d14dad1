package dev.xy.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurvivorMatchTest {
    private static final String CLOCK = "linux-boot:test";

    /** Server 100, leader of group and session 100, started at 500. */
    private static final ProcessRecord RECORD = record(OptionalLong.of(100));

    private static ProcessRecord record(OptionalLong group) {
        return new ProcessRecord(
                "alpha",
                100,
                group,
                group,
                new StartTime(CLOCK, 500),
                Optional.empty(),
                List.of("server"),
                Instant.EPOCH);
    }

    /**
     * Processes as {@code pid/ppid/pgid/sid/start}, a trailing {@code /Z} for a zombie; init (1) and an unrelated
     * shell (7) are always there.
     */
    private static ProcessSnapshot snapshot(long self, String processes) {
        List<ProcessEntry> entries = new ArrayList<>();
        for (String process : ("1/0/1/1/1 7/1/7/7/10 " + processes).trim().split(" +")) {
            String[] f = process.split("/");
            entries.add(new ProcessEntry(
                    Long.parseLong(f[0]),
                    Long.parseLong(f[1]),
                    Long.parseLong(f[2]),
                    OptionalLong.of(Long.parseLong(f[3])),
                    new StartTime(CLOCK, Long.parseLong(f[4])),
                    f.length > 5 && f[5].equals("Z")));
        }
        return new ProcessSnapshot(CLOCK, self, entries);
    }

    private static String describe(SurvivorMatch match) {
        if (match instanceof SurvivorMatch.Ours ours) {
            return "Ours " + new TreeSet<>(ours.pids()) + " "
                    + ours.group().map(g -> "group " + g).orElse("no group");
        }
        return match instanceof SurvivorMatch.NotOurs ? "NotOurs" : "Gone";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "leader runs with its tree in its group  | 9   | 100/1/100/100/500 101/100/100/100/510 102/101/100/100/520 | Ours [100, 101, 102] group 100",
                "leader is an uncollected zombie         | 9   | 100/1/100/100/500/Z 101/1/100/100/510                     | Ours [101] group 100",
                "leader gone, its group lives on         | 9   | 101/1/100/100/510 102/1/100/100/520                       | Ours [101, 102] group 100",
                "leader gone, one moved to a new group   | 9   | 101/1/100/100/510 103/1/103/100/530                       | Ours [101, 103] group 100",
                "leader gone, only its session is left   | 9   | 103/1/103/100/530                                         | Ours [103] no group",
                "child with a session of its own         | 9   | 100/1/100/100/500 101/100/101/101/510 102/101/101/101/520 | Ours [100, 101, 102] group 100",
                "pid reused by another group leader      | 9   | 100/1/100/100/900 101/100/100/100/910                     | NotOurs",
                "pid reused by an ordinary process       | 9   | 100/7/7/7/900                                             | NotOurs",
                "pid reused by a zombie                  | 9   | 100/7/7/7/900/Z                                           | NotOurs",
                "leaderless group with an older member   | 9   | 101/1/100/100/400 102/1/100/100/520                       | NotOurs",
                "nothing of it left                      | 9   | 8/1/8/8/20                                                | Gone",
                "only zombies left                       | 9   | 100/1/100/100/500/Z 101/1/100/100/510/Z                   | Gone",
                "the reader itself is in the group       | 101 | 100/1/100/100/500 101/100/100/100/510                     | Ours [100] no group",
            })
    void decidesWhatIsOurs(String situation, long self, String processes, String expected) {
        assertThat(describe(SurvivorMatch.decide(RECORD, snapshot(self, processes))))
                .isEqualTo(expected);
    }

    @Test
    void aRecordFromBeforeARebootMatchesNothingEvenWithTheSamePidAndTicks() {
        ProcessSnapshot afterReboot = new ProcessSnapshot(
                "linux-boot:other",
                9,
                List.of(new ProcessEntry(
                        100, 1, 100, OptionalLong.of(100), new StartTime("linux-boot:other", 500), false)));

        assertThat(describe(SurvivorMatch.decide(RECORD, afterReboot))).isEqualTo("Gone");
    }

    @Test
    void aServerThatWasNotAGroupLeaderIsStoppedWithoutItsGroup() {
        ProcessRecord noGroup = record(OptionalLong.empty());

        assertThat(describe(SurvivorMatch.decide(noGroup, snapshot(9, "100/7/7/7/500 101/100/7/7/510 102/7/7/7/520"))))
                .as("the leader and its descendants, never the group it shares with others")
                .isEqualTo("Ours [100, 101] no group");
        assertThat(describe(SurvivorMatch.decide(noGroup, snapshot(9, "101/1/7/7/510"))))
                .as("with the leader gone nothing ties the rest to it")
                .isEqualTo("Gone");
    }

    @Test
    void notOursSaysWhy() {
        SurvivorMatch match = SurvivorMatch.decide(RECORD, snapshot(9, "100/7/7/7/900"));

        assertThat(((SurvivorMatch.NotOurs) match).reason())
                .isEqualTo("pid 100 now belongs to another process (it started at another time)");
    }
}
