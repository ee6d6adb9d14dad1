package dev.xy.core.recovery;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which running processes, if any, are what is left of a recorded server tree: a pure function of the record and
 * a snapshot of the process table.
 *
 * <p><b>The leader still exists</b> (running, or a zombie nobody collected). It is ours only if it started when
 * the record says: a pid is reused, a pid with its start time is not. Then the survivors are the leader, its
 * process group and session (when it still leads them) and its descendants (which catches a child that started a
 * session of its own while its parent still lives). If the start differs, the pid now belongs to someone else,
 * and so do any group and session of that number: the kernel hands out a pid again only once no process, group or
 * session uses it, so ours had all ended before the newcomer got the number.
 *
 * <p><b>The leader is gone</b>, but processes remain in its group or session: those are ours. Since the kernel
 * never reuses a pid that is still the id of a live process group or session, the group has existed without a
 * break since our leader created it, and only our leader could create it (a group or session takes the number of
 * the process that creates it). The one hole: our whole tree ended, the pid was reused by a process that made
 * itself a group or session leader and then died leaving children (a double-forking daemon does exactly that).
 * That needs the pid counter to come round to the same number after our tree ended, and such a group is refused
 * when any of its members started before our leader did, which no process of our tree can have done.
 *
 * <p><b>Nothing is left</b>: no process with the pid, none in the group or session. A record from before a reboot
 * (another clock) is the same: nothing it names can be running.
 *
 * <p>The reading process itself is never a survivor, whatever a record says.
 */
public sealed interface SurvivorMatch {
    /**
     * What is left of our tree.
     *
     * @param pids every live process of it
     * @param group the process group to signal as a whole (it may still gain members), if we may signal it: it
     *     must be ours and must not contain the reading process
     */
    record Ours(Set<Long> pids, Optional<Long> group) implements SurvivorMatch {
        public Ours {
            pids = Set.copyOf(pids);
        }
    }

    /** The pid now belongs to another process: leave it alone. */
    record NotOurs(String reason) implements SurvivorMatch {}

    /** Nothing of the tree is running. */
    record Gone(String reason) implements SurvivorMatch {}

    static SurvivorMatch decide(ProcessRecord record, ProcessSnapshot snapshot) {
        if (!record.start().clock().equals(snapshot.clock())) {
            return new Gone("recorded before the last reboot");
        }
        Optional<ProcessEntry> leader = snapshot.find(record.pid());
        if (leader.isPresent() && !leader.get().start().equals(record.start())) {
            return new NotOurs("pid " + record.pid() + " now belongs to another process (it started at another time)");
        }
        Set<Long> pids = new LinkedHashSet<>();
        Predicate<ProcessEntry> inGroupOrSession = p -> record.pgid().stream().anyMatch(g -> g == p.pgid())
                || record.sid().isPresent() && p.sid().equals(record.sid());
        List<ProcessEntry> members =
                snapshot.processes().stream().filter(inGroupOrSession).toList();
        if (leader.isPresent()) {
            ProcessEntry ours = leader.get();
            addLive(pids, List.of(ours), snapshot);
            // A leader that left its recorded group or session no longer vouches for who is in it.
            if (inGroupOrSession.test(ours)) {
                addLive(pids, members, snapshot);
            }
            addLive(pids, snapshot.descendants(ours.pid()), snapshot);
        } else {
            if (members.stream().anyMatch(p -> !record.start().notAfter(p.start()))) {
                return new NotOurs("its process group " + record.pgid().orElse(record.pid())
                        + " now holds processes older than the recorded server, so it is another one");
            }
            addLive(pids, members, snapshot);
        }
        if (pids.isEmpty()) {
            return new Gone("nothing of it is running");
        }
        return new Ours(pids, groupToSignal(record, leader, members, snapshot));
    }

    /** The recorded group, if it is ours, still has members, and does not hold the reading process. */
    private static Optional<Long> groupToSignal(
            ProcessRecord record, Optional<ProcessEntry> leader, List<ProcessEntry> members, ProcessSnapshot snapshot) {
        if (record.pgid().isEmpty()) {
            return Optional.empty();
        }
        long group = record.pgid().getAsLong();
        boolean ours = leader.map(l -> l.pgid() == group).orElse(true);
        boolean holdsSelf = snapshot.find(snapshot.self())
                .filter(self -> self.pgid() == group)
                .isPresent();
        boolean populated = members.stream().anyMatch(p -> p.pgid() == group);
        return ours && !holdsSelf && populated ? Optional.of(group) : Optional.empty();
    }

    private static void addLive(Set<Long> pids, List<ProcessEntry> processes, ProcessSnapshot snapshot) {
        processes.stream()
                .filter(p -> !p.zombie() && p.pid() != snapshot.self())
                .forEach(p -> pids.add(p.pid()));
    }
}
