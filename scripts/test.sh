#!/usr/bin/env bash
# Runs every test of Aspen, real components included: brings up the test environment
# (dockerd + single-node swarm, authenticated registry, Redis, ansible-vault; see
# scripts/test-env.sh), then the whole Maven build: unit tests (Surefire, *Test) and
# real-component tests (Failsafe, *IT). Extra arguments go to Maven.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
start=$(date +%s)
echo "== test environment"
"$here/test-env.sh"
echo "== build and test (JDK: $("$here/find-jdk.sh"))"
"$here/mvn" verify "$@"
echo "== all tests passed in $(( $(date +%s) - start ))s"
