#!/usr/bin/env bash
# Builds Aspen's container image from what is on this machine: nothing is pulled.
#
#   scripts/build-image.sh [TAG]                  default TAG: aspen:<project version>
#   scripts/build-image.sh --content-tag NAME FILE
#       tags the image NAME:<content key> and writes that tag to FILE. The Maven build uses this
#       for the image aspen-it runs: two checkouts building at once never move each other's tag,
#       and the same inputs give the same tag, so a second build is a look-up.
#
# By default the image is a few MiB of glibc copied from this machine (a distroless-style root,
# imported with `docker import`), a Java runtime cut with jlink from the JDK scripts/find-jdk.sh
# finds (only the modules Aspen uses), and aspen-runner/target/aspen.jar. Set ASPEN_IMAGE_BASE to
# build on an image that has Java on its PATH instead, e.g. ASPEN_IMAGE_BASE=eclipse-temurin:25-jre
# (that image must be pullable or already local: this script never pulls it itself).
#
# What the image carries, and why (README, "Run as a Swarm service"):
# - the launcher's JVM options, so `docker run` gets the small runner, not the JVM's defaults;
# - a non-root user, aspen (uid 10001), to which a stack adds the Docker socket's group;
# - HEALTHCHECK through `aspen healthcheck` (GET /healthz, no curl needed); STOPSIGNAL SIGTERM,
#   on which the runner finishes its pass within SHUTDOWN_GRACE_SECS;
# - OCI labels: version, revision (the git commit the jar was built from), source.
#
# Cached: the jlink runtime while the JDK and module list stay the same, the base while the host's
# libraries do, and the whole image while its content key (jar, runtime, base, Dockerfile) does.
# ASPEN_REBUILD=1 builds the jar again first. Needs docker, the JDK, tar and sha256sum only.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$here/aspen-runner/target/aspen.jar"
work="$here/aspen-runner/target/image"
java_home=$("$here/scripts/find-jdk.sh")
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$here/pom.xml" | head -1)
tag=aspen:$version
tag_file=""
case "${1:-}" in
  --content-tag)
    [ $# -eq 3 ] || { echo "usage: $0 --content-tag NAME FILE" >&2; exit 2; }
    tag=$2; tag_file=$3 ;;
  -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
  "") ;;
  *) tag=$1 ;;
esac
base=${ASPEN_IMAGE_BASE:-}
# What jdeps finds in the jar (java.desktop is java.beans, used by libraries), plus jdk.crypto.ec
# and jdk.naming.dns for TLS and ssh, and jdk.zipfs for the jar's own resources.
modules=java.base,java.compiler,java.desktop,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql
modules+=,jdk.httpserver,jdk.management,jdk.unsupported,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs
java_opts='"-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1", "-Xlog:disable", "-Xlog:all=warning:stderr"'
# The health probe is a second JVM in the container every interval: small and quick, no compiler
# beyond the first tier, a heap cap so it never competes with the runner for the memory limit.
probe_opts='"-XX:+UseSerialGC", "-Xmx32m", "-XX:TieredStopAtLevel=1", "-Xlog:disable"'
say() { printf 'build-image: %s\n' "$*" >&2; }

if [ ! -f "$jar" ] || [ "${ASPEN_REBUILD:-}" = 1 ]; then
  say "building $jar"
  "$here/scripts/mvn" -q -pl aspen-runner -am package -DskipTests >&2
fi
rm -rf "$work/context"
mkdir -p "$work/context/home"
(cd "$work" && "$java_home/bin/jar" xf "$jar" aspen-revision.properties)
revision=$(sed -n 's/^revision=//p' "$work/aspen-revision.properties")
revision=${revision:-unknown}

