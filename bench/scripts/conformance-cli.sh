#!/usr/bin/env bash
# APDUs per second through `schsm test` as a user runs it (bin/schsm, embedded simulated card with
# its state file), start-up and suite compilation subtracted. The APDUs are no-data VERIFY status
# queries, which change no state, so the card never writes its file: this is the rate of the
# runner and simulator, not of state changes (each of those costs a file write and an fsync). Two suites
# differ only in how many no-data VERIFY status queries their one case sends (SMALL and LARGE),
# and the rate is (LARGE - SMALL) / (median time LARGE - median time SMALL).
# Needs: a built checkout (mvn -B -DskipTests package), python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
schsm="$here/bin/schsm"
runs="${RUNS:-5}"
small="${SMALL:-10000}"
large="${LARGE:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for n in "$small" "$large"; do
  cat >"$work/s$n.groovy" <<EOF
suite('cli throughput') {
    setup { send '00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00', sw: 0x9000 }
    testcase('verify status x $n') {
        $n.times { send '00 20 00 81', sw: [0x6A88, '63CX'] }
    }
}
EOF
done

python3 - "$schsm" "$work" "$small" "$large" "$runs" <<'PY'
import statistics, subprocess, sys, time
schsm, work, small, large, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
times = {small: [], large: []}
for i in range(runs + 1):                       # round 0 warms the file cache, not counted
    for n in (small, large):
        t = time.perf_counter()
        r = subprocess.run([schsm, "-r", "sim", "--sim-state", f"{work}/card.state", "test", f"{work}/s{n}.groovy"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        elapsed = time.perf_counter() - t
        if r.returncode != 0:
            sys.exit(f"conformance-cli.sh: schsm test failed:\n{r.stdout}")
        if i > 0:
            times[n].append(elapsed)
ms = {n: statistics.median(v) for n, v in times.items()}
for n in (small, large):
    print(f"schsm test, {n:>7} APDUs: median {ms[n]:6.2f} s over {runs} runs")
rate = (large - small) / (ms[large] - ms[small])
print(f"APDUs per second inside the run: {rate:,.0f} ({1e6 / rate:.1f} us per APDU)")
PY
