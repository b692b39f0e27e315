#!/usr/bin/env bash
# End-to-end benchmark of Aspen with the real components: for N generated apps (half on a semver
# range, 10 % with vaulted secrets) in two registry layouts, `shared` (every ranged app on
# 127.0.0.1:5000/busybox) and `per-repo` (each ranged app on a repository of its own, N/2 of them,
# in a docker-registry the bench starts on a free loopback port), it measures, with the real
# runner jar against a file:// git registry, the image registry and Redis:
#   - a cold plan pass (`aspen plan --json`, a fresh JVM, nothing recorded yet),
#   - no-change passes with a warm runner (`aspen run` with SKIP_DEPLOYMENT, passes triggered
#     through its HTTP API; BENCH_WARMUP passes (default 20) first, then BENCH_PASSES (default 20)
#     measured; each pass's own duration read from /api/v1/applications once it ended, the end
#     seen by polling the small /healthz so that the polling itself costs the runner little),
#   - a pass after one app changed,
#   - the runner's peak resident memory (VmHWM) after those passes,
#   - (per-repo) registry requests per hour at the default settings, against one request per
#     repository per pass: a runner with TAGS_REFRESH_SECS=20 and DELAY_SECS_BETWEEN_RUNS=1 (the
#     defaults 300 and 15 run 15 times faster) counted over BENCH_RATE_SECS (60) after a first
#     refresh interval, scaled back by 15,
# and a real deploy of 20 apps (per-repo layout) to the local swarm (`aspen run --once`), then a
# runner on the same state and push notifications from the bench registry: for BENCH_PUSHES (3)
# new tags, the time from the manifest PUT to the engine's first write of the pushed app's service
# (its `docker events` update); everything is removed afterwards.
# Usage: bench/e2e.sh [N ...]          (default: 100 1000); BENCH_LAYOUTS="shared per-repo" (default)
# Needs scripts/test-env.sh to have run (swarm, registry, Redis). Builds the jar when missing.
# Aspen is started with the ./aspen launcher, so with its JVM options unless ASPEN_JAVA_OPTS is
# set (then exactly those; set it empty for the JVM's own defaults). On JDK 25+ the launcher's
# one-shot commands (the cold plans here) use its AOT cache: the bench has the launcher make it
# before anything is measured (`./aspen validate examples/registry`, which makes it only when
# this jar has none), so the cold plan figures are what a user's plans get once the first
# one-shot command made the cache, never the training run's own seconds; ASPEN_AOT=0 measures
# them without it (bench/aot-cache.sh compares both).
# The runner gets 120 s to answer its API after starting (a loaded machine).
# BENCH_STATE=file uses the embedded state store instead of Redis; BENCH_DEPLOY=0 skips the
# real deploy; BENCH_KEEP=1 keeps the work directory (logs, generated registries).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
java="$("$root/scripts/find-jdk.sh")/bin/java"
jar="$root/aspen-runner/target/aspen.jar"
[ -f "$jar" ] || (cd "$root" && scripts/mvn -q -pl aspen-runner -am package -DskipTests)
# the launcher's AOT cache for this jar, made now if missing (above); nothing when it has none to make
env -i PATH="$PATH" HOME="$HOME" ${ASPEN_JAVA_OPTS+"ASPEN_JAVA_OPTS=$ASPEN_JAVA_OPTS"} ${ASPEN_AOT+"ASPEN_AOT=$ASPEN_AOT"} \
  "$root/aspen" validate "$root/examples/registry" > /dev/null
