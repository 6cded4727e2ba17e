#!/usr/bin/env python3
"""Times shell commands in interleaved rounds: every round runs each command once, so drift of a
shared machine (other tenants, CPU frequency) hits all commands alike. Prints the median and the
quartiles of each command's wall-clock time, and the median of its CPU time (user + system of the
command and its children, from getrusage), which a loaded machine disturbs less.

Usage: bench/scripts/interleave.py ROUNDS COMMAND [COMMAND ...]
Each command runs through the shell, output discarded, after 3 untimed warm-up runs.
"""
import resource
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = sys.argv[2:]
    times = {c: [] for c in commands}
    cpu = {c: [] for c in commands}
    for c in commands:
        for _ in range(3):
            subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(rounds):
        for c in commands:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[c].append((time.perf_counter() - t) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[c].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    for c in commands:
        v = sorted(times[c])
        print(f"median {statistics.median(v):7.1f} ms  p25 {v[len(v) // 4]:7.1f}  p75 {v[3 * len(v) // 4]:7.1f}"
              f"  cpu {statistics.median(cpu[c]):7.1f}  {c}")


if __name__ == "__main__":
    main()
