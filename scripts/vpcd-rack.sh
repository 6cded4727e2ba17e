#!/usr/bin/env bash
# A rack of virtual readers for schsm's fleet commands: a pcscd of its own with RACK_READERS vpcd
# readers ("schsm rack N 00 00", "schsm rack N 00 01" on ports RACK_FIRST_PORT..), and a simulated
# SmartCard-HSM served into each. The system's pcscd and its readers are never touched. docs/fleet.md.
#
#   scripts/vpcd-rack.sh start   (root) start the rack's pcscd; prints the PCSCLITE_CSOCK_NAME to use
#   scripts/vpcd-rack.sh serve   one `schsm sim serve --port P` per rack reader, fresh state files
#   scripts/vpcd-rack.sh unserve stop the served cards (by the pids serve recorded)
#   scripts/vpcd-rack.sh stop    unserve, then stop the rack's pcscd (by its pid)
#   scripts/vpcd-rack.sh status  the rack's readers as its pcscd lists them
#   scripts/vpcd-rack.sh env     the line to eval: export PCSCLITE_CSOCK_NAME=...
#
# Environment: RACK_DIR (default /tmp/schsm-rack), RACK_READERS (8), RACK_FIRST_PORT (35970),
# SCHSM (default bin/schsm of this checkout).
#
# Why a pcscd of its own: pcscd 1.9 reads reader.conf.d only when it starts (pcscd --hotplug
# rescans USB only), and restarting the shared one would cut off every program using its readers.
# The rack's pcscd runs in a private mount namespace with RACK_DIR/run mounted over /run/pcscd, so
# its socket is RACK_DIR/run/pcscd.comm; clients reach it with PCSCLITE_CSOCK_NAME (libpcsclite).
# Why a driver copy per two readers: vpcd keeps its connections in one static table indexed by
# slot, so two reader.conf entries loading the same file would share slots 0 and 1; each entry
# loads its own copy (vsmartcard ifd-vpcd.c, ctx[VICC_MAX_SLOTS]). Each entry gives 2 readers, on
# PORT and PORT+1, and needs its own FRIENDLYNAME, or pcscd names all of them "... 00 00".
set -euo pipefail

RACK_DIR=${RACK_DIR:-/tmp/schsm-rack}
READERS=${RACK_READERS:-8}
FIRST_PORT=${RACK_FIRST_PORT:-35970}
DRIVER=${VPCD_DRIVER:-/usr/lib/pcsc/drivers/serial/libifdvpcd.so}
here=$(cd "$(dirname "$0")/.." && pwd)
SCHSM=${SCHSM:-$here/bin/schsm}
SOCKET=$RACK_DIR/run/pcscd.comm
entries=$(( (READERS + 1) / 2 ))

rack_readers() {
  PCSCLITE_CSOCK_NAME=$SOCKET opensc-tool -l 2>/dev/null | grep -F 'schsm rack' || true
}

running() {
  [ -f "$RACK_DIR/pcscd.pid" ] && kill -0 "$(cat "$RACK_DIR/pcscd.pid")" 2>/dev/null
}

start() {
  [ -f "$DRIVER" ] || { echo "vpcd driver $DRIVER missing: apt-get install vsmartcard-vpcd" >&2; exit 1; }
  if running; then
    echo "rack: pcscd already running (pid $(cat "$RACK_DIR/pcscd.pid"))"
  else
    mkdir -p "$RACK_DIR/run" "$RACK_DIR/reader.conf.d" "$RACK_DIR/drivers"
    rm -f "$RACK_DIR/reader.conf.d/"* "$SOCKET" "$RACK_DIR/run/pcscd.pid"
    for ((i = 0; i < entries; i++)); do
      port=$((FIRST_PORT + 2 * i))
      cp -f "$DRIVER" "$RACK_DIR/drivers/libifdvpcd-$i.so"
      cat >"$RACK_DIR/reader.conf.d/rack-$i" <<CONF
FRIENDLYNAME "schsm rack $((i + 1))"
DEVICENAME   /dev/null:$port
LIBPATH      $RACK_DIR/drivers/libifdvpcd-$i.so
CHANNELID    $port
CONF
    done
    # exec keeps one process from setsid to pcscd, so the pid recorded is pcscd's.
    setsid unshare -m sh -c "mount --bind '$RACK_DIR/run' /run/pcscd && exec pcscd -f -c '$RACK_DIR/reader.conf.d'" \
      >"$RACK_DIR/pcscd.log" 2>&1 </dev/null &
    echo $! >"$RACK_DIR/pcscd.pid"
  fi
  for _ in $(seq 1 50); do
    [ "$(rack_readers | wc -l)" -ge "$READERS" ] && break
    sleep 0.2
  done
  found=$(rack_readers | wc -l)
  echo "rack: $found readers (ports $FIRST_PORT..$((FIRST_PORT + 2 * entries - 1))); use: export PCSCLITE_CSOCK_NAME=$SOCKET"
  [ "$found" -ge "$READERS" ]
}

serve() {
  [ -x "$SCHSM" ] || { echo "no $SCHSM: build first (mvn -B -q package -DskipTests)" >&2; exit 1; }
  mkdir -p "$RACK_DIR/state"
  unserve
  for ((i = 0; i < READERS; i++)); do
    rm -f "$RACK_DIR/state/device-$i.state"
    "$SCHSM" sim serve --port $((FIRST_PORT + i)) --state "$RACK_DIR/state/device-$i.state" \
      >"$RACK_DIR/state/serve-$i.log" 2>&1 </dev/null &
    echo $! >>"$RACK_DIR/serve.pids"
  done
  for _ in $(seq 1 100); do
    [ "$(rack_readers | grep -c ' Yes ' || true)" -ge "$READERS" ] && break
    sleep 0.2
  done
  echo "rack: $(rack_readers | grep -c ' Yes ' || true) of $READERS readers hold a card"
}

unserve() {
  if [ -f "$RACK_DIR/serve.pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$RACK_DIR/serve.pids"
    while read -r pid; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done <"$RACK_DIR/serve.pids"
    rm -f "$RACK_DIR/serve.pids"
  fi
}

stop() {
  unserve
  if running; then
    kill "$(cat "$RACK_DIR/pcscd.pid")"
  fi
  rm -f "$RACK_DIR/pcscd.pid"
}

case "${1:-}" in
  start) start ;;
  serve) serve ;;
  unserve) unserve ;;
  stop) stop ;;
  status) rack_readers ;;
  env) echo "export PCSCLITE_CSOCK_NAME=$SOCKET" ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
