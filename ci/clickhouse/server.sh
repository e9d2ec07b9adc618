#!/usr/bin/env bash
# Starts or stops a ClickHouse server from this folder's config: own data folder DIR, loopback only, UTC.
#   ci/clickhouse/server.sh start DIR [HTTP_PORT]   → prints http://127.0.0.1:PORT once it answers
#   ci/clickhouse/server.sh stop DIR
# The test suites start their own servers (test/engines/clickhouse-server.ts); this is for runs by hand and CI jobs
# that want one shared server (then: ARCHETYPE_TEST_CLICKHOUSE=http://127.0.0.1:PORT npm test).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR [HTTP_PORT]" >&2; exit 2; }
case "$cmd" in
  start)
    http="${3:-18123}"; tcp=$((http + 1)); inter=$((http + 2))
    mkdir -p "$dir/data"
    for f in config.xml users.xml; do
      sed -e "s#{{DIR}}#$dir#g" -e "s#{{HTTP_PORT}}#$http#g" -e "s#{{TCP_PORT}}#$tcp#g" -e "s#{{INTERSERVER_PORT}}#$inter#g" \
          -e "s#{{SHARD1_TCP}}#$tcp#g" -e "s#{{SHARD2_TCP}}#$tcp#g" "$here/$f" > "$dir/$f"
    done
    (cd "$dir"; nohup clickhouse-server --config-file="$dir/config.xml" > "$dir/stdout.log" 2>&1 & echo $! > "$dir/server.pid")
    for _ in $(seq 1 100); do
      if curl -fs "http://127.0.0.1:$http/ping" > /dev/null 2>&1; then echo "http://127.0.0.1:$http"; exit 0; fi
      sleep 0.2
    done
    echo "clickhouse-server did not answer on port $http (see $dir/server.err.log)" >&2; exit 1 ;;
  stop)
    if [ -f "$dir/server.pid" ]; then
      pid="$(cat "$dir/server.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      rm -f "$dir/server.pid"
    fi ;;
  *) echo "usage: $0 start|stop DIR [HTTP_PORT]" >&2; exit 2 ;;
esac
