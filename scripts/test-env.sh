#!/usr/bin/env bash
# Brings up the real components Aspen's tests talk to, on loopback only:
#   dockerd + a single-node swarm (127.0.0.1), an htpasswd-protected registry on
#   127.0.0.1:5000, redis-server on 127.0.0.1:6390, the tiny busybox test image pushed
#   with a few semver-like tags, the real ansible-vault for interop tests, and Debian's
#   headless Chromium with its chromedriver for the status page's browser test.
# Idempotent: every step checks first and acts only when needed; a second run says
# "ok" for each step and changes nothing. Nothing is pulled from the internet.
# Writes the connection details the tests read to $ASPEN_TESTENV_FILE
# (default: <repo>/.aspen-testenv/testenv.properties).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${ASPEN_TESTENV_STATE:-/var/lib/aspen-testenv}
envfile=${ASPEN_TESTENV_FILE:-$repo/.aspen-testenv/testenv.properties}
registry_port=5000
registry_user=aspen
registry_pwd=aspen-test
redis_port=6390
image_tags=(1.0.0_abc 1.2.3_def 1.2.4_0a1b2c3 2.0.0)
docker=/usr/bin/docker   # the engine's own client: /usr/local/bin/docker may be newer than the engine
export DOCKER_API_VERSION=1.41

script_start=$(date +%s.%N)
step_start=0
step() { step_start=$(date +%s.%N); printf '%-28s' "$1"; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
done_step() { printf '%-44s %6ss\n' "$1" "$(elapsed "$step_start")"; }
fail() { echo; echo "test-env: $*" >&2; exit 1; }
poll() { # poll SECONDS COMMAND...: run COMMAND until it succeeds or the deadline passes
  local until=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$until" ] || return 1
    sleep 0.2
  done
}

[ "$(id -u)" = 0 ] || fail "must run as root (it installs packages and starts dockerd)"
mkdir -p "$state" "$(dirname "$envfile")"

step "packages"
# chromium, chromium-driver and a font: the status page's browser test (about 45 s to install).
# zlib1g and libgcc-s1 are on every Debian system; listed because scripts/build-image.sh copies
# them (with libc6) into the base of Aspen's image, which aspen-it's tests build and run.
packages=(docker.io busybox-static docker-registry redis-server apache2-utils curl ansible-core git
  chromium chromium-driver fonts-dejavu-core zlib1g libgcc-s1)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq >"$state/apt.log" 2>&1 || { cat "$state/apt.log"; fail "apt-get update failed"; }
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >>"$state/apt.log" 2>&1 \
    || { tail -20 "$state/apt.log"; fail "installing ${missing[*]} failed"; }
  done_step "installed ${missing[*]}"
else
  done_step "ok (all present)"
fi

step "dockerd"
if $docker info >/dev/null 2>&1; then
  done_step "ok (already answering)"
else
  setsid dockerd >"$state/dockerd.log" 2>&1 </dev/null &
  echo $! >"$state/dockerd.pid"
  poll 60 $docker info || { tail -20 "$state/dockerd.log"; fail "dockerd did not answer within 60 s"; }
  done_step "started (pid $(cat "$state/dockerd.pid"))"
fi

step "swarm"
if [ "$($docker info -f '{{.Swarm.LocalNodeState}}')" = active ]; then
  done_step "ok (node is an active manager)"
else
  $docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null
  done_step "initialised on 127.0.0.1:2377"
fi

step "registry"
mkdir -p "$state/registry/data"
if ! htpasswd -vb "$state/registry/htpasswd" "$registry_user" "$registry_pwd" >/dev/null 2>&1; then
  htpasswd -Bbc "$state/registry/htpasswd" "$registry_user" "$registry_pwd" >/dev/null 2>&1
fi
cat >"$state/registry/config.yml.new" <<YAML
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $state/registry/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$registry_port, secret: aspen-test-only}
auth: {htpasswd: {realm: aspen-test-registry, path: $state/registry/htpasswd}}
YAML
mv "$state/registry/config.yml.new" "$state/registry/config.yml"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$registry_port/v2/" || true)
case "$code" in
  401) done_step "ok (answering 401 without credentials)" ;;
  000)
    setsid docker-registry serve "$state/registry/config.yml" >"$state/registry.log" 2>&1 </dev/null &
    echo $! >"$state/registry.pid"
    poll 30 sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$registry_port/v2/)\" = 401 ]" \
      || { tail -20 "$state/registry.log"; fail "registry did not answer 401 within 30 s"; }
    done_step "started on 127.0.0.1:$registry_port (pid $(cat "$state/registry.pid"))" ;;
  *) fail "something else answers on 127.0.0.1:$registry_port (HTTP $code); stop it first" ;;
