#!/bin/bash
# usage: prof.sh <path> [seconds]
set -e
cd /work/wt-perf
rm -rf /tmp/perf/prof && mkdir -p /tmp/perf/prof
DATABASE_PATH=/tmp/perf/national.sqlite PORT=3999 HOST=127.0.0.1 LOG_LEVEL=warn NODE_ENV=production RATE_LIMIT_PER_MINUTE=0 \
  node --cpu-prof --cpu-prof-dir=/tmp/perf/prof --import tsx server/server.ts &
PID=$!
for i in $(seq 1 50); do curl -sf http://127.0.0.1:3999/api/health >/dev/null && break; sleep 0.3; done
COOKIE=$(curl -si -X POST -H 'content-type: application/json' -d '{"username":"bench-admin","password":"bench-password-123"}' http://127.0.0.1:3999/api/auth/login | grep -i '^set-cookie' | head -1 | sed 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/')
npx autocannon -c 10 -d ${2:-8} -H "cookie: $COOKIE" "http://127.0.0.1:3999$1" 2>&1 | grep -E "Latency|Req/Sec|requests in|non 2xx" 
kill -INT $PID; wait $PID || true
ls /tmp/perf/prof
