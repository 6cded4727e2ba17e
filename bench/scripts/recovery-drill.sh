#!/usr/bin/env bash
# The recovery drill of docs/recovery.md §8.2, step by step on the embedded simulator, printing per
# step the exit code, the APDUs sent (trace lines of -v) and the wall time including JVM start.
# Usage: bench/scripts/recovery-drill.sh [WORKDIR]   (after mvn -B -DskipTests package)
set -uo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
schsm="$here/bin/schsm"
work="${1:-$(mktemp -d)}"
mkdir -p "$work" && cd "$work" || exit 2
rm -rf card.state backup
# The reference share file (sc-hsm-tool format, password "passwordpassword", KCV 2AFA121E8764A1E3).
echo 'U2FsdGVkX19svhSIBSqUH/GixQX4+9KdFKpErNW7MLzNCX9YBE7+eseQB6Vh7JgaFmhlWzIcqCgB39n9xXe6BA==' | base64 -d > share.pbe
step() {
  local name="$1"; shift
  local t0 t1 rc
  t0=$(date +%s%N)
  "$schsm" -v -r sim --sim-state card.state "$@" >out.txt 2>err.txt
  rc=$?
  t1=$(date +%s%N)
  printf '%-32s exit %d  %3d APDUs  %5.1f s\n' "$name" "$rc" "$(grep -c '^trace >>' err.txt)" \
    "$(echo "($t1 - $t0) / 1000000000" | bc -l)"
}
PIN=648219 SO=3537363231383830
step "init --dkek-shares 1"          init --so-pin $SO --pin $PIN --dkek-shares 1 --no-pin-reset
step "dkek import"                   dkek import share.pbe --password passwordpassword
step "key generate ec:secp256r1"     key generate --type ec:secp256r1 --id 1 --label drill-ec --pin $PIN
step "key generate rsa:2048"         key generate --type rsa:2048 --id 2 --label drill-rsa --pin $PIN
step "backup (2 keys)"               backup backup --pin $PIN
step "pin verify, wrong PIN 1"       pin verify --pin 000000
step "pin verify, wrong PIN 2"       pin verify --pin 000000
step "doctor (1 try left)"           doctor
step "pin verify, refused by guard"  pin verify --pin 000000
step "pin verify --force, wrong"     pin verify --pin 000000 --force
step "doctor (blocked, no reset)"    doctor
step "init (refused by guard)"       init --so-pin $SO --pin $PIN --dkek-shares 1 --no-pin-reset
step "init --force"                  init --so-pin $SO --pin $PIN --dkek-shares 1 --no-pin-reset --force
step "dkek import"                   dkek import share.pbe --password passwordpassword
step "restore (2 keys)"              restore backup --pin $PIN
step "keys"                          keys
step "--version (JVM start only)"    --version
