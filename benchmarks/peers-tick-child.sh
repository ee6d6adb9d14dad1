#!/bin/sh
# The child for peers-follow-latency.sh: one line "tick <epoch ns>" every TICK_SECONDS (0.02), flushed at once.
exec perl -MTime::HiRes=time,sleep -e '$| = 1; my $p = $ENV{TICK_SECONDS} || 0.02; while (1) { printf "tick %.0f\n", time() * 1e9; sleep $p }'
