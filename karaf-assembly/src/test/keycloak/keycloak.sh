#!/usr/bin/env bash
# The integration tests' identity provider: a real Keycloak on 127.0.0.1, started by the build before the
# integration tests (pre-integration-test) and stopped after them (post-integration-test); see karaf-assembly/pom.xml
# and README ("Tests").
#
#   keycloak.sh start <keycloak home> <work dir> <IT http port> [<keycloak port>]
#   keycloak.sh await <work dir>
#   keycloak.sh stop  <work dir>
#
# start: picks a JDK >= 21, imports the realms in this folder (*.json) into a fresh in-memory database, starts
#   'kc.sh start-dev' bound to 127.0.0.1 only (HTTP on <keycloak port>, default <IT http port> + 300; management
#   and health on the next port) with the hostname fixed, so that every issuer is
#   http://127.0.0.1:<keycloak port>/realms/<realm>. It returns at once, so that the build does other work (the
#   browser suite's npm install) while Keycloak boots.
#   Log: <work dir>/keycloak.log; process group id: <work dir>/keycloak.pid (when skipped: keycloak.skipped).
# await: a state wait until both realms answer their discovery document (at most 5 minutes; at once a clear failure
#   with the log's end when Keycloak has ended). The build awaits it before the first test, so that Keycloak's boot
#   (two busy cores for up to a minute or more) does not slow the first test's Karaf boot; the tests check again
#   (Keycloak.awaitReady).
# stop: ends that process group (TERM, then KILL if it has not ended within 30 s).
# No orphan when the build is interrupted: a watchdog beside Keycloak ends it as soon as the process that ran
# 'start' (the Maven JVM) is gone, whether Maven ended normally, by Ctrl-C or by kill -9.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
min_java=21

die() { echo "keycloak.sh: $*" >&2; exit 1; }

# The JDK's feature version (25 for 25.0.1), from its release file, else from 'java -version'.
java_major() {
  local home="$1" v=""
  [ -x "$home/bin/java" ] || return 1
  if [ -f "$home/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")"
  fi
  if [ -z "$v" ]; then
    v="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | sed -n 1p)"
  fi
  [ "$v" = 1 ] && v=8
  [ -n "$v" ] && echo "$v"
}

