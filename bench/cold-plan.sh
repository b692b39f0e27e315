#!/usr/bin/env bash
# The cold pass of builds side by side on one generated registry: `aspen plan --json` in a fresh
# JVM, nothing recorded, with a first clone (an empty REGISTRY_SUB_DIRECTORY) and with the
# checkout present, each with the launcher's JVM options and with plain `java -jar`. Each round
# runs every case once per build in turn (old, new, old, new, ...), so that every build sees the
# same minutes of a shared machine's load.
# Usage: bench/cold-plan.sh WORK ROOT [ROOT ...]
#   WORK: a directory kept by `BENCH_KEEP=1 BENCH_DEPLOY=0 BENCH_LAYOUTS=per-repo bench/e2e.sh N`
#   (its per-repo registry, git remote and bench image registry, started again here);
#   ROOT: a checkout holding the `aspen` launcher, scripts/find-jdk.sh and aspen-runner/target/aspen.jar.
# Per run: the pass's own seconds (the report's `seconds`), the JVM's CPU seconds (user + system,
# /usr/bin/time) and wall seconds, and the 1-minute load before it. Then the mean and median per
# build and case.
# BENCH_ROUNDS (3) rounds; BENCH_CASES ("clone present") and BENCH_JVMS ("launcher jar") select the
# cases; BENCH_JFR=DIR records every run with Flight Recorder (1 ms execution samples) into DIR.
# A launcher with an AOT cache (JDK 25+) makes it on its jar's first one-shot command: the
# unmeasured plan of each build below, so that its measured plans are what a user's second
# command gets. A recorded run (BENCH_JFR) sets its own options, so it runs without the cache.
set -euo pipefail
work=${1:?usage: bench/cold-plan.sh WORK ROOT [ROOT ...]}; shift
[ $# -gt 0 ] || { echo "give at least one build's checkout" >&2; exit 2; }
dir=$(ls -d "$work"/per-repo-n* | head -1)
[ -d "$dir/remote.git" ] || { echo "$work holds no per-repo registry" >&2; exit 2; }
scratch=$(mktemp -d /tmp/aspen-cold-plan.XXXXXX)
registry_pid=
run_id=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
cleanup() {
  [ -z "$registry_pid" ] || kill "$registry_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
start_kept_images "$work" "$scratch/images.log"

aspen_env() { # CHECKOUT-DIRECTORY
  kept_env "$work" "$dir" "$1" "$scratch/state-$run_id" "coldplan-$run_id"
}

# One cold plan: prints "pass-s cpu-s wall-s load"
cold_plan() { # ROOT-INDEX CASE JVM
  local root=${roots[$1]} checkout
  if [ "$2" = clone ]; then checkout="$scratch/clone-$1"; rm -rf "$checkout"; else checkout="$scratch/present-$1"; fi
  local opts=() jfr=()
  [ "$3" = launcher ] || opts=(ASPEN_JAVA_OPTS=)
  if [ -n "${BENCH_JFR:-}" ]; then
    mkdir -p "$BENCH_JFR"
    local file; file="$BENCH_JFR/b$(( $1 + 1 ))-$2-$3-$(date +%H%M%S).jfr"
    local base="-XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=warning:stderr"
    [ "$3" = launcher ] || base=
    opts=("ASPEN_JAVA_OPTS=$base -XX:StartFlightRecording=filename=$file,settings=profile,jdk.ExecutionSample#period=1ms")
  fi
  local l; l=$(cut -d' ' -f1 /proc/loadavg)
  # shellcheck disable=SC2046
  env -i $(aspen_env "$checkout") "${opts[@]}" /usr/bin/time -f '%U %S %e' -o "$scratch/time" \
    "$root/aspen" plan --json > "$scratch/plan.json" 2> "$scratch/plan.log" || true
  local pass; pass=$(python3 -c 'import json,sys; t=sys.stdin.read(); print(json.loads(t[t.index("{"):])["seconds"])' < "$scratch/plan.json" 2>/dev/null || echo failed)
  if [ "$pass" = failed ]; then
    mkdir -p "${BENCH_FAILED:-/tmp/aspen-cold-plan-failed}"
    cp "$scratch/plan.json" "$scratch/plan.log" "${BENCH_FAILED:-/tmp/aspen-cold-plan-failed}/" 2>/dev/null || true
  fi
  read -r user sys wall < <(tail -1 "$scratch/time")
  echo "$pass $(echo "$user + $sys" | bc) $wall $l"
}

roots=("$@")
cases=(${BENCH_CASES:-clone present})
jvms=(${BENCH_JVMS:-launcher jar})
echo "== one unmeasured plan per build: the checkouts the 'present' case uses, the page cache" >&2
for i in "${!roots[@]}"; do BENCH_JFR='' cold_plan "$i" present launcher >/dev/null; done

declare -A passes cpus walls
rows=()
for round in $(seq 1 "${BENCH_ROUNDS:-3}"); do
  for c in "${cases[@]}"; do
    for j in "${jvms[@]}"; do
      for i in "${!roots[@]}"; do
        echo "== round $round, $c, $j, build $((i + 1))" >&2
        read -r pass cpu wall l <<< "$(cold_plan "$i" "$c" "$j")"
        key="$c $j $((i + 1))"
        passes[$key]+=" $pass"; cpus[$key]+=" $cpu"; walls[$key]+=" $wall"
        rows+=("$round|$c|$j|$((i + 1))|$pass s|$cpu s|$wall s|$l")
      done
    done
  done
done

summary() { python3 -c '
import statistics, sys
v = [float(x) for x in sys.argv[1:] if x != "failed"]
print("%.2f / %.2f" % (statistics.mean(v), statistics.median(v)) if v else "failed")' "$@"; }

echo
echo "machine: $(nproc) cores, $(uname -r); registry: $dir"
for i in "${!roots[@]}"; do
  echo "build $((i + 1)): ${roots[$i]} ($(cat "${roots[$i]}/COMMIT" 2>/dev/null || git -C "${roots[$i]}" rev-parse --short HEAD 2>/dev/null || echo '?'))"
done
echo
echo "| round | case | JVM | build | pass | CPU | wall | 1-min load |"
echo "|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
echo
echo "| case | JVM | build | pass, mean / median | CPU, mean / median | wall, mean / median |"
echo "|---|---|---|---|---|---|"
for c in "${cases[@]}"; do
  for j in "${jvms[@]}"; do
    for i in "${!roots[@]}"; do
      key="$c $j $((i + 1))"
      # shellcheck disable=SC2086
      echo "| $c | $j | $((i + 1)) | $(summary ${passes[$key]}) s | $(summary ${cpus[$key]}) s | $(summary ${walls[$key]}) s |"
    done
  done
done
