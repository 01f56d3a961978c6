#!/usr/bin/env python3
"""Wall time of `privdiff scan` and `privdiff audit` against the inflate floor
(`unzip -p APK 'classes*.dex'`) on each real APK and ApiDemos (issue 18).

Runs are interleaved (floor, then each binary's scan and audit, N rounds) so
that a noisy machine weighs on all of them alike; medians are printed, with
the ratio to the floor.

    scripts/bench-floor.py PRIVDIFF[,PRIVDIFF2...] [APK...]   # e.g. old,new side by side
    scripts/bench-floor.py PRIVDIFF --multidex [7,30,116,233] [--rounds N]
    scripts/bench-floor.py PRIVDIFF --rt ...     # on a shared machine

--rt runs every measured command under the round-robin real-time policy
(SCHED_RR, which Linux allows root), so that other work on the machine does
not take the cores from it: on a busy shared machine the figures then come
close to a quiet machine's. Without the permission it says so and stops.

--multidex measures the multidex APKs scripts/repack-multidex.sh builds from
the real dex files (about 7, 30, 116 and 233 MB of dex by default): the issue
wants their audit at 1.0x the floor, since privdiff can inflate several dex
files at once where unzip inflates them one after the other.
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile
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
    args = sys.argv[2:]
    rounds, multidex = ROUNDS, None
    apks = []
    while args:
        a = args.pop(0)
        if a == '--rounds':
            rounds = int(args.pop(0))
        elif a == '--rt':
            try:
                os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(10))
            except (AttributeError, PermissionError) as e:
                sys.exit(f"--rt: cannot run under SCHED_RR here ({e})")
        elif a == '--multidex':
            multidex = ['7', '30', '116', '233']
            if args and not args[0].startswith('-'):
                multidex = args.pop(0).split(',')
        else:
            apks.append(a)
    if multidex:
        with tempfile.TemporaryDirectory() as tmp:
            listing = subprocess.run([os.path.join(os.path.dirname(os.path.abspath(__file__)), 'repack-multidex.sh'), tmp]
                                     + multidex, check=True, capture_output=True, text=True).stdout
            for line in listing.splitlines():
                apk, dex_mb, files = line.split()
                measure(bins, [apk], rounds, label=f"{dex_mb} MB dex in {files} files")
        return
    apks = apks or sorted(glob.glob('testdata/realapks/*.apk')) + ['testdata/external/ApiDemos-debug.apk']
    measure(bins, apks, rounds)


def measure(bins, apks, rounds, label=None):
    """Prints, for each APK, the median of the floor and of each binary's scan and audit."""
    for apk in apks:
        runs = {}
        for _ in range(rounds):
            runs.setdefault('floor', []).append(timed(f"unzip -p '{apk}' 'classes*.dex' >/dev/null"))
            for b in bins:
                runs.setdefault(b + ' scan', []).append(timed([b, 'scan', apk, '--format', 'json']))
                runs.setdefault(b + ' audit', []).append(timed([b, 'audit', apk, '--policy', POLICY, '--format', 'json']))
        floor = statistics.median(runs['floor'])
        line = f"{label or apk.split('/')[-1]:28s} floor {floor * 1000:6.1f} ms"
        for b in bins:
            scan = statistics.median(runs[b + ' scan'])
            audit = statistics.median(runs[b + ' audit'])
            line += f" | {b.split('/')[-1]}: scan {scan * 1000:6.1f} ({scan / floor:.2f}x) audit {audit * 1000:6.1f} ({audit / floor:.2f}x)"
        print(line, flush=True)


if __name__ == '__main__':
    main()
