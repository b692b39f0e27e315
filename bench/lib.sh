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
