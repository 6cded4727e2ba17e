#!/usr/bin/env bash
# Long session of the embedded simulated card (docs/reliability.md, "Endurance"): one schsm
# process (`schsm run`) sends APDUS APDUs to its own simulated card through the CLI's transport
# stack, the state file written after every state change, and reports heap after GC, resident
# memory, threads, file descriptors and APDU/s every REPORT APDUs (long-session.groovy). Then a new
# process opens the same state file: it must load, with no PIN try spent.
# Usage: bench/scripts/long-session.sh [APDUS [REPORT]]    (defaults 1000000 50000)
# The served (vpcd) card's counterpart: bench/scripts/vpcd-long-session.py.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
schsm="$here/bin/schsm"
work="$(mktemp -d)"
state="$work/card.state"
"$schsm" -r sim --sim-state "$state" init --so-pin 3537363231383830 --pin 648219 --pin-retry 3 >/dev/null 2>&1
"$schsm" -r sim --sim-state "$state" run "$here/bench/scripts/long-session.groovy" "${1:-1000000}" "${2:-50000}"
echo "state file after the session: $(wc -c <"$state") bytes; a new process reads it:"
"$schsm" -r sim --sim-state "$state" pin status | tee "$work/pin-status.txt"
grep -q "User PIN : 3 tries left" "$work/pin-status.txt" || { echo "long-session.sh: the state file is not intact" >&2; exit 1; }
rm -rf "$work"
