#!/bin/bash
cd /work/wt-perf
rm -rf /tmp/perf/prof && mkdir -p /tmp/perf/prof
DATABASE_PATH=/tmp/perf/national.sqlite PORT=3999 HOST=127.0.0.1 LOG_LEVEL=warn NODE_ENV=production RATE_LIMIT_PER_MINUTE=0 \
  node ${PROF:---cpu-prof --cpu-prof-dir=/tmp/perf/prof} --import tsx server/server.ts &
PID=$!
for i in $(seq 1 50); do curl -sf http://127.0.0.1:3999/api/health >/dev/null && break; sleep 0.3; done
IDS=$(sqlite3 /tmp/perf/national.sqlite "SELECT group_concat(id, ' ') FROM (SELECT id FROM milestones WHERE status='in_progress' ORDER BY id LIMIT 64)")
node bench/tmp/patch.mjs $IDS
kill -INT $PID; wait $PID
