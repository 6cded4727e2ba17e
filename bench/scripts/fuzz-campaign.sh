#!/usr/bin/env bash
# A long fuzzing campaign (docs/reliability.md, "Endurance"): every parser target of the toolkit's
# ParserFuzzTest and the applet target of the simulator's AppletFuzzTest, each for a fixed number of
# executions instead of the 10 s a @FuzzTest is given in the source. Not part of CI.
#
# Usage: bench/scripts/fuzz-campaign.sh [TARGET ...]
#   TARGET: hexDecode commandApdu commandApduText responseApdu tlv atr selectFcp pinText apduSequence
#   (default: all of them, one after the other)
# Environment:
#   PARSER_RUNS   executions per parser target     (default 10000000)
#   APPLET_RUNS   sequences for the applet target  (default 1000000)
#   OUT           where logs and the summary go    (default bench/target/fuzz-campaign)
#   NICE          nice level (default 19: the campaign yields to everything else on the machine)
#
# How the count is set: Jazzer's JUnit integration passes the JUnit configuration parameters
# jazzer.internal.arg.1, .2, ... to libFuzzer after its own -max_total_time/-runs (taken from
# @FuzzTest), and libFuzzer keeps the last value of a flag, so -runs=N -max_total_time=0 here wins.
# A finding stops the target: Jazzer writes the input under src/test/resources/.../<target>/ (the
# regression run of every `mvn verify` replays it from then on) and the log says what broke.
# Jazzer's growing corpus stays in <module>/.cifuzz-corpus/ between runs (not committed).
set -uo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
parser_runs="${PARSER_RUNS:-10000000}"
applet_runs="${APPLET_RUNS:-1000000}"
out="${OUT:-$here/bench/target/fuzz-campaign}"
nice_level="${NICE:-19}"
parsers=(hexDecode commandApdu commandApduText responseApdu tlv atr selectFcp pinText)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${parsers[@]}" apduSequence)
mkdir -p "$out"
cd "$here" || exit 2

mvn_opts=(-B -o -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.excludedGroups=bench,interop
  -Djazzer.internal.arg.0=campaign -Djazzer.internal.arg.2=-max_total_time=0 -Djazzer.internal.arg.3=-print_final_stats=1)

status=0
for t in "${targets[@]}"; do
  if [ "$t" = apduSequence ]; then
    module=(-pl simulator -am); test="AppletFuzzTest#$t"; runs="$applet_runs"
  else
    module=(-pl toolkit); test="ParserFuzzTest#$t"; runs="$parser_runs"
  fi
  log="$out/$t.log"
  start=$(date +%s)
  echo "$(date -u +%FT%TZ) $t: $runs executions, log $log"
  JAZZER_FUZZ=1 nice -n "$nice_level" mvn "${mvn_opts[@]}" "${module[@]}" test -Dtest="$test" \
    -Djazzer.internal.arg.1=-runs="$runs" >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  # libFuzzer's final statistics: stat::number_of_executed_units, stat::new_units_added, ...
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  cov=$(grep -oE '#[0-9]+[[:space:]]+(DONE|INITED).*cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+')
  if [ $rc -eq 0 ]; then verdict="no finding"; else verdict="FAILED (exit $rc): see $log"; status=1; fi
  line="$t	executions ${execs:-?}	${secs} s	${cov:-cov ?}	$verdict"
  echo "$(date -u +%FT%TZ) $line"
  echo "$(date -u +%FT%TZ)	$line" >>"$out/summary.tsv"
done
exit $status
