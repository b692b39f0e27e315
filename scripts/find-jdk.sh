#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer: $JAVA_HOME when it is one, else the newest
# under /usr/lib/jvm (the machines ship OpenJDK 17 as the default `java` and a
# Temurin JDK 25 beside it). Exits 1, saying what it looked at, when there is none.
set -euo pipefail

feature_version() { # the feature release of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

if [ -n "${JAVA_HOME:-}" ] && [ "$(feature_version "$JAVA_HOME")" ] && [ "$(feature_version "$JAVA_HOME")" -ge 21 ]; then
  echo "$JAVA_HOME"; exit 0
fi
best=""; best_version=0
for home in /usr/lib/jvm/*/; do
  home=${home%/}
  [ -L "$home" ] && continue
  v=$(feature_version "$home")
  if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_version" ]; then best=$home; best_version=$v; fi
done
if [ -z "$best" ]; then
  echo "find-jdk: no JDK 21+ found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm). Install one, e.g. apt-get install openjdk-21-jdk-headless, or set JAVA_HOME." >&2
  exit 1
fi
echo "$best"
