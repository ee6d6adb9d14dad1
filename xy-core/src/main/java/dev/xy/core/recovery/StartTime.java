package dev.xy.core.recovery;

import java.util.Objects;

/**
 * When a process started, as a number on a named clock. Together with the pid it names one process: a later
 * process that gets the same pid starts later. Two start times compare only on the same clock; on Linux the
 * clock's name holds the boot id, so nothing from before a reboot can match anything running now.
 *
 * @param clock {@code linux-boot:<boot id>} (value: clock ticks since boot, from {@code /proc/<pid>/stat}) or
 *     {@code epoch-ms} (value: milliseconds since the epoch, from {@link ProcessHandle.Info#startInstant()})
 * @param value the start on that clock
 */
public record StartTime(String clock, long value) {
    public StartTime {
        Objects.requireNonNull(clock, "clock");
        if (clock.isBlank()) {
            throw new IllegalArgumentException("a start time needs a clock");
        }
    }

    /** Whether a process that started at {@code other} may be a descendant of one that started at this time. */
    public boolean notAfter(StartTime other) {
        return clock.equals(other.clock) && value <= other.value;
    }
}
