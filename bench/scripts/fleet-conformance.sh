#!/usr/bin/env bash
# Conformance over the 8-device rack: `schsm test -r 'schsm rack*' --parallel 8` against the same
# run one device at a time (--parallel 1), and against a shell loop of one schsm per device.
# Each run starts from 8 factory-fresh served cards. Prints wall time and where the CPU time went:
# the schsm JVM, the rack's pcscd (with the vpcd driver inside it), the 8 JVMs serving the cards.
# Figures: docs/performance.md "Many devices at once".
#
#   scripts/vpcd-rack.sh start            # once, as root
#   flock /tmp/schsm-pcsc.lock bench/scripts/fleet-conformance.sh [ROUNDS]
#
# SUITE (default the PIN life-cycle suite, 68 cases) and SCHSM (default bin/schsm) can be set.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
SUITE=${SUITE:-scripts/conformance/sc-hsm-pin-lifecycle.groovy}
SCHSM=${SCHSM:-bin/schsm}
RACK_DIR=${RACK_DIR:-/tmp/schsm-rack}
export RACK_DIR
eval "$(scripts/vpcd-rack.sh env)"
tick=$(getconf CLK_TCK)
out=$(mktemp -d)

cpu_of() {  # user+system seconds of the given pids (live processes only)
  local total=0
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    # fields 14 and 15: utime, stime in clock ticks (after the command name, which may hold spaces)
    set -- $(sed 's/^.*) //' "/proc/$pid/stat")
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}

serve_pids() {
  tr '\n' ' ' <"$RACK_DIR/serve.pids"
}

run_once() {  # mode -> "wall client pcscd cards" in seconds
  local mode=$1
  scripts/vpcd-rack.sh serve >/dev/null
  local pcscd; pcscd=$(cat "$RACK_DIR/pcscd.pid")
  local p0 c0; p0=$(cpu_of "$pcscd"); c0=$(cpu_of $(serve_pids))
  local t0 t1
  t0=$(date +%s%N)
  case $mode in
    parallel8) /usr/bin/time -f '%U %S' -o "$out/time" "$SCHSM" test -r 'schsm rack*' --parallel 8 "$SUITE" >"$out/log" 2>&1 || true ;;
    parallel1) /usr/bin/time -f '%U %S' -o "$out/time" "$SCHSM" test -r 'schsm rack*' --parallel 1 "$SUITE" >"$out/log" 2>&1 || true ;;
    loop)
      : >"$out/log"
      echo "0 0" >"$out/time"
      for n in 1 2 3 4; do
        for s in 0 1; do
          /usr/bin/time -a -f '%U %S' -o "$out/time" "$SCHSM" test -r "schsm rack $n 00 0$s" "$SUITE" >>"$out/log" 2>&1 || true
        done
      done ;;
  esac
  t1=$(date +%s%N)
  local p1 c1; p1=$(cpu_of "$pcscd"); c1=$(cpu_of $(serve_pids))
  local client; client=$(awk '{u += $1; s += $2} END {printf "%.2f", u + s}' "$out/time")
  grep -E '^[0-9]+ passed' "$out/log" | tail -1 >&2
  awk -v w=$(((t1 - t0) / 1000000)) -v c="$client" -v p=$((p1 - p0)) -v k=$((c1 - c0)) -v hz="$tick" \
    'BEGIN { printf "%.2f %.2f %.2f %.2f\n", w / 1000, c, p / hz, k / hz }'
}

printf '%-10s %6s %9s %12s %9s %12s\n' mode round wall_s schsm_cpu_s pcscd_cpu_s cards_cpu_s
for round in $(seq 1 "$ROUNDS"); do
  for mode in parallel8 parallel1 loop; do
    read -r wall client pcscd cards < <(run_once "$mode")
    printf '%-10s %6d %9s %12s %9s %12s\n' "$mode" "$round" "$wall" "$client" "$pcscd" "$cards"
  done
done
scripts/vpcd-rack.sh unserve
rm -rf "$out"
