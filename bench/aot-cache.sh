#!/usr/bin/env bash
# The launcher's AOT cache (JDK 25+) against none, on one generated registry: first the training
# run alone (this jar's cache removed, then made by `./aspen validate examples/registry`, as a
# user's first one-shot command makes it), then for each round (BENCH_ROUNDS, default 5) a cold
# `aspen plan --json` with the cache and one without (ASPEN_AOT=0), alternating so that both see
# the same minutes of a shared machine's load, each once with a first clone (a fresh
# REGISTRY_SUB_DIRECTORY) and once with the checkout present. Per plan: the pass's own `seconds`,
# the command's wall time and its CPU seconds (user + system of the launcher and its JVM,
# /usr/bin/time), the 1-minute load before it. BENCH_FIRST_CLONE=0 leaves out the first clones.
# Usage: bench/aot-cache.sh WORK
#   WORK: a directory kept by `BENCH_KEEP=1 BENCH_DEPLOY=0 BENCH_LAYOUTS=per-repo bench/e2e.sh N`
#   (its per-repo registry and git remote; its bench image registry is started again here).
# Needs a JDK 25+ (scripts/find-jdk.sh) and Redis on 127.0.0.1:6390 (scripts/test-env.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:?usage: bench/aot-cache.sh WORK}
dir=$(ls -d "$work"/per-repo-n* | head -1)
[ -d "$dir/remote.git" ] || { echo "$work holds no per-repo registry" >&2; exit 2; }
group="aotcache-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
registry_pid=
cleanup() {
  [ -z "$registry_pid" ] || kill "$registry_pid" 2>/dev/null || true
  rm -rf "$dir/checkout-aot-clone"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
load() { cut -d' ' -f1 /proc/loadavg; }

start_kept_images "$work" "$work/images-aot.log"

aspen_env() { # CHECKOUT
  kept_env "$work" "$dir" "$dir/$1" "$dir/state" "$group"
}
cold_plan() { # CHECKOUT AOT(1|0): prints "pass-s wall-s cpu-s load"
  local l; l=$(load)
  [ "$1" != checkout-aot-clone ] || rm -rf "$dir/checkout-aot-clone"
  # shellcheck disable=SC2046
  /usr/bin/time -f '%e %U %S' -o "$work/aot-time.txt" env -i $(aspen_env "$1") ASPEN_AOT="$2" \
    "$root/aspen" plan --json > "$work/aot-plan.json" 2> "$work/aot-plan.log" || true
  read -r wall user sys < "$work/aot-time.txt"
  echo "$(json 'd["seconds"]' < "$work/aot-plan.json") $wall $(echo "$user + $sys" | bc) $l"
}

echo "== the training run: this jar's cache removed, then made by ./aspen validate examples/registry" >&2
rm -f "$root"/aspen-runner/target/aspen-*.aot "$root"/aspen-runner/target/aspen-*.aot.failed
train_load=$(load)
/usr/bin/time -f '%e %U %S' -o "$work/aot-time.txt" "$root/aspen" validate "$root/examples/registry" >/dev/null 2> "$work/aot-train.log"
read -r train_wall train_user train_sys < "$work/aot-time.txt"
grep -q 'AOT cache made' "$work/aot-train.log" || { cat "$work/aot-train.log" >&2; echo "no cache was made" >&2; exit 1; }
echo "== a plan to clone the checkout the plans with the checkout present use" >&2
cold_plan checkout-aot 0 >/dev/null

rows=(); : > "$work/aot-raw.txt"
for round in $(seq 1 "${BENCH_ROUNDS:-5}"); do
  for aot in 1 0; do
    echo "== round $round, cache $aot" >&2
    c_pass=-; c_wall=-; c_cpu=-; c_load=-
    [ "${BENCH_FIRST_CLONE:-1}" = 0 ] || read -r c_pass c_wall c_cpu c_load <<< "$(cold_plan checkout-aot-clone "$aot")"
    read -r p_pass p_wall p_cpu p_load <<< "$(cold_plan checkout-aot "$aot")"
    [ "$c_pass" = - ] || echo "$aot clone $c_pass $c_wall $c_cpu" >> "$work/aot-raw.txt"
    echo "$aot present $p_pass $p_wall $p_cpu" >> "$work/aot-raw.txt"
    clone="$c_pass s / $c_wall s / $c_cpu s (load $c_load)"; [ "$c_pass" != - ] || clone=-
    rows+=("$round|$([ "$aot" = 1 ] && echo cache || echo none)|$clone|$p_pass s / $p_wall s / $p_cpu s (load $p_load)")
  done
done

echo
echo "machine: $(nproc) cores, $(uname -r); registry: $dir"
echo "training run (validate examples/registry, cache made): wall $train_wall s, CPU $(echo "$train_user + $train_sys" | bc) s (load $train_load)"
echo
echo "| round | AOT cache | first clone: pass / wall / CPU | checkout present: pass / wall / CPU |"
echo "|---|---|---|---|"
for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
echo
echo "| AOT cache | first clone: pass / wall / CPU, median | checkout present: pass / wall / CPU, median |"
echo "|---|---|---|"
python3 - "$work/aot-raw.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for aot, name in (("1", "cache"), ("0", "none")):
    cells = []
    for kind in ("clone", "present"):
        picked = [r for r in rows if r[0] == aot and r[1] == kind]
        cells.append(" / ".join("%.2f s" % statistics.median(float(r[i]) for r in picked) for i in (2, 3, 4)) if picked else "-")
    print("| %s | %s | %s |" % (name, cells[0], cells[1]))
PY
