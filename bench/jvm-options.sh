#!/usr/bin/env bash
# JVM options side by side on one generated registry: for each round (BENCH_ROUNDS, default 3),
# each variant in turn (so that every variant sees the same minutes of a shared machine's load):
#   - a cold plan pass (`aspen plan --json`, a fresh JVM, the checkout present, nothing recorded),
#   - a warm runner (`aspen run`, SKIP_DEPLOYMENT, passes triggered through its API, as
#     bench/e2e.sh does): a first pass, BENCH_WARMUP (20) unmeasured, then BENCH_PASSES (20)
#     measured, each pass's own duration; the runner's CPU time (user + system, /proc) over the
#     measured passes divided by their number (the API's answers to the bench's polling
#     included); and its peak resident memory (VmHWM) at the end.
# Usage: bench/jvm-options.sh WORK 'OPTIONS' ['OPTIONS' ...]
#   WORK: a directory kept by `BENCH_KEEP=1 BENCH_DEPLOY=0 BENCH_LAYOUTS=per-repo bench/e2e.sh N`
#   (its per-repo registry, git remote and bench image registry, started again here);
#   OPTIONS: the JVM options of one variant, as ASPEN_JAVA_OPTS; `default` for the launcher's own.
# On JDK 25+ the `default` variant's cold plans start from the launcher's AOT cache (made, when
# this jar has none, by the first unmeasured plan), the other variants' without (ASPEN_JAVA_OPTS
# turns it off); a warm runner never has one. bench/aot-cache.sh compares plans with and without.
# Prints one row per variant and round, then the passes of all rounds pooled per variant.
# BENCH_JFR=DIR records the measured passes of each runner with Flight Recorder (settings=profile,
# started and stopped with jcmd) into DIR.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:?usage: bench/jvm-options.sh WORK OPTIONS...}; shift
[ $# -gt 0 ] || { echo "give at least one variant's options" >&2; exit 2; }
dir=$(ls -d "$work"/per-repo-n* | head -1)
[ -d "$dir/remote.git" ] || { echo "$work holds no per-repo registry" >&2; exit 2; }
run_id=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
group="jvmopts-$run_id"
redis_port=6390
registry_pid=; runner_pid=
cleanup() {
  [ -z "$runner_pid" ] || kill "$runner_pid" 2>/dev/null || true
  [ -z "$registry_pid" ] || kill "$registry_pid" 2>/dev/null || true
  redis-cli -p $redis_port --scan --pattern "*$group*" 2>/dev/null | xargs -r redis-cli -p $redis_port del >/dev/null 2>&1 || true
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
load() { cut -d' ' -f1 /proc/loadavg; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

start_kept_images "$work" "$work/images-options.log"

aspen_env() { # CHECKOUT EXTRA...
  local checkout=$1; shift
  kept_env "$work" "$dir" "$dir/$checkout" "$dir/state" "$group" "$@"
}
with_options() { # OPTIONS: the env assignment that selects them (none for the launcher's defaults)
  [ "$1" = default ] || printf 'ASPEN_JAVA_OPTS=%s' "$1"
}

# One warm runner: prints "first-pass-s min median p90 max cpu-ms-per-pass vmhwm-mib load" and the
# measured passes' durations on a second line
warm_runner() { # OPTIONS
  local port api; port=$(free_port); api="http://127.0.0.1:$port"
  local opts; opts=$(with_options "$1")
  # shellcheck disable=SC2046
  ( exec env -i $(aspen_env checkout-run SKIP_DEPLOYMENT=1 ASPEN_API_PORT="$port" ASPEN_API_BIND=127.0.0.1 \
      DELAY_SECS_BETWEEN_RUNS=3600) ${opts:+"$opts"} "$root/aspen" run > "$work/options-run.log" 2>&1 ) &
  runner_pid=$!
  wait_for_api "$api"
  local first; first=$(timed_pass "$api")
  for _ in $(seq 1 "${BENCH_WARMUP:-20}"); do timed_pass "$api" >/dev/null; done
  local l; l=$(load)
  local jcmd; jcmd="$("$root/scripts/find-jdk.sh")/bin/jcmd"
  [ -z "${BENCH_JFR:-}" ] || "$jcmd" "$runner_pid" JFR.start name=nochange settings=profile >/dev/null
  local cpu0; cpu0=$(cpu_ticks "$runner_pid")
  local times=(); for _ in $(seq 1 "${BENCH_PASSES:-20}"); do times+=("$(timed_pass "$api")"); done
  local cpu1; cpu1=$(cpu_ticks "$runner_pid")
  if [ -n "${BENCH_JFR:-}" ]; then
    mkdir -p "$BENCH_JFR"
    "$jcmd" "$runner_pid" JFR.stop name=nochange filename="$BENCH_JFR/nochange-$(date +%H%M%S).jfr" >/dev/null
  fi
  local hwm; hwm=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$runner_pid/status")
  kill -TERM "$runner_pid"; wait "$runner_pid" 2>/dev/null || true; runner_pid=
  local ticks; ticks=$(getconf CLK_TCK)
  echo "$first $(stats "${times[@]}") $(( (cpu1 - cpu0) * 1000 / ticks / ${#times[@]} )) $hwm $l"
  echo "${times[*]}"
}
cold_plan() { # OPTIONS: prints "pass-s process-ms load"
  local opts l; opts=$(with_options "$1"); l=$(load)
  local start; start=$(now_ms)
  # shellcheck disable=SC2046
  env -i $(aspen_env checkout-plan) ${opts:+"$opts"} "$root/aspen" plan --json > "$work/options-plan.json" 2> "$work/options-plan.log" || true
  local wall=$(( $(now_ms) - start ))
  echo "$(json 'd["seconds"]' < "$work/options-plan.json") $wall $l"
}

echo "== a plan to clone the checkout the cold plans use, and a runner to record every app once" >&2
cold_plan default >/dev/null
BENCH_WARMUP=0 BENCH_PASSES=1 BENCH_JFR= warm_runner default >/dev/null

variants=("$@")
declare -A pooled cpu_all hwm_all
rows=()
for round in $(seq 1 "${BENCH_ROUNDS:-3}"); do
  for v in "${!variants[@]}"; do
    opts=${variants[$v]}
    echo "== round $round, variant $((v + 1)): $opts" >&2
    read -r plan_s plan_ms plan_load <<< "$(cold_plan "$opts")"
    { read -r first mn med p90 mx cpu hwm l; read -r times; } <<< "$(warm_runner "$opts")"
    pooled[$v]+=" $times"; cpu_all[$v]+=" $cpu"; hwm_all[$v]+=" $hwm"
    rows+=("$((v + 1))|$round|$plan_s s (process $plan_ms ms, load $plan_load)|$first s|$mn / $med / $p90 / $mx s|$cpu ms|$hwm MiB|$l")
  done
done

echo
echo "machine: $(nproc) cores, $(uname -r); registry: $dir; ${BENCH_WARMUP:-20} unmeasured and ${BENCH_PASSES:-20} measured passes per runner"
echo
for v in "${!variants[@]}"; do echo "variant $((v + 1)): ${variants[$v]}"; done
echo
echo "| variant | round | cold plan pass, checkout present | first pass of the runner | no-change min / median / p90 / max | runner CPU per no-change pass | runner peak RSS | 1-min load |"
echo "|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
echo
echo "| variant | no-change passes pooled: min / median / p90 / max | CPU per pass, each round | peak RSS, each round |"
echo "|---|---|---|---|"
for v in "${!variants[@]}"; do
  # shellcheck disable=SC2086
  read -r mn med p90 mx <<< "$(stats ${pooled[$v]})"
  echo "| $((v + 1)) | $mn / $med / $p90 / $mx s | ${cpu_all[$v]# } ms | ${hwm_all[$v]# } MiB |"
done
