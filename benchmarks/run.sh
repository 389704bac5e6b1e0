#!/usr/bin/env bash
# Runs the rest-live benchmarks against the real processes: benchmarks/run.sh [--flag value ...]
# (--help lists the flags and their defaults). Results go to benchmarks/results/<timestamp>/.
# Builds the harness and the stack's jars first when they are missing or older than the sources.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="java"
fi

JARS=(benchmarks/target/rest-live-benchmarks.jar
      dev-broker/target/rest-live-dev-broker.jar
      subscription-processor/target/rest-live-subscription-processor.jar
      ws-edge/target/rest-live-ws-edge.jar)

# A jar is stale when a pom.xml or a file under some src/main/ is newer than it.
stale() {
  local jar="$ROOT/$1"
  [[ ! -f "$jar" ]] && return 0
  [[ -n "$(cd "$ROOT" && find . \( -name .git -o -name target -o -name .state -o -name results -o -name node_modules \) \
            -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit)" ]]
}

if [[ "${1:-}" != "--help" && "${1:-}" != "-h" ]]; then
  for jar in "${JARS[@]}"; do
    if stale "$jar"; then
      echo "bench: building (./mvnw -B -q install -DskipTests -pl benchmarks -am)" >&2
      (cd "$ROOT" && ./mvnw -B -q install -DskipTests -pl benchmarks -am)
      for built in "${JARS[@]}"; do
        [[ -f "$ROOT/$built" ]] || { echo "bench: the build did not produce $built" >&2; exit 1; }
        touch "$ROOT/$built"
      done
      break
    fi
  done
fi

# Every client connection and every server-side socket of the edge is an open file; the edge inherits this
# limit from the harness. Raise it as far as allowed (the hard limit may itself need root to raise).
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

cd "$ROOT"
exec "$JAVA" -Xmx3g -Drest-live.project-dir="$ROOT" -jar benchmarks/target/rest-live-benchmarks.jar "$@"