work=$(mktemp -d /tmp/aspen-bench.XXXXXX)
run_id=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
redis_port=6390
pids=(); stacks=(); registry_pid=
layouts=(${BENCH_LAYOUTS:-shared per-repo})
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -z "$registry_pid" ] || kill "$registry_pid" 2>/dev/null || true
  for s in "${stacks[@]}"; do /usr/bin/docker stack rm "$s" >/dev/null 2>&1 || true; done
  redis-cli -p $redis_port --scan --pattern "aspen:bench-$run_id-*" 2>/dev/null | xargs -r redis-cli -p $redis_port del >/dev/null 2>&1 || true
  redis-cli -p $redis_port --scan --pattern "*bench-$run_id-*" 2>/dev/null | xargs -r redis-cli -p $redis_port del >/dev/null 2>&1 || true
  [ -n "${BENCH_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

# make_registry DIR N PREFIX [HOST]: generated apps committed to DIR/remote.git (ranged apps on
# HOST/bench/<app> when HOST is given)
make_registry() {
  "$java" -cp "$jar" "$root/bench/GenerateRegistry.java" "$1" "$2" "$3" 10 ${4:+"$4"}
  git -C "$1/registry" init -q -b main
  git -C "$1/registry" add -A
  git -C "$1/registry" -c user.name=bench -c user.email=bench@example.org commit -q -m "generated $2 apps"
  git clone -q --bare "$1/registry" "$1/remote.git"
  git -C "$1/registry" remote add origin "$1/remote.git"
}

# start_image_registry PORT [NOTIFY_URL TOKEN]: the bench's own docker-registry on 127.0.0.1:PORT,
# storage under $work/images (kept across restarts), sending push notifications when asked
start_image_registry() {
  mkdir -p "$work/images"
  {
    echo "version: 0.1"
    echo "log: {level: warn}"
    echo "storage: {filesystem: {rootdirectory: $work/images}, delete: {enabled: true}}"
    echo "http: {addr: 127.0.0.1:$1, secret: bench-only}"
    if [ -n "${2:-}" ]; then
      echo "notifications: {endpoints: [{name: aspen, url: '$2', headers: {Authorization: ['Bearer $3']},"
      echo "  timeout: 3s, threshold: 3, backoff: 1s, ignoredmediatypes: [application/octet-stream]}]}"
    fi
  } > "$work/images.yml"
  docker-registry serve "$work/images.yml" > "$work/images.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/v2/" >/dev/null && return; sleep 0.1; done
  cat "$work/images.log" >&2; echo "the bench registry did not start" >&2; exit 1
}
stop_image_registry() { kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; registry_pid=; }
metric_sum() { # NAME: the sum of a metric's samples on the runner at $api
  curl -sf "$api/metrics" | awk -v n="$1" '$1 == n || index($1, n "{") == 1 {s += $2} END {printf "%d\n", s}'
}
images_port=$(free_port)
if [[ " ${layouts[*]} " == *" per-repo "* ]]; then start_image_registry "$images_port"; fi

echo '[{"name": "active", "lb_ip": "unix:///var/run/docker.sock"}]' > "$work/clusters.json"
base_env() { # DIR GROUP
  echo REGISTRY_REPOSITORY_URL="file://$1/remote.git"
  echo REGISTRY_SUB_DIRECTORY="$1/checkout-$2"
  echo ASPEN_STATE_DIR="$1/state"
  echo CLUSTER_STATUS_API_URL="$work/clusters.json"
  echo CLUSTER_STATUS_URL_IS_FILE=1
  echo CLUSTERS_TO_DEPLOY=active
  echo DOCKER_REGISTRY_URL=http://127.0.0.1:5000
  echo DOCKER_REGISTRY_USER=aspen
  echo DOCKER_REGISTRY_PWD=aspen-test
  [ "${BENCH_STATE:-redis}" = file ] || echo REDIS_URL=redis://127.0.0.1:$redis_port
  echo MANAGEMENT_RES_GRP="$2"
  echo VAULT_KEY_PATH="$1/keys/master"
  echo APP_PWD_FILE_PATH="$1/keys/passwords.yml"
  echo VERIFY_START_DELAY_SECS=1
  echo VERIFY_START_RETRY_TIMES=60
}
jvm_opts=(); [ -z "${ASPEN_JAVA_OPTS+set}" ] || jvm_opts=("ASPEN_JAVA_OPTS=$ASPEN_JAVA_OPTS")
[ -z "${ASPEN_AOT+set}" ] || jvm_opts+=("ASPEN_AOT=$ASPEN_AOT")
aspen() { # DIR GROUP EXTRA_ENV... -- ARGS...
  local dir=$1 group=$2; shift 2
  local extra=(); while [ "$1" != "--" ]; do extra+=("$1"); shift; done; shift
  env -i PATH="$PATH" HOME="$HOME" $(base_env "$dir" "$group") "${extra[@]}" ${jvm_opts[@]+"${jvm_opts[@]}"} \
    "$root/aspen" "$@"
}
aspen_exec() { # the same, replacing the calling (sub)shell, so that $! is the JVM's pid (the launcher execs java)
  local dir=$1 group=$2; shift 2
  local extra=(); while [ "$1" != "--" ]; do extra+=("$1"); shift; done; shift
  exec env -i PATH="$PATH" HOME="$HOME" $(base_env "$dir" "$group") "${extra[@]}" ${jvm_opts[@]+"${jvm_opts[@]}"} \
    "$root/aspen" "$@"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=(); rates=()
for layout in "${layouts[@]}"; do
for n in "${sizes[@]}"; do
  dir="$work/$layout-n$n"; mkdir -p "$dir"
  echo "== $layout, N=$n: generating the registry" >&2
  prefix="b${run_id}${layout:0:1}${n}x"
  if [ "$layout" = per-repo ]; then
    make_registry "$dir" "$n" "$prefix" "127.0.0.1:$images_port"
    python3 "$root/bench/registry.py" fill http://127.0.0.1:5000 aspen aspen-test "127.0.0.1:$images_port" "$prefix" $(( (n + 1) / 2 ))
  else
    make_registry "$dir" "$n" "$prefix"
  fi

  echo "== N=$n: cold plan pass (fresh JVM, nothing recorded)" >&2
  load_cold=$(cut -d' ' -f1 /proc/loadavg)
  start=$(now_ms)
  aspen "$dir" "bench-$run_id-plan-$n" -- plan --json > "$dir/plan.json" 2> "$dir/plan.log" || true
  plan_wall=$(( $(now_ms) - start ))
  plan_pass=$(json 'd["seconds"]' < "$dir/plan.json")
  plan_changed=$(json 'sum(1 for r in d["results"] if r["status"]=="CHANGED")' < "$dir/plan.json")
  # again in a fresh JVM with the checkout already there (plan records nothing: still cold)
  start=$(now_ms)
  aspen "$dir" "bench-$run_id-plan-$n" -- plan --json > "$dir/plan2.json" 2> "$dir/plan2.log" || true
  plan2_wall=$(( $(now_ms) - start ))
  plan2_pass=$(json 'd["seconds"]' < "$dir/plan2.json")

  echo "== N=$n: warm runner (SKIP_DEPLOYMENT), passes through the API" >&2
  port=$(free_port)
  ( aspen_exec "$dir" "bench-$run_id-run-$n" SKIP_DEPLOYMENT=1 ASPEN_API_PORT=$port ASPEN_API_BIND=127.0.0.1 \
    DELAY_SECS_BETWEEN_RUNS=3600 -- run > "$dir/run.log" 2>&1 ) &
  pid=$!; pids+=("$pid")
  api="http://127.0.0.1:$port"
  wait_for_api "$api"
  first=$(timed_pass "$api")
  for _ in $(seq 1 "${BENCH_WARMUP:-20}"); do timed_pass "$api" >/dev/null; done
  load_nc=$(cut -d' ' -f1 /proc/loadavg)
  nochange=(); for _ in $(seq 1 "${BENCH_PASSES:-20}"); do nochange+=("$(timed_pass "$api")"); done
  read -r nc_min nc_median nc_p90 nc_max <<< "$(stats "${nochange[@]}")"
  app_dir=$(find "$dir/registry" -type d -name "${prefix}0001" | head -1)
  sed -i 's/APP: "${APPLICATION_NAME}"/APP: "${APPLICATION_NAME}-changed"/' "$app_dir/active/docker-stack.yml"
  git -C "$dir/registry" -c user.name=bench -c user.email=bench@example.org commit -q -am "one app changes"
  git -C "$dir/registry" push -q origin main
  onechange=$(timed_pass "$api")
  after_change=$(curl -sf "$api/api/v1/applications" | json 'sum(1 for r in d["results"] if r["status"]=="CHANGED")')
  hwm=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$layout" = per-repo ] && [ "${BENCH_RATE_SECS:-60}" != 0 ]; then
    echo "== $layout, N=$n: registry requests, default settings 15 times faster" >&2
    port=$(free_port); api="http://127.0.0.1:$port"
    ( aspen_exec "$dir" "bench-$run_id-rate-$n" SKIP_DEPLOYMENT=1 ASPEN_API_PORT=$port ASPEN_API_BIND=127.0.0.1 \
      SYNC_START_ON_RUN=1 DELAY_SECS_BETWEEN_RUNS=1 TAGS_REFRESH_SECS=20 -- run > "$dir/rate.log" 2>&1 ) &
    pid=$!; pids+=("$pid")
    wait_for_api "$api"
    sleep 20
    requests0=$(metric_sum aspen_registry_requests_total); passes0=$(metric_sum aspen_pass_duration_seconds_count)
    sleep "${BENCH_RATE_SECS:-60}"
    requests1=$(metric_sum aspen_registry_requests_total); passes1=$(metric_sum aspen_pass_duration_seconds_count)
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    repos=$(( (n + 1) / 2 )); window=${BENCH_RATE_SECS:-60}
    now_h=$(( (requests1 - requests0) * 3600 / window / 15 )); old_h=$(( (passes1 - passes0) * repos * 3600 / window / 15 ))
    # before, counted two ways: per pass the runner really made (fewer on a loaded machine, where
    # passes take longer), and per pass every 15 s (the default delay, passes taking no time)
    every15_h=$(( repos * 3600 / 15 ))
    rates+=("$n|$repos|$((passes1 - passes0)) passes, $((requests1 - requests0)) requests in ${window} s|$now_h|$old_h ($(python3 -c "print(round($old_h / max($now_h, 1), 1))")× fewer now)|$every15_h ($(python3 -c "print(round($every15_h / max($now_h, 1), 1))")× fewer now)")
  fi
  rows+=("$layout|$n|$plan_pass s ($plan_changed changed; process $plan_wall ms)|$plan2_pass s (process $plan2_wall ms)|$first s|$nc_min / $nc_median / $nc_p90 / $nc_max s|$onechange s ($after_change changed)|$hwm MiB (now $rss MiB)|$load_cold / $load_nc")
done
done

deploy_wall=-; deployed=0; latencies=()
if [ "${BENCH_DEPLOY:-1}" != 0 ]; then
echo "== real deploy of 20 apps to the local swarm (run --once)" >&2
dir="$work/deploy"; mkdir -p "$dir"
[ -n "$registry_pid" ] || start_image_registry "$images_port"
prefix="b${run_id}d"
make_registry "$dir" 20 "$prefix" "127.0.0.1:$images_port"
python3 "$root/bench/registry.py" fill http://127.0.0.1:5000 aspen aspen-test "127.0.0.1:$images_port" "$prefix" 10
for i in $(seq -f '%04g' 0 19); do stacks+=("$prefix$i"); done
start=$(now_ms)
aspen "$dir" "bench-$run_id-deploy" -- run --once > "$dir/once.txt" 2> "$dir/once.log" || { cat "$dir/once.txt" "$dir/once.log" >&2; }
deploy_wall=$(( $(now_ms) - start ))
deployed=$(grep -c "^.*$prefix.* DEPLOYED" "$dir/once.txt" || true)

echo "== push notifications: manifest PUT to the engine's first write" >&2
port=$(free_port); api="http://127.0.0.1:$port"; token="bench-$run_id"
stop_image_registry
start_image_registry "$images_port" "$api/api/v1/webhook/registry" "$token"
( aspen_exec "$dir" "bench-$run_id-deploy" ASPEN_API_PORT=$port ASPEN_API_BIND=127.0.0.1 API_TOKEN=$token \
  SYNC_START_ON_RUN=1 -- run > "$dir/run.log" 2>&1 ) &
pid=$!; pids+=("$pid")
for _ in $(seq 1 600); do # until the first pass (all UNCHANGED) ended
  curl -sf "$api/healthz" 2>/dev/null | json '"lastPassStartedAt" in d and d["state"] != "RUNNING"' 2>/dev/null \
    | grep -q True && break
  sleep 0.1
done
for k in $(seq 1 "${BENCH_PUSHES:-3}"); do
  app="$prefix$(printf '%04d' $(( 2 * (k - 1) )))"; tag="1.2.$(( 4 + k ))_bench"
  load_push=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(python3 "$root/bench/registry.py" push "127.0.0.1:$images_port" "bench/$app" "$tag")
  for _ in $(seq 1 600); do
    /usr/bin/docker service inspect "${app}_web" --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}' 2>/dev/null \
      | grep -q ":$tag@" && break
    sleep 0.1
  done
  sleep 1 # the event of the write just seen, within --until's second
  first=$(/usr/bin/docker events --since $(( t0 / 1000000000 - 1 )) --until "$(date +%s)" --filter type=service \
    --filter event=update --format '{{.TimeNano}} {{.Actor.Attributes.name}}' | awk -v s="${app}_web" '$2 == s {print $1; exit}')
  if [ -n "$first" ]; then latencies+=("$(( (first - t0) / 1000000 )) ms (load $load_push)"); else latencies+=("no update seen"); fi
done
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
fi
stop_image_registry

if [ -n "${ASPEN_JAVA_OPTS+set}" ]; then opts_desc="ASPEN_JAVA_OPTS='$ASPEN_JAVA_OPTS'"; else opts_desc="the launcher's defaults"; fi
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo) GiB, $(uname -r); JVM: $("$java" -version 2>&1 | head -1); JVM options: $opts_desc; state: ${BENCH_STATE:-redis}; load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| layout | N apps | cold plan pass, first clone | cold plan pass, checkout present | first record-only pass (clone + record all) | no-change pass min / median / p90 / max (${BENCH_PASSES:-20}, after ${BENCH_WARMUP:-20} unmeasured) | one-change pass | runner peak RSS | 1-min load average at the cold plan / the no-change passes |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
echo
if [ ${#rates[@]} -gt 0 ]; then
  echo
  echo "| N apps | repositories | measured (TAGS_REFRESH_SECS=20, DELAY_SECS_BETWEEN_RUNS=1) | registry requests per hour at the defaults | before: one per repository per pass made, per hour | before: one per repository per pass every 15 s, per hour |"
  echo "|---|---|---|---|---|---|"
  for r in "${rates[@]}"; do echo "| ${r//|/ | } |"; done
fi
echo
echo "real deploy of 20 apps (run --once, PARALLELISM 5, until every service runs): $deploy_wall ms, $deployed DEPLOYED"
[ ${#latencies[@]} -eq 0 ] || echo "push notification (manifest PUT) to the engine's first write, ${#latencies[@]} pushes: ${latencies[*]}"
