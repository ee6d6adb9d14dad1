#!/bin/sh
# One log burst for peers-log-ingest.sh / peers-rss.sh: BURST_LINES lines of ~35 bytes as fast as seq and sed
# make them, then one unique last line (read from $BURST_DIR/nonce, written by the benchmark before each burst),
# with the child's own start and end times (epoch ns) in $BURST_DIR/start and $BURST_DIR/end.
date +%s%N >"$BURST_DIR/start"
seq 1 "${BURST_LINES:-2000000}" | sed 's/$/ lorem ipsum dolor sit amet/'
echo "end-of-burst $(cat "$BURST_DIR/nonce")"
date +%s%N >"$BURST_DIR/end"
