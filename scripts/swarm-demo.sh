#!/usr/bin/env bash
# Aspen run the way a Swarm team runs its deployer: as a stack of two replicas sharing one Redis,
# deploying the example registry (examples/) to the local swarm. As root, on the machine
# scripts/test-env.sh brings up (it is run first; loopback only, nothing pulled):
#
#   ./scripts/swarm-demo.sh
#
# 1. builds the jar and the image (scripts/build-image.sh);
# 2. creates the Swarm secrets the stack reads as files (Redis URL, registry password, API token,
#    the example-only vault key and application passwords);
# 3. deploys deploy/aspen-stack.yml as the stack aspen-demo: two replicas on the host network,
#    API ports 3001 and 3002 (ASPEN_DEMO_PORT_PREFIX=300 is the default prefix of the slot);
# 4. waits until both example apps run and both runners have passed, then prints the stacks'
#    services and both runners' /healthz.
#
# To remove it: docker stack rm aspen-demo example-semver example-secrets
#   (the secrets aspen_demo_* stay for the next run; docker secret rm them to clean up).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
stack=${ASPEN_DEMO_STACK:-aspen-demo}
prefix=${ASPEN_DEMO_PORT_PREFIX:-300}
group=${ASPEN_DEMO_GROUP:-swarm-demo}
say() { printf '== %s\n' "$*"; }

say "1/4 local swarm, registry and Redis (scripts/test-env.sh)"
"$repo/scripts/test-env.sh"

say "2/4 the image (scripts/build-image.sh)"
"$repo/scripts/mvn" -q -o -pl aspen-runner -am package -DskipTests 2>/dev/null \
  || "$repo/scripts/mvn" -q -pl aspen-runner -am package -DskipTests
image=$("$repo/scripts/build-image.sh")

say "3/4 secrets and the stack $stack"
secret() { # name, content: created once, kept while a stack uses it
  if ! docker secret inspect "aspen_demo_$1" >/dev/null 2>&1; then
    printf '%s' "$2" | docker secret create "aspen_demo_$1" - >/dev/null
  fi
}
secret aspen_redis_url "redis://127.0.0.1:6390"
secret aspen_registry_password "aspen-test"
secret aspen_api_token "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
secret aspen_vault_key "$(cat examples/vault-key.example-only)"
secret aspen_app_passwords "$(cat examples/app-passwords.example-only.yml)"
ASPEN_IMAGE="$image" \
DOCKER_GID=$(stat -c %g /var/run/docker.sock) \
ASPEN_SECRET_PREFIX=aspen_demo_ \
ASPEN_CONFIG_DIR="$repo/examples" \
ASPEN_API_PORT_PREFIX="$prefix" \
REGISTRY_REPOSITORY_URL=/etc/aspen/registry \
CLUSTER_STATUS_API_URL=/etc/aspen/clusters.json \
CLUSTER_STATUS_URL_IS_FILE=1 \
CLUSTERS_TO_DEPLOY=active \
MANAGEMENT_RES_GRP="$group" \
DOCKER_REGISTRY_URL=http://127.0.0.1:5000 \
DOCKER_REGISTRY_USER=aspen \
VERIFY_START_DELAY_SECS=2 \
VERIFY_START_RETRY_TIMES=30 \
  docker stack deploy --resolve-image never -c deploy/aspen-stack.yml "$stack" >/dev/null

say "4/4 waiting until the examples run and both runners have passed"
passed() { # slot: true when that runner answers /healthz after a pass
  curl -sf "http://127.0.0.1:$prefix$1/healthz" 2>/dev/null | grep -q '"lastPassStartedAt"'
}
running() { # service: true when it runs all its replicas
  local r
  r=$(docker service ls --filter "name=$1" --format '{{.Replicas}}' 2>/dev/null | head -1)
  [ -n "$r" ] && [ "${r%%/*}" = "${r##*/}" ] && [ "${r%%/*}" != 0 ]
}
deadline=$((SECONDS + 300))
until running example-semver_web && running example-secrets_web && passed 1 && passed 2; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "swarm-demo: not converged within 5 minutes; the runners' logs:" >&2
    docker service logs --tail 40 "${stack}_aspen" >&2 || true
    exit 1
  fi
  sleep 3
done

echo
docker stack services "$stack"
docker service ls --filter name=example-
echo
for slot in 1 2; do
  printf 'runner %s, http://127.0.0.1:%s%s/healthz: ' "$slot" "$prefix" "$slot"
  curl -s "http://127.0.0.1:$prefix$slot/healthz"
  echo
done
