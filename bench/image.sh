#!/usr/bin/env bash
# Aspen's image, measured as a container: its size, the time from `docker run` to the first pass
# done, and the container's memory at N apps.
#   bench/image.sh [N]        (default 1000; needs scripts/test-env.sh to have run)
# Builds the image (scripts/build-image.sh, cached by content), generates N apps with
# bench/GenerateRegistry.java into a file:// git remote (as bench/e2e.sh does), then starts the
# image as the stack runs it: host network, user 10001 in the socket's group, the image's own JVM
# options, Redis state (a management group of its own), record-only (SKIP_DEPLOYMENT=1). It prints
#   - the image size;
#   - `docker run` to /healthz naming a finished pass (the clone and N records included);
#   - after BENCH_PASSES (20) more passes triggered through the API: the JVM's VmHWM and VmRSS
#     (read from the host's /proc), and the container's memory as `docker stats` counts it.
# Everything it made is removed afterwards, the Redis keys of its group too.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-1000}
java="$("$root/scripts/find-jdk.sh")/bin/java"
jar="$root/aspen-runner/target/aspen.jar"
[ -f "$jar" ] || (cd "$root" && scripts/mvn -q -pl aspen-runner -am package -DskipTests)
image=$("$root/scripts/build-image.sh" 2>/dev/null)
work=$(mktemp -d /tmp/aspen-image-bench.XXXXXX)
id=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
group=bench-image-$id
container=aspen-bench-$id
cleanup() {
  docker rm -f "$container" >/dev/null 2>&1 || true
  redis-cli -p 6390 --scan --pattern "*$group*" 2>/dev/null | xargs -r redis-cli -p 6390 del >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
api="http://127.0.0.1:$port"

"$java" -cp "$jar" "$root/bench/GenerateRegistry.java" "$work" "$n" "img$id" 10 >/dev/null
git -C "$work/registry" init -q -b main
git -C "$work/registry" add -A
git -C "$work/registry" -c user.name=bench -c user.email=bench@example.org commit -q -m "generated $n apps"
git clone -q --bare "$work/registry" "$work/remote.git"
echo '[{"name": "active", "lb_ip": "unix:///var/run/docker.sock"}]' >"$work/clusters.json"
mkdir -p "$work/checkout"
chown 10001 "$work/checkout"
chmod -R a+rX "$work"

size=$(docker image inspect -f '{{.Size}}' "$image")
load=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s%N)
docker run -d --name "$container" --network host --user "10001:$(stat -c %g /var/run/docker.sock)" \
  -v /var/run/docker.sock:/var/run/docker.sock -v "$work:$work:ro" -v "$work/checkout:$work/checkout" \
  -e REGISTRY_REPOSITORY_URL="file://$work/remote.git" -e REGISTRY_SUB_DIRECTORY="$work/checkout/registry" \
  -e CLUSTER_STATUS_API_URL="$work/clusters.json" -e CLUSTER_STATUS_URL_IS_FILE=1 -e CLUSTERS_TO_DEPLOY=active \
  -e DOCKER_REGISTRY_URL=http://127.0.0.1:5000 -e DOCKER_REGISTRY_USER=aspen -e DOCKER_REGISTRY_PWD=aspen-test \
  -e REDIS_URL=redis://127.0.0.1:6390 -e MANAGEMENT_RES_GRP="$group" \
  -e VAULT_KEY_PATH="$work/keys/master" -e APP_PWD_FILE_PATH="$work/keys/passwords.yml" \
  -e SKIP_DEPLOYMENT=1 -e SYNC_START_ON_RUN=1 -e DELAY_SECS_BETWEEN_RUNS=3600 \
  -e ASPEN_API_PORT="$port" -e ASPEN_API_BIND=127.0.0.1 "$image" >/dev/null
passed() { curl -sf "$api/healthz" 2>/dev/null | json 'd.get("lastPassStartedAt","")' 2>/dev/null || true; }
until [ -n "$(passed)" ]; do
  docker inspect -f '{{.State.Running}}' "$container" | grep -q true || { docker logs "$container" >&2; exit 1; }
  sleep 0.1
done
first_ms=$(( ($(date +%s%N) - start) / 1000000 ))
first=$(curl -sf "$api/api/v1/applications" | json '"%.2f s, %d apps" % (d["seconds"], len(d["results"]))')

for _ in $(seq 1 "${BENCH_PASSES:-20}"); do
  before=$(passed)
  curl -sf -X POST "$api/api/v1/sync/trigger" >/dev/null
  while [ "$(passed)" = "$before" ] || curl -sf "$api/healthz" | grep -q '"state":"RUNNING"'; do sleep 0.1; done
done
sleep 2
pid=$(docker inspect -f '{{.State.Pid}}' "$container")
hwm=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status")
rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
stats=$(docker stats --no-stream --format '{{.MemUsage}}' "$container")
printf 'image %s: %s bytes (%s MB)\n' "$image" "$size" "$(( size / 1000000 ))"
printf 'N=%s: docker run to first pass done %s ms (pass %s); load before %s\n' "$n" "$first_ms" "$first" "$load"
printf 'N=%s: after %s more passes: VmHWM %s MiB, VmRSS %s MiB, docker stats %s; load now %s\n' \
  "$n" "${BENCH_PASSES:-20}" "$hwm" "$rss" "$stats" "$(cut -d' ' -f1-3 /proc/loadavg)"
