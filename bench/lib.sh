# Shell functions the benches share; sourced by bench/e2e.sh and bench/jvm-options.sh.
# shellcheck shell=bash

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_for_api() { # API: until the runner at API answers (two minutes at most)
  for _ in $(seq 1 1200); do curl -sf "$1/api/v1/state" >/dev/null 2>&1 && return; sleep 0.1; done
}

timed_pass() { # API: triggers a pass on the runner at API, waits for its end, prints its own duration in seconds
  local api=$1 before now
  before=$(curl -sf "$api/healthz" | json 'd.get("lastPassStartedAt","-")')
  curl -sf -X POST "$api/api/v1/sync/trigger" >/dev/null
  while :; do
    sleep 0.05
    # a new pass started, and no pass is running any more
    now=$(curl -sf "$api/healthz" | json 'd.get("lastPassStartedAt","-") + " " + d["state"]')
    if [ "${now% *}" != "$before" ] && [ "${now#* }" != RUNNING ]; then
      curl -sf "$api/api/v1/applications" | json 'd["seconds"]'; return
    fi
  done
}

stats() { # DURATIONS...: prints "min median p90 max"
  local sorted count; sorted=$(printf '%s\n' "$@" | sort -g); count=$#
  echo "$(echo "$sorted" | head -1) $(echo "$sorted" | sed -n "$(( (count + 1) / 2 ))p") $(echo "$sorted" | sed -n "$(( (count * 9 + 9) / 10 ))p") $(echo "$sorted" | tail -1)"
}

# A registry kept by `BENCH_KEEP=1 BENCH_DEPLOY=0 BENCH_LAYOUTS=per-repo bench/e2e.sh N` (WORK), as
# the benches that compare builds or options on one registry use it.
start_kept_images() { # WORK LOG: starts WORK's bench image registry again, logging to LOG; sets registry_pid
  local port; port=$(sed -n 's/.*addr: 127.0.0.1:\([0-9]*\).*/\1/p' "$1/images.yml")
  docker-registry serve "$1/images.yml" > "$2" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
}
kept_env() { # WORK DIR CHECKOUT STATE GROUP [NAME=VALUE...]: Aspen's environment over WORK's registry DIR, one NAME=VALUE a word
  local work=$1 dir=$2 checkout=$3 state=$4 group=$5; shift 5
  echo PATH="$PATH" HOME="$HOME"
  echo REGISTRY_REPOSITORY_URL="file://$dir/remote.git" REGISTRY_SUB_DIRECTORY="$checkout"
  echo ASPEN_STATE_DIR="$state" CLUSTER_STATUS_API_URL="$work/clusters.json" CLUSTER_STATUS_URL_IS_FILE=1
  echo CLUSTERS_TO_DEPLOY=active DOCKER_REGISTRY_URL=http://127.0.0.1:5000 DOCKER_REGISTRY_USER=aspen
  echo DOCKER_REGISTRY_PWD=aspen-test REDIS_URL=redis://127.0.0.1:6390 MANAGEMENT_RES_GRP="$group"
  echo VAULT_KEY_PATH="$dir/keys/master" APP_PWD_FILE_PATH="$dir/keys/passwords.yml" "$@"
}
