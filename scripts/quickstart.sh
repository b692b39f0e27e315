#!/usr/bin/env bash
# Aspen in one command: builds Aspen, brings up the local single-node swarm and registry
# (scripts/test-env.sh, as root), and runs one pass over the example registry in examples/:
# two apps deployed to the local swarm, one resolving a semantic-version range against the
# local registry, one with a vaulted secrets.env. Ends with Aspen's summary table.
# Run it again: nothing changed, so both apps are UNCHANGED. To start over:
#   docker stack rm example-semver example-secrets; rm -rf ~/.local/state/aspen-quickstart
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

echo "== 1/3 local swarm, registry and Redis (scripts/test-env.sh)"
"$repo/scripts/test-env.sh"

echo "== 2/3 build Aspen (aspen-runner/target/aspen.jar)"
"$repo/scripts/mvn" -q -pl aspen-runner -am package -DskipTests

echo "== 3/3 one pass over examples/registry: ./aspen run --once"
# Everything the examples need, and nothing secret: the vault key and passwords under examples/
# are example-only, the registry credentials are the local test registry's.
export REGISTRY_REPOSITORY_URL="$repo/examples/registry"
export CLUSTER_STATUS_API_URL="$repo/examples/clusters.json"
export CLUSTER_STATUS_URL_IS_FILE=1
export CLUSTERS_TO_DEPLOY=active
export VAULT_KEY_PATH="$repo/examples/vault-key.example-only"
export APP_PWD_FILE_PATH="$repo/examples/app-passwords.example-only.yml"
export DOCKER_REGISTRY_URL=http://127.0.0.1:5000
export DOCKER_REGISTRY_USER=aspen
export DOCKER_REGISTRY_PWD=aspen-test
export MANAGEMENT_RES_GRP=quickstart
export ASPEN_STATE_DIR="${ASPEN_STATE_DIR:-$HOME/.local/state/aspen-quickstart}"
export VERIFY_START_DELAY_SECS="${VERIFY_START_DELAY_SECS:-2}"
export VERIFY_START_RETRY_TIMES="${VERIFY_START_RETRY_TIMES:-30}"
unset REDIS_URL SLACK_DEPLOYMENT_POST_URL SLACK_ERROR_POST_URL SLACK_RECOMMENDATION_POST_URL
exec "$repo/aspen" run --once "$@"
