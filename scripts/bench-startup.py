#!/usr/bin/env python3
"""Measures privdiff's fixed start-up cost beside the floor its dependencies set.

Builds three programs into a temporary directory and runs them interleaved:
  privdiff   the command itself (or the binaries given with --bin)
  deps-floor a program that only blank-imports the libraries the design
             requires (cobra, tablewriter, modernc.org/sqlite, pgx/v5,
             apkparser, ledongthuc/pdf, x/net/html): their package inits and
             binary size are a cost privdiff cannot go under
  all-deps   a program that blank-imports every package privdiff links but
             its own (`go list -deps`): the floor plus what privdiff chose to
             add (yaml, progressbar, apkverifier, klauspost/compress, …)
  empty      an empty Go program: the runtime's own start
Both floors are lower bounds privdiff cannot reach: a blank import lets the
linker drop the package-level tables nothing uses, with their init (for
ledongthuc/pdf's glyph map and x/net/html's entity map, which privdiff does
use, that is ~8 % of privdiff's start-up in a perf profile), and a smaller
binary faults in fewer pages. `CGO_ENABLED=0 scripts/bench-startup.py` sets
static builds side by side (no dynamic loader: ~1 ms less for each).

Each run's wall time and CPU time (user + system, from getrusage of the
child) are recorded; minima and medians are printed. On a shared machine the
minimum is the best estimate of the cost itself, the median of what a user sees.

  scripts/bench-startup.py [RUNS] [--bin PRIVDIFF[,PRIVDIFF2]] [-- ARGS]
  (default: 200 runs of `version`)
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# The libraries the design names (STYLE.md, README); a blank import runs their
# package inits exactly as privdiff's binary does.
FLOOR_IMPORTS = [
    "github.com/spf13/cobra",
    "github.com/olekukonko/tablewriter",
    "modernc.org/sqlite",
    "github.com/jackc/pgx/v5",
    "github.com/avast/apkparser",
    "github.com/ledongthuc/pdf",
    "golang.org/x/net/html",
]


def build(repo, work):
    """Builds privdiff, the dependency floor and an empty program; returns their paths."""
    bins = {}
    bins["privdiff"] = os.path.join(work, "privdiff")
    subprocess.run(["go", "build", "-o", bins["privdiff"], "./cmd/privdiff"], cwd=repo, check=True)
    # The floor is built inside the module, so it links the exact versions go.mod pins.
    deps = subprocess.run(["go", "list", "-deps", "./cmd/privdiff"], cwd=repo, check=True,
                          capture_output=True, text=True).stdout.split()
    # internal and vendored packages cannot be imported; the packages that
    # import them are, which runs their inits all the same.
    all_deps = [p for p in deps if not p.startswith(("privdiff", "vendor/", "internal/", "runtime", "unsafe"))
                and "/internal/" not in p and not p.endswith("/internal")]
    for name, imports in (("deps-floor", FLOOR_IMPORTS), ("all-deps", all_deps), ("empty", [])):
        src = os.path.join(repo, "cmd", "zz-bench-" + name)
        os.makedirs(src, exist_ok=True)
        try:
            with open(os.path.join(src, "main.go"), "w") as f:
                f.write("package main\n\n")
                for imp in imports:
                    f.write(f'import _ "{imp}"\n')
                f.write("\nfunc main() {}\n")
            bins[name] = os.path.join(work, name)
            subprocess.run(["go", "build", "-o", bins[name], "./cmd/zz-bench-" + name], cwd=repo, check=True)
        finally:
            shutil.rmtree(src)
    return bins


def measure(bins, runs, args):
    """Runs every binary `runs` times, interleaved; returns {name: (cpu ms list, wall ms list)}."""
    res = {name: ([], []) for name in bins}
    for _ in range(runs):
        for name, path in bins.items():
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([path] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - t0
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
            res[name][0].append(cpu * 1000)
            res[name][1].append(wall * 1000)
    return res


def main():
    argv = sys.argv[1:]
    args = ["version"]
    if "--" in argv:
        i = argv.index("--")
        argv, args = argv[:i], argv[i + 1:]
    runs, extra = 200, []
    while argv:
        a = argv.pop(0)
        if a == "--bin":
            extra = argv.pop(0).split(",")
        else:
            runs = int(a)
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as work:
        bins = build(repo, work)
        if extra:
            del bins["privdiff"]
            bins = {**{p: p for p in extra}, **bins}
        for name, path in bins.items():
            print(f"{name}: {os.path.getsize(path) / 1e6:.1f} MB")
        res = measure(bins, runs, args)
    width = max(len(n) for n in bins)
    print(f"{runs} interleaved runs of: {' '.join(args)}  (the floor and the empty program ignore the arguments)")
    for name in bins:
        cpu, wall = res[name]
        print(f"{name:<{width}}  wall min {min(wall):5.1f} med {statistics.median(wall):5.1f} ms"
              f"   cpu min {min(cpu):5.1f} med {statistics.median(cpu):5.1f} ms")


if __name__ == "__main__":
    main()
