package dev.xy.core.recovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every process of the system at one moment, as far as a {@link ProcessTable} could read them.
 *
 * @param clock the clock of every start time in it (see {@link StartTime})
 * @param self the pid of the reading process: never a survivor to stop, whatever a record says
 */
public record ProcessSnapshot(String clock, long self, List<ProcessEntry> processes) {
    public ProcessSnapshot {
        processes = List.copyOf(processes);
    }

    public Optional<ProcessEntry> find(long pid) {
        return processes.stream().filter(p -> p.pid() == pid).findFirst();
    }

    /** The descendants of {@code pid}, by parent links (zombies included). */
    public List<ProcessEntry> descendants(long pid) {
        Map<Long, List<ProcessEntry>> children = new HashMap<>();
        processes.forEach(
                p -> children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p));
        List<ProcessEntry> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>(Set.of(pid));
        List<Long> frontier = new ArrayList<>(List.of(pid));
        while (!frontier.isEmpty()) {
            long parent = frontier.remove(frontier.size() - 1);
            for (ProcessEntry child : children.getOrDefault(parent, List.of())) {
                if (seen.add(child.pid())) {
                    found.add(child);
                    frontier.add(child.pid());
                }
            }
        }
        return found;
    }
}
