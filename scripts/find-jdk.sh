# Sourced by ./run and .ci/run: exports JAVA_HOME as a JDK 21 or newer, or stops saying which JDK to use and how.
# Tried in order: $JAVA_HOME, the `java` on PATH, then every JDK under /usr/lib/jvm (newest first).
# PushLedger is built for Java 21; started by an older `java` it exits at once without a word, hence this check.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

find_jdk() {
  local candidate major tried=""
  local on_path
  on_path=$(command -v java 2>/dev/null || true)
  [ -n "$on_path" ] && on_path=$(dirname "$(dirname "$(readlink -f "$on_path")")")
  for candidate in "${JAVA_HOME:-}" "$on_path" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    case "$tried " in *" $candidate ("*) continue ;; esac
    major=$(java_major "$candidate")
    if [ "${major:-0}" -ge 21 ]; then
      if [ -n "$tried" ]; then
        echo "Using the JDK $major at $candidate (PushLedger needs 21 or newer; not:$tried)." >&2
      fi
      export JAVA_HOME="$candidate"
      return 0
    fi
    tried="$tried $candidate (Java ${major:-?})"
  done
  echo "PushLedger needs JDK 21 or newer, and none was found (tried:${tried:- nothing})." >&2
  echo "Install one (e.g. Temurin 25) and point JAVA_HOME at it: JAVA_HOME=/path/to/jdk $0" >&2
  return 1
}

find_jdk || exit 1