esac

step "registry login"
if [ "$(curl -s -o /dev/null -w '%{http_code}' -u "$registry_user:$registry_pwd" "http://127.0.0.1:$registry_port/v2/")" != 200 ]; then
  fail "the registry refuses $registry_user's password"
fi
if grep -q "127.0.0.1:$registry_port" "$HOME/.docker/config.json" 2>/dev/null; then
  done_step "ok (credentials in ~/.docker/config.json)"
else
  printf %s "$registry_pwd" | $docker login "127.0.0.1:$registry_port" -u "$registry_user" --password-stdin >/dev/null 2>&1
  done_step "logged in"
fi

step "test images"
built=(); pushed=()
tags_json=$(curl -s -u "$registry_user:$registry_pwd" "http://127.0.0.1:$registry_port/v2/busybox/tags/list" || true)
for tag in "${image_tags[@]}"; do
  ref="127.0.0.1:$registry_port/busybox:$tag"
  if ! $docker image inspect "$ref" >/dev/null 2>&1; then
    root=$(mktemp -d)
    mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/www"
    chmod 1777 "$root/tmp"
    cp /bin/busybox "$root/bin/busybox"
    for name in $(/bin/busybox --list); do [ "$name" = busybox ] || ln -s busybox "$root/bin/$name"; done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
    echo "$tag" >"$root/www/version"
    echo "$tag" >"$root/etc/aspen-test-image-tag"
    # PID 1 traps TERM so that updates and removals do not wait out the grace period.
    tar -C "$root" -c . | $docker import \
      --change 'ENV PATH=/bin' \
      --change 'CMD ["/bin/sh","-c","trap \"exit 0\" TERM; httpd -f -p 8080 -h /www & wait"]' \
      - "$ref" >/dev/null
    rm -rf "$root"
    built+=("$tag")
  fi
  if ! grep -q "\"$tag\"" <<<"$tags_json"; then
    $docker push "$ref" >/dev/null
    pushed+=("$tag")
  fi
done
if [ ${#built[@]} -eq 0 ] && [ ${#pushed[@]} -eq 0 ]; then
  done_step "ok (${#image_tags[@]} tags present and pushed)"
else
  done_step "built ${built[*]:-none}; pushed ${pushed[*]:-none}"
fi

step "redis"
if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
  done_step "ok (PONG on 127.0.0.1:$redis_port)"
else
  mkdir -p "$state/redis"
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --dir "$state/redis" \
    --pidfile "$state/redis/redis.pid" --logfile "$state/redis.log" --save '' --appendonly no
  poll 20 sh -c "redis-cli -h 127.0.0.1 -p $redis_port ping | grep -q PONG" || fail "redis did not answer within 20 s"
  done_step "started on 127.0.0.1:$redis_port"
fi

step "connection details"
tmp="$envfile.tmp"
cat >"$tmp" <<PROPS
# Written by scripts/test-env.sh; read by the tests (TestEnvironment). Loopback only.
docker.host=unix:///var/run/docker.sock
docker.api.version=1.41
docker.cli=$docker
registry.url=http://127.0.0.1:$registry_port
registry.host=127.0.0.1:$registry_port
registry.user=$registry_user
registry.password=$registry_pwd
registry.image=127.0.0.1:$registry_port/busybox
registry.image.tags=$(IFS=,; echo "${image_tags[*]}")
redis.url=redis://127.0.0.1:$redis_port
ansible.vault=$(command -v ansible-vault)
PROPS
if cmp -s "$tmp" "$envfile"; then rm "$tmp"; done_step "ok ($envfile unchanged)"; else mv "$tmp" "$envfile"; done_step "wrote $envfile"; fi

echo "test environment ready in $(elapsed "$script_start")s"
