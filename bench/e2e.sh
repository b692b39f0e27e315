#!/usr/bin/env bash
# End-to-end benchmark of Aspen with the real components (issue 11): for N generated apps
# (half on a semver range of 127.0.0.1:5000/busybox, 10 % with vaulted secrets) it measures,
# with the real runner jar against a file:// git registry, the shared registry and Redis:
#   - a cold plan pass (`aspen plan --json`, a fresh JVM, nothing recorded yet),
#   - no-change passes with a warm runner (`aspen run` with SKIP_DEPLOYMENT, passes triggered
#     through its HTTP API; BENCH_WARMUP passes (default 20) first, then BENCH_PASSES (default 20)
#     measured; each pass's own duration read from /api/v1/applications once it ended, the end
#     seen by polling the small /healthz so that the polling itself costs the runner little),
#   - a pass after one app changed,
#   - the runner's peak resident memory (VmHWM) after those passes,
# and a real deploy of 20 apps to the local swarm (`aspen run --once`), removed afterwards.
# Usage: bench/e2e.sh [N ...]          (default: 100 1000)
# Needs scripts/test-env.sh to have run (swarm, registry, Redis). Builds the jar when missing.
# Aspen is started with the ./aspen launcher, so with its JVM options unless ASPEN_JAVA_OPTS is
# set (then exactly those; set it empty for the JVM's own defaults).
# BENCH_STATE=file uses the embedded state store instead of Redis; BENCH_DEPLOY=0 skips the
# real deploy; BENCH_KEEP=1 keeps the work directory (logs, generated registries).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
java="$("$root/scripts/find-jdk.sh")/bin/java"
jar="$root/aspen-runner/target/aspen.jar"
[ -f "$jar" ] || (cd "$root" && scripts/mvn -q -pl aspen-runner -am package -DskipTests)
work=$(mktemp -d /tmp/aspen-bench.XXXXXX)
run_id=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
redis_port=6390
pids=(); stacks=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for s in "${stacks[@]}"; do /usr/bin/docker stack rm "$s" >/dev/null 2>&1 || true; done
  redis-cli -p $redis_port --scan --pattern "aspen:bench-$run_id-*" 2>/dev/null | xargs -r redis-cli -p $redis_port del >/dev/null 2>&1 || true
  redis-cli -p $redis_port --scan --pattern "*bench-$run_id-*" 2>/dev/null | xargs -r redis-cli -p $redis_port del >/dev/null 2>&1 || true
  [ -n "${BENCH_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# make_registry DIR N PREFIX: generated apps committed to DIR/remote.git
make_registry() {
  "$java" -cp "$jar" "$root/bench/GenerateRegistry.java" "$1" "$2" "$3"
  git -C "$1/registry" init -q -b main
  git -C "$1/registry" add -A
  git -C "$1/registry" -c user.name=bench -c user.email=bench@example.org commit -q -m "generated $2 apps"
  git clone -q --bare "$1/registry" "$1/remote.git"
  git -C "$1/registry" remote add origin "$1/remote.git"
}

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
rows=()
for n in "${sizes[@]}"; do
  dir="$work/n$n"; mkdir -p "$dir"
  echo "== N=$n: generating the registry" >&2
  make_registry "$dir" "$n" "b${run_id}n"

  echo "== N=$n: cold plan pass (fresh JVM, nothing recorded)" >&2
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
  for _ in $(seq 1 300); do curl -sf "$api/api/v1/state" >/dev/null 2>&1 && break; sleep 0.1; done
  health() { curl -sf "$api/healthz" | json 'd.get("lastPassStartedAt","-") + " " + d["state"]'; }
  pass() { # prints the pass's own duration in seconds
    local before; before=$(health); before=${before% *}
    curl -sf -X POST "$api/api/v1/sync/trigger" >/dev/null
    while :; do
      sleep 0.05
      local now; now=$(health)
      if [ "${now% *}" != "$before" ] && [ "${now#* }" != RUNNING ]; then
        curl -sf "$api/api/v1/applications" | json 'd["seconds"]'; return
      fi
    done
  }
  first=$(pass)
  for _ in $(seq 1 "${BENCH_WARMUP:-20}"); do pass >/dev/null; done
  nochange=(); for _ in $(seq 1 "${BENCH_PASSES:-20}"); do nochange+=("$(pass)"); done
  sorted=$(printf '%s\n' "${nochange[@]}" | sort -g); count=${#nochange[@]}
  nc_min=$(echo "$sorted" | head -1); nc_median=$(echo "$sorted" | sed -n "$(( (count + 1) / 2 ))p")
  nc_p90=$(echo "$sorted" | sed -n "$(( (count * 9 + 9) / 10 ))p"); nc_max=$(echo "$sorted" | tail -1)
  app_dir=$(find "$dir/registry" -type d -name "b${run_id}n0001" | head -1)
  sed -i 's/APP: "${APPLICATION_NAME}"/APP: "${APPLICATION_NAME}-changed"/' "$app_dir/active/docker-stack.yml"
  git -C "$dir/registry" -c user.name=bench -c user.email=bench@example.org commit -q -am "one app changes"
  git -C "$dir/registry" push -q origin main
  onechange=$(pass)
  after_change=$(curl -sf "$api/api/v1/applications" | json 'sum(1 for r in d["results"] if r["status"]=="CHANGED")')
  hwm=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rows+=("$n|$plan_pass s ($plan_changed changed; process $plan_wall ms)|$plan2_pass s (process $plan2_wall ms)|$first s|$nc_min / $nc_median / $nc_p90 / $nc_max s|$onechange s ($after_change changed)|$hwm MiB (now $rss MiB)")
done

deploy_wall=-; deployed=0
if [ "${BENCH_DEPLOY:-1}" != 0 ]; then
echo "== real deploy of 20 apps to the local swarm (run --once)" >&2
dir="$work/deploy"; mkdir -p "$dir"
make_registry "$dir" 20 "b${run_id}d"
for i in $(seq -f '%04g' 0 19); do stacks+=("b${run_id}d$i"); done
start=$(now_ms)
aspen "$dir" "bench-$run_id-deploy" -- run --once > "$dir/once.txt" 2> "$dir/once.log" || { cat "$dir/once.txt" "$dir/once.log" >&2; }
deploy_wall=$(( $(now_ms) - start ))
deployed=$(grep -c "^.*b${run_id}d.* DEPLOYED" "$dir/once.txt" || true)
fi

if [ -n "${ASPEN_JAVA_OPTS+set}" ]; then opts_desc="ASPEN_JAVA_OPTS='$ASPEN_JAVA_OPTS'"; else opts_desc="the launcher's defaults"; fi
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo) GiB, $(uname -r); JVM: $("$java" -version 2>&1 | head -1); JVM options: $opts_desc; state: ${BENCH_STATE:-redis}; load average before: $load_before"
echo
echo "| N apps | cold plan pass, first clone | cold plan pass, checkout present | first record-only pass (clone + record all) | no-change pass min / median / p90 / max (${BENCH_PASSES:-20}, after ${BENCH_WARMUP:-20} unmeasured) | one-change pass | runner peak RSS |"
echo "|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
echo
echo "real deploy of 20 apps (run --once, PARALLELISM 5, until every service runs): $deploy_wall ms, $deployed DEPLOYED"