if [ -z "$base" ]; then
  [ "$(uname -m)" = x86_64 ] || { say "the local base copies x86_64 libraries; set ASPEN_IMAGE_BASE on $(uname -m)"; exit 1; }
  # The runtime: jlink from the JDK's own linkable image, cached by JDK and module list.
  stamp="$java_home $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$java_home/release") $modules"
  if [ ! -x "$work/runtime/bin/java" ] || [ "$(cat "$work/runtime.stamp" 2>/dev/null)" != "$stamp" ]; then
    say "cutting a Java runtime with jlink from $java_home"
    rm -rf "$work/runtime"
    "$java_home/bin/jlink" --add-modules "$modules" --output "$work/runtime" --strip-debug --no-header-files \
      --no-man-pages --compress=zip-6 --generate-cds-archive
    # The class-data archive for heaps over 32 GiB: a runner never has one.
    rm -f "$work/runtime/lib/server/classes_nocoops.jsa"
    echo "$stamp" >"$work/runtime.stamp"
  fi
  ln "$work/runtime.stamp" "$work/context/runtime.stamp" 2>/dev/null || cp "$work/runtime.stamp" "$work/context/"

  # The base: the C library the JVM links against, users, /tmp; made by hand, then imported.
  root="$work/base-root"
  rm -rf "$root"
  mkdir -p "$root/etc" "$root/tmp" "$root/lib64" "$root/lib/x86_64-linux-gnu" "$root/opt/aspen"
  chmod 1777 "$root/tmp"
  for lib in ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libgcc_s.so.1 libz.so.1; do
    cp -L "/lib/x86_64-linux-gnu/$lib" "$root/lib/x86_64-linux-gnu/$lib"
  done
  ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"
  printf 'root:x:0:0:root:/root:/sbin/nologin\naspen:x:10001:10001:aspen:/home/aspen:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\naspen:x:10001:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  # Same bytes, same order, same times: the same base on every build from the same libraries.
  base_tar="$work/base.tar"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$base_tar" .
  base="aspen-base:$(sha256sum "$base_tar" | cut -c1-12)"
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    say "importing the base $base"
    docker import --change 'ENV PATH=/opt/aspen/runtime/bin' "$base_tar" "$base" >/dev/null
  fi
  java=/opt/aspen/runtime/bin/java
  copy_runtime='COPY runtime /opt/aspen/runtime'
else
  say "building on $base (its own java)"
  java=java
  copy_runtime=''
fi

cat >"$work/context/Dockerfile" <<EOF
FROM $base
$copy_runtime
COPY --chown=10001:10001 home /home/aspen
COPY aspen.jar /opt/aspen/aspen.jar
ENV HOME=/home/aspen ASPEN_STATE_DIR=/home/aspen/state
LABEL org.opencontainers.image.title="aspen" \\
      org.opencontainers.image.description="Keeps Docker Swarm clusters in step with a git repository of stack files" \\
      org.opencontainers.image.version="$version" \\
      org.opencontainers.image.revision="$revision" \\
      org.opencontainers.image.source="https://github.com/KTH/aspen"
USER 10001
WORKDIR /home/aspen
EXPOSE 3005
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \\
  CMD ["$java", $probe_opts, "-jar", "/opt/aspen/aspen.jar", "healthcheck"]
ENTRYPOINT ["$java", $java_opts, "-jar", "/opt/aspen/aspen.jar"]
CMD ["run"]
EOF

# The content key: what goes into the image. An image already built from it is only tagged.
key=$( { sha256sum "$jar" | cut -d' ' -f1; docker image inspect -f '{{.Id}}' "$base"; cat "$work/context/runtime.stamp" 2>/dev/null || true;
  cat "$work/context/Dockerfile"; } | sha256sum | cut -c1-16)
[ -z "$tag_file" ] || tag="$tag:$key"
existing=$(docker images -q --filter "label=se.kth.aspen.image.key=$key" --filter "label=se.kth.aspen.image.checkout=$here" | head -1)
if [ -n "$existing" ]; then
  say "unchanged (content key $key): tagging $existing as $tag"
  docker tag "$existing" "$tag"
else
  printf 'LABEL se.kth.aspen.image.key="%s" se.kth.aspen.image.checkout="%s"\n' "$key" "$here" >>"$work/context/Dockerfile"
  [ -z "$copy_runtime" ] || cp -al "$work/runtime" "$work/context/runtime" 2>/dev/null || cp -a "$work/runtime" "$work/context/runtime"
  ln "$jar" "$work/context/aspen.jar" 2>/dev/null || cp "$jar" "$work/context/aspen.jar"
  say "building $tag"
  DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$work/context" >/dev/null
fi
docker image inspect "$tag" --format 'build-image: {{index .RepoTags 0}} {{.Id}} {{.Size}} bytes' >&2
if [ -n "$tag_file" ]; then
  # Content tags pile up as the jar changes: drop this checkout's older ones that no container
  # (running or stopped, a Swarm task's included) still uses; docker refuses those, and says so.
  name=${tag%:*}
  docker images --filter "label=se.kth.aspen.image.checkout=$here" --format '{{.Repository}}:{{.Tag}}' |
    while read -r old; do
      [ "$old" = "$tag" ] || [ "${old%:*}" != "$name" ] || docker rmi "$old" >/dev/null 2>&1 || true
    done
  printf '%s\n' "$tag" >"$tag_file"
fi
echo "$tag"
