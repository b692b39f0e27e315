#!/usr/bin/env bash
# The runner's resident memory with its HTTP API: `bench/api-rss.sh JAR...` starts each jar's
# `run` with the launcher's JVM options against an empty registry, serves 200 GET /healthz, then
# holds 50 connections that never finish their request head, and prints VmRSS after each.
set -euo pipefail
java=$("$(dirname "$0")/../scripts/find-jdk.sh")/bin/java
opts="-XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1"
for jar in "$@"; do
  d=$(mktemp -d)
  mkdir -p "$d/registry"
  echo '[]' >"$d/clusters.json"
  # shellcheck disable=SC2086
  env -i HOME="$d" PATH=/usr/bin:/bin REGISTRY_REPOSITORY_URL="$d/registry" CLUSTER_STATUS_API_URL="$d/clusters.json" \
    CLUSTER_STATUS_URL_IS_FILE=1 CLUSTERS_TO_DEPLOY="*" ASPEN_STATE_DIR="$d/state" ASPEN_API_PORT=0 ASPEN_API_BIND=127.0.0.1 \
    SYNC_START_ON_RUN=1 DELAY_SECS_BETWEEN_RUNS=1 "$java" $opts -jar "$jar" run 2>"$d/err" &
  pid=$!
  for _ in $(seq 120); do grep -q "listening on" "$d/err" 2>/dev/null && break; sleep 0.5; done
  port=$(grep -o "listening on 127.0.0.1:[0-9]*" "$d/err" | cut -d: -f2)
  rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status"; }
  sleep 8
  for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; done
  sleep 3
  idle=$(rss)
  python3 - "$port" <<'PY' &
import socket, sys, time
held = []
for _ in range(50):
    c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    c.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-a: b")
    held.append(c)
time.sleep(4)
PY
  sleep 3
  slow=$(rss)
  wait $! 2>/dev/null || true
  echo "$jar: after 200 healthz ${idle} MiB; with 50 slow connections ${slow} MiB"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$d"
done
