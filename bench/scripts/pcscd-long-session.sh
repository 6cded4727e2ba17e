#!/usr/bin/env bash
# Long session through the real pcscd (docs/reliability.md, "Endurance"): `schsm sim serve` puts an
# initialized simulated card into a vpcd reader, and one client process (`schsm -r READER run
# long-session.groovy`) sends it APDUS APDUs through pcscd, JNA and the CLI's transport stack. The
# client reports its own heap after GC, resident memory, threads, descriptors and APDU/s every
# REPORT APDUs; the serve process is sampled at the start and the end (heap after a full collection
# with jcmd, VmRSS, threads, descriptors). Then the server stops and a new process opens the state
# file: it must load, with no PIN try spent.
#
# Usage: flock /tmp/schsm-pcsc.lock bench/scripts/pcscd-long-session.sh [APDUS [REPORT]]
#   defaults 1000000 50000. Needs pcscd with vpcd; it holds the reader for the whole run (a million
#   APDUs take about three minutes), hence the shared PC/SC lock.
# Environment: READER (default "Virtual PCD 00 00"), PORT (its vpcd port, default 35963).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
schsm="$here/bin/schsm"
reader="${READER:-Virtual PCD 00 00}"
port="${PORT:-35963}"
jcmd="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
work="$(mktemp -d)"
state="$work/card.state"
serve_pid=
cleanup() {
  [ -z "$serve_pid" ] || { kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

serve_sample() {
  local heap rss threads fds
  "$jcmd" "$serve_pid" GC.run >/dev/null
  heap="$("$jcmd" "$serve_pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)"
  rss="$(awk '/^VmRSS/ {print $2}' "/proc/$serve_pid/status")"
  threads="$(awk '/^Threads/ {print $2}' "/proc/$serve_pid/status")"
  fds="$(ls "/proc/$serve_pid/fd" | wc -l)"
  printf 'serve process %-6s heap-after-gc %s KiB  rss %s KiB  threads %s  fds %s\n' "$1" "$heap" "$rss" "$threads" "$fds"
}

"$schsm" -r sim --sim-state "$state" init --so-pin 3537363231383830 --pin 648219 --pin-retry 3 >/dev/null 2>&1
"$schsm" sim serve --sim-state "$state" --port "$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 50); do
  "$schsm" -r "$reader" pin status >/dev/null 2>&1 && break
  sleep 0.2
done
serve_sample start
"$schsm" -r "$reader" run "$here/bench/scripts/long-session.groovy" "${1:-1000000}" "${2:-50000}"
serve_sample end
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=
echo "state file after the session: $(wc -c <"$state") bytes; a new process reads it:"
"$schsm" -r sim --sim-state "$state" pin status | tee "$work/pin-status.txt"
grep -q "User PIN : 3 tries left" "$work/pin-status.txt" || { echo "pcscd-long-session.sh: the state file is not intact" >&2; exit 1; }
