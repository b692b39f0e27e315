#!/usr/bin/env bash
# Cold `aspen plan --json` of several builds side by side, CPU seconds first: on a shared machine
# the wall time follows the load, the CPU a process spends much less. In each round
# (BENCH_ROUNDS, default 5) every build runs in turn with the launcher's options and with plain
# `java -jar` (ASPEN_JAVA_OPTS= ), so all of them see the same minutes of the machine's load.
# Each run is a fresh JVM with the checkout present and nothing recorded (a management group of
# its own), as the cold plan of bench/jvm-options.sh.
# Usage: bench/cold-plan-builds.sh WORK ROOT [ROOT ...]
#   WORK: a directory kept by `BENCH_KEEP=1 BENCH_DEPLOY=0 BENCH_LAYOUTS=per-repo bench/e2e.sh N`;
#   ROOT: a checkout whose aspen-runner/target/aspen.jar is built (its ./aspen launcher runs it).
# Prints one row per run (pass seconds from the report, the process's wall and CPU seconds, user +
# system, and the 1-minute load), then the medians per build and options.
set -euo pipefail
work=${1:?usage: bench/cold-plan-builds.sh WORK ROOT [ROOT ...]}; shift
[ $# -gt 0 ] || { echo "give at least one checkout with a built jar" >&2; exit 2; }
dir=$(ls -d "$work"/per-repo-n* | head -1)
[ -d "$dir/remote.git" ] || { echo "$work holds no per-repo registry" >&2; exit 2; }
rounds=${BENCH_ROUNDS:-5}
group="coldplan-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
registry_pid=
trap '[ -z "$registry_pid" ] || kill "$registry_pid" 2>/dev/null || true' EXIT

images_port=$(sed -n 's/.*addr: 127.0.0.1:\([0-9]*\).*/\1/p' "$work/images.yml")
docker-registry serve "$work/images.yml" > "$work/images-cold-plan.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$images_port/v2/" >/dev/null && break; sleep 0.1; done

aspen_env() {
  echo PATH="$PATH" HOME="$HOME"
  echo REGISTRY_REPOSITORY_URL="file://$dir/remote.git" REGISTRY_SUB_DIRECTORY="$dir/checkout-cold-plan"
  echo ASPEN_STATE_DIR="$dir/state" CLUSTER_STATUS_API_URL="$work/clusters.json" CLUSTER_STATUS_URL_IS_FILE=1
  echo CLUSTERS_TO_DEPLOY=active DOCKER_REGISTRY_URL=http://127.0.0.1:5000 DOCKER_REGISTRY_USER=aspen
  echo DOCKER_REGISTRY_PWD=aspen-test REDIS_URL=redis://127.0.0.1:6390 MANAGEMENT_RES_GRP="$group"
  echo VAULT_KEY_PATH="$dir/keys/master" APP_PWD_FILE_PATH="$dir/keys/passwords.yml"
}
plan() { # ROOT MODE: prints "pass-s wall-s cpu-s load"
  local root=$1 mode=$2 load opts=()
  load=$(cut -d' ' -f1 /proc/loadavg)
  [ "$mode" = launcher ] || opts=(ASPEN_JAVA_OPTS=)
  # shellcheck disable=SC2046
  /usr/bin/time -f '%e %U %S' -o "$work/cold-plan.time" env -i $(aspen_env) "${opts[@]}" "$root/aspen" plan --json \
    > "$work/cold-plan.json" 2> "$work/cold-plan.log" || true
  python3 - "$work/cold-plan.json" "$work/cold-plan.time" "$load" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
wall, user, system = (float(x) for x in open(sys.argv[2]).read().split()[-3:])
print(f'{report["seconds"]:.2f} {wall:.2f} {user + system:.2f} {sys.argv[3]}')
PY
}

echo "== a first plan to clone the checkout the measured plans use" >&2
plan "$1" launcher >/dev/null
# A launcher with an AOT cache (JDK 25+) makes it on its jar's first one-shot command: here, before
# anything is measured, so that its plans are what a user's second command gets.
for root in "$@"; do env -i PATH="$PATH" HOME="$HOME" "$root/aspen" validate "$root/examples/registry" > /dev/null; done
results=$(mktemp)
echo "| round | build | options | pass s | wall s | CPU s | load |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  for root in "$@"; do
    for mode in launcher java-jar; do
      read -r pass wall cpu load <<< "$(plan "$root" "$mode")"
      echo "| $round | $root | $mode | $pass | $wall | $cpu | $load |"
      echo "$root $mode $pass $wall $cpu $load" >> "$results"
    done
  done
done
echo
echo "| build | options | runs | median pass s | median wall s | median CPU s (min-max) | median load |"
echo "|---|---|---|---|---|---|---|"
python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    root, mode, *values = line.split()
    rows.setdefault((root, mode), []).append([float(v) for v in values])
for (root, mode), runs in rows.items():
    column = lambda i: [run[i] for run in runs]
    cpu = column(2)
    print(f'| {root} | {mode} | {len(runs)} | {statistics.median(column(0)):.2f} | {statistics.median(column(1)):.2f}'
          f' | {statistics.median(cpu):.2f} ({min(cpu):.2f}-{max(cpu):.2f}) | {statistics.median(column(3)):.2f} |')
PY
rm -f "$results"
