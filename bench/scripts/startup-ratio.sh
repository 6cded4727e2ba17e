#!/usr/bin/env bash
# Start-up of `schsm status` on a PC/SC reader against the JVM's own start (`java -version`, same
# JDK) and against OpenSC's sc-hsm-tool, in interleaved rounds (bench/scripts/interleave.py).
# docs/performance.md, "Start-up", quotes its output.
#
# Usage: flock /tmp/schsm-pcsc.lock bench/scripts/startup-ratio.sh [ROUNDS] [EXTRA-COMMAND ...]
#   ROUNDS         interleaved rounds (default 30)
#   EXTRA-COMMAND  more commands to time in the same rounds (e.g. an older checkout's bin/schsm)
# Environment:
#   READER  the vpcd reader (default "Virtual PCD 00 00")   PORT  its vpcd port (default 35963)
#   JAVA_HOME  the JDK bin/schsm and `java -version` use (default: java on the PATH)
# Needs: a built checkout (mvn -B -DskipTests package), pcscd with vpcd, OpenSC's sc-hsm-tool.
# It serves an initialized simulated card in the reader for the time of the run, so hold the
# shared PC/SC lock around it, and only for that long.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-30}"
shift || true
reader="${READER:-Virtual PCD 00 00}"
port="${PORT:-35963}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
schsm="$here/bin/schsm"
work="$(mktemp -d)"
serve_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# An initialized card, made on the embedded simulator before the reader is touched.
"$schsm" -r sim --sim-state "$work/card.state" init --so-pin 3537363231383830 --pin 648219 >/dev/null
"$schsm" sim serve --sim-state "$work/card.state" --port "$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 50); do
  "$schsm" -r "$reader" status >/dev/null 2>&1 && break
  sleep 0.2
done
"$schsm" -r "$reader" status >/dev/null || { cat "$work/serve.log" >&2; exit 3; }
index="$(opensc-tool --list-readers 2>/dev/null | awk -v r="$reader" 'index($0, r) { print $1; exit }')"

"$java" -version 2>&1 | head -1
python3 "$here/bench/scripts/interleave.py" "$rounds" \
  "$java -version" \
  "sc-hsm-tool --reader ${index:-0}" \
  "$schsm --version" \
  "$schsm -r '$reader' status" \
  "$@"
