#!/usr/bin/env bash
# Times, in one run and on the same virtual reader, `schsm status` against OpenSC's `sc-hsm-tool`,
# and `schsm status` on the embedded simulator; prints medians, the ratio, and peak RSS.
# BASELINE=/path/to/another/built/checkout adds that checkout's `schsm status` to the same run.
# Needs: a built checkout (mvn -B -DskipTests package), pcscd running with vsmartcard-vpcd,
# sc-hsm-tool, hyperfine (Debian packages pcscd vsmartcard-vpcd opensc hyperfine).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
schsm="$here/bin/schsm"
runs="${RUNS:-15}"
work="$(mktemp -d)"
trap 'kill "${serve_pid:-0}" 2>/dev/null || true; wait "${serve_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

for tool in hyperfine sc-hsm-tool pcscd; do
  command -v "$tool" >/dev/null || { echo "startup.sh: $tool is missing" >&2; exit 2; }
done
pgrep -x pcscd >/dev/null || { echo "startup.sh: pcscd is not running (start: pcscd -f &)" >&2; exit 2; }

reader="Virtual PCD 00 00"
"$schsm" sim serve --state "$work/served.state" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do
  opensc-tool -l 2>/dev/null | grep -q "Yes.*$reader" && break
  sleep 0.1
done
sc-hsm-tool --reader 0 --initialize --so-pin 3537363231383830 --pin 648219 >/dev/null
"$schsm" -r sim --sim-state "$work/embedded.state" init --so-pin 3537363231383830 --pin 648219 >/dev/null

# Two floors put the ratio in context: the JVM alone (`java -version`, the least any Java tool
# pays), and schsm without a card (`--version`: JVM, class-data-sharing archive, picocli).
hyperfine -N -w 3 -r "$runs" --export-json "$work/times.json" \
  -n sc-hsm-tool "sc-hsm-tool --reader 0" \
  -n "java -version (JVM floor)" "java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version" \
  -n "schsm --version (no card)" "$schsm --version" \
  -n "schsm status (PC/SC, vpcd)" "$schsm -r '$reader' status" \
  -n "schsm status (PC/SC, JDK provider)" "env SCHSM_PCSC_PROVIDER=sun $schsm -r '$reader' status" \
  -n "schsm status (embedded simulator)" "$schsm -r sim --sim-state $work/embedded.state status" \
  ${BASELINE:+-n "baseline schsm status (PC/SC, vpcd)" "$BASELINE/bin/schsm -r '$reader' status"} >/dev/null

python3 - "$work/times.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
m = {x["command"]: x["median"] * 1000 for x in r}
for name, ms in m.items():
    print(f"{name:36s} median {ms:7.1f} ms")
base = m["sc-hsm-tool"]
print(f"ratio schsm(PC/SC) / sc-hsm-tool       {m['schsm status (PC/SC, vpcd)'] / base:5.2f}x")
print(f"ratio schsm(PC/SC, JDK) / sc-hsm-tool  {m['schsm status (PC/SC, JDK provider)'] / base:5.2f}x")
print(f"ratio schsm(sim)   / sc-hsm-tool       {m['schsm status (embedded simulator)'] / base:5.2f}x")
print(f"ratio JVM floor    / sc-hsm-tool       {m['java -version (JVM floor)'] / base:5.2f}x")
if "baseline schsm status (PC/SC, vpcd)" in m:
    print(f"ratio baseline / this checkout (PC/SC)  {m['baseline schsm status (PC/SC, vpcd)'] / m['schsm status (PC/SC, vpcd)']:5.2f}x")
PY
rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo "peak RSS schsm status (PC/SC):      $(rss "$schsm" -r "$reader" status) KiB"
echo "peak RSS schsm status (simulator):  $(rss "$schsm" -r sim --sim-state "$work/embedded.state" status) KiB"
echo "peak RSS sc-hsm-tool:               $(rss sc-hsm-tool --reader 0) KiB"