# JAVA_HOME when it is a JDK >= 21, else the newest JDK >= 21 under /usr/lib/jvm.
pick_java() {
  local best="" best_v=0 v d
  if [ -n "${JAVA_HOME:-}" ] && v="$(java_major "$JAVA_HOME")" && [ "$v" -ge "$min_java" ]; then
    echo "$JAVA_HOME"; return
  fi
  for d in /usr/lib/jvm/*; do
    [ -L "$d" ] && continue
    if v="$(java_major "$d")" && [ "$v" -ge "$min_java" ] && [ "$v" -gt "$best_v" ]; then
      best="$d"; best_v="$v"
    fi
  done
  [ -n "$best" ] || die "Keycloak needs a JDK $min_java or newer; JAVA_HOME (${JAVA_HOME:-unset}) is not one and /usr/lib/jvm has none. Install one (e.g. Temurin 25: package temurin-25-jdk, or openjdk-21-jdk-headless where the distribution has it) or point JAVA_HOME at it; -DskipITs skips the integration tests and Keycloak."
  echo "$best"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The process group in the pid file, if it is still alive.
running_group() {
  local pidfile="$1/keycloak.pid" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  [ -n "$pid" ] && kill -0 -- "-$pid" 2>/dev/null && echo "$pid"
}

stop() {
  local work="$1" pid
  if pid="$(running_group "$work")"; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    # a state wait: until the group is gone (Keycloak shuts down in a few seconds), at most 30 s
    local deadline=$((SECONDS + 30))
    while kill -0 -- "-$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 -- "-$pid" 2>/dev/null; then
      echo "keycloak.sh: Keycloak (process group $pid) did not stop within 30 s; killing it" >&2
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    echo "Keycloak stopped (process group $pid)"
  fi
  rm -f "$work/keycloak.pid" "$work/keycloak.port"
}

start() {
  local home="$1" work="$2" http_port="$3" port="${4:-}"
  # the build passes "${skipTests} ${mantelkring.itest.keycloak.skip}": no integration tests, or none that need it
  case " ${KEYCLOAK_SKIP:-} " in
    *" true "*) mkdir -p "$work"; rm -f "$work/keycloak.pid"; echo "$KEYCLOAK_SKIP" >"$work/keycloak.skipped"
      echo "Keycloak for the integration tests: skipped (KEYCLOAK_SKIP: ${KEYCLOAK_SKIP})"; return 0 ;;
  esac
  [ -f "$home/bin/kc.sh" ] || die "no Keycloak distribution at $home (the build unpacks it in pre-integration-test)"
  [ -n "$port" ] || port=$((http_port + 300))
  local mgmt=$((port + 1))
  mkdir -p "$work"
  work="$(cd "$work" && pwd)"
  rm -f "$work/keycloak.skipped"
  # a Keycloak left by an earlier run of this build (killed so hard that its watchdog died with it)
  stop "$work" >/dev/null
  local p
  for p in "$port" "$mgmt"; do
    if port_in_use "$p"; then
      die "port $p on 127.0.0.1 is in use: Keycloak for the integration tests needs ports $port and $mgmt (set -Dmantelkring.itest.keycloakPort=<free port>, or -Dmantelkring.itest.httpPort, which moves it by +300)"
    fi
  done

  local java_home
  java_home="$(pick_java)"
  # the realms, imported at every start into a fresh in-memory database (--db=dev-mem)
  rm -rf "$home/data/import"
  mkdir -p "$home/data/import"
  cp "$here"/*.json "$home/data/import/"

  # its own session and process group (setsid), so that stop and the watchdog end kc.sh and its JVM together
  JAVA_HOME="$java_home" JAVA="$java_home/bin/java" \
    setsid bash "$home/bin/kc.sh" start-dev --import-realm --db=dev-mem --cache=local \
      --http-host=127.0.0.1 --http-port="$port" --hostname="http://127.0.0.1:$port" \
      --health-enabled=true --http-management-port="$mgmt" --log-console-color=false \
      >"$work/keycloak.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$work/keycloak.pid"
  echo "$port" >"$work/keycloak.port"
  # the watchdog: ends Keycloak when the process that started it (the Maven JVM) is gone. Its polling is not test
  # synchronisation; it only bounds how long an orphan could live (2 s).
  local owner="${KEYCLOAK_OWNER_PID:-$PPID}"
  ( while sleep 2 && kill -0 "$owner" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do :; done
    kill -TERM -- "-$pid" 2>/dev/null || true ) >/dev/null 2>&1 </dev/null &
  echo "$(sed -n 1p "$home/version.txt" 2>/dev/null) starting on http://127.0.0.1:$port" \
    "(management $mgmt, JDK $java_home, process group $pid, log $work/keycloak.log)"
  [ "${KEYCLOAK_WAIT:-}" = true ] && await "$work"
  return 0
}

# The status code of a GET on 127.0.0.1 (bash's /dev/tcp: no curl needed), or nothing.
http_status() {
  local port="$1" path="$2" line=""
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 0
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$path" "$port" >&3
  read -r -t 30 line <&3 || true
  exec 3<&- 3>&-
  echo "$line" | cut -d' ' -f2
}

await() {
  local work="$1" port pid realm started=$SECONDS deadline=$((SECONDS + 300))
  [ -f "$work/keycloak.skipped" ] && return 0
  [ -f "$work/keycloak.port" ] && pid="$(cat "$work/keycloak.pid" 2>/dev/null)" || die "Keycloak was not started ($work)"
  port="$(cat "$work/keycloak.port")"
  for realm in mantelkring digid; do
    until [ "$(http_status "$port" "/realms/$realm/.well-known/openid-configuration" 2>/dev/null)" = 200 ]; do
      if ! kill -0 "$pid" 2>/dev/null; then
        tail -n 40 "$work/keycloak.log" >&2 || true
        die "Keycloak ended during start-up (log above: $work/keycloak.log)"
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then
        tail -n 40 "$work/keycloak.log" >&2 || true
        stop "$work" >&2
        die "Keycloak's realm $realm did not answer on port $port within 300 s (log above: $work/keycloak.log)"
      fi
      sleep 0.5
    done
  done
  echo "Keycloak ready on http://127.0.0.1:$port (awaited $((SECONDS - started)) s)"
}

case "${1:-}" in
  start) shift; [ $# -ge 3 ] || die "usage: keycloak.sh start <keycloak home> <work dir> <IT http port> [<keycloak port>]"; start "$@" ;;
  await) shift; [ $# -eq 1 ] || die "usage: keycloak.sh await <work dir>"; await "$1" ;;
  stop) shift; [ $# -eq 1 ] || die "usage: keycloak.sh stop <work dir>"; stop "$1" ;;
  *) die "usage: keycloak.sh start|await|stop ..." ;;
esac
