#!/usr/bin/env python3
"""Wall time of `privdiff scan` and `privdiff audit` against the inflate floor
(`unzip -p APK 'classes*.dex'`) on each real APK and ApiDemos (issue 18).

Runs are interleaved (floor, then each binary's scan and audit, N rounds) so
that a noisy machine weighs on all of them alike; medians are printed, with
the ratio to the floor.

    scripts/bench-floor.py PRIVDIFF[,PRIVDIFF2...] [APK...]   # e.g. old,new side by side
"""
import glob
import statistics
import subprocess
import sys
import time

ROUNDS = 9
POLICY = 'testdata/examples/jianke/policy.txt'


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, shell=isinstance(cmd, str))
    return time.perf_counter() - start


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    bins = sys.argv[1].split(',')
    apks = sys.argv[2:] or sorted(glob.glob('testdata/realapks/*.apk')) + ['testdata/external/ApiDemos-debug.apk']
    for apk in apks:
        runs = {}
        for _ in range(ROUNDS):
            runs.setdefault('floor', []).append(timed(f"unzip -p '{apk}' 'classes*.dex' >/dev/null"))
            for b in bins:
                runs.setdefault(b + ' scan', []).append(timed([b, 'scan', apk, '--format', 'json']))
                runs.setdefault(b + ' audit', []).append(timed([b, 'audit', apk, '--policy', POLICY, '--format', 'json']))
        floor = statistics.median(runs['floor'])
        line = f"{apk.split('/')[-1]:28s} floor {floor * 1000:6.1f} ms"
        for b in bins:
            scan = statistics.median(runs[b + ' scan'])
            audit = statistics.median(runs[b + ' audit'])
            line += f" | {b.split('/')[-1]}: scan {scan * 1000:6.1f} ({scan / floor:.2f}x) audit {audit * 1000:6.1f} ({audit / floor:.2f}x)"
        print(line, flush=True)


if __name__ == '__main__':
    main()
