#!/usr/bin/env python3
"""How a cold build's time grows with the site: a small and a large site (say 10,000
and 100,000 briefings from shared/bench/gen_corpus.py), built alternately with
`build --no-cache` into fresh output folders, and the memory the machine had left
while each ran.

Order: small, large, small, large, ..., small, so each large build has a small one
on either side; its ratio is taken against the mean of those two, which cancels
most of a host's drift between runs. Prints, per run, wall, user and system time,
peak memory, the output's size and the least memory available during the run
(`MemAvailable` in /proc/meminfo, read twice a second); then the median ratio.

Why the memory columns: when the output folder is on tmpfs (/dev/shm), every byte
written stays in RAM, beside the corpus. At 100,000 briefings the output takes
9.6 GB there. On a 24 GiB machine whose free memory was mostly page cache, the
kernel spent 31-35 s of system time reclaiming that cache to make room, against
14 s when the cache was dropped first (same binary, same corpus: 82-90 s against
67 s). `--drop-caches` (root only) empties the page cache before every run, so the
small and large builds start alike; without it, a run whose least free memory fell
under 2 GiB is marked `low`: its system time measures the machine, not sitroom.

Usage: python3 bench/scale.py BINARY SMALL_SITE LARGE_SITE [--rounds 2] [--work DIR]
                              [--drop-caches]
DIR (default: a new folder under /dev/shm, or the temp folder) holds the outputs,
each deleted after its run; DIR itself is deleted at the end. The sites are only read.
Standard library only.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

LOW = 2 * 1024 * 1024  # KiB of free memory


def meminfo_kib(field):
    """A field of /proc/meminfo in KiB, or None where there is none."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def drop_caches():
    """Writes dirty pages out and empties the page cache (root only)."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
    except OSError as e:
        sys.exit(f"--drop-caches: cannot write /proc/sys/vm/drop_caches ({e})")


def size_bytes(folder):
    """The bytes the files under folder take on disk."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                pass
    return total


def run(binary, site, out):
    """One cold build: (wall s, user s, sys s, peak KiB, output bytes, least KiB
    available, least KiB free)."""
    fields = ("MemAvailable", "MemFree")
    least = [meminfo_kib(f) for f in fields]
    done = threading.Event()

    def watch():
        while not done.wait(0.5):
            for i, field in enumerate(fields):
                now = meminfo_kib(field)
                if now is not None and (least[i] is None or now < least[i]):
                    least[i] = now

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.monotonic()
    build = subprocess.run(
        ["/usr/bin/time", "-f", "%U %S %M", binary, "build", "--no-cache",
         "--root", site, "--output", out],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = time.monotonic() - started
    done.set()
    watcher.join()
    if build.returncode != 0:
        sys.exit(f"build of {site} failed:\n{build.stderr}")
    user, system, peak = build.stderr.strip().splitlines()[-1].split()
    written = size_bytes(out)
    shutil.rmtree(out, ignore_errors=True)
    return wall, float(user), float(system), int(peak), written, least[0], least[1]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("binary")
    p.add_argument("small")
    p.add_argument("large")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--work")
    p.add_argument("--drop-caches", action="store_true")
    args = p.parse_args()
    binary = os.path.abspath(args.binary)
    if args.work and os.path.exists(args.work) and os.listdir(args.work):
        sys.exit(f"{args.work} is not empty: give a new or empty folder (it is deleted at the end)")
    parent = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = args.work or tempfile.mkdtemp(prefix="sitroom-scale-", dir=parent)
    os.makedirs(work, exist_ok=True)
    order = ["small"] + ["large", "small"] * args.rounds
    sites = {"small": args.small, "large": args.large}
    runs = []
    try:
        print("site   wall s  user s   sys s  peak KiB   output MB  least MiB available / free")
        for n, which in enumerate(order):
            if args.drop_caches:
                drop_caches()
            r = run(binary, sites[which], os.path.join(work, f"out-{n}"))
            runs.append((which, r))
            wall, user, system, peak, written, available, free = r
            mark = "  low" if free is not None and free < LOW else ""
            mib = lambda k: "?" if k is None else f"{k // 1024}"
            print(
                f"{which:5} {wall:7.2f} {user:7.2f} {system:7.2f} {peak:9} "
                f"{written / 1e6:11.0f}  {mib(available)} / {mib(free)}{mark}",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratios = []
    for i, (which, r) in enumerate(runs):
        if which == "large":
            around = (runs[i - 1][1][0] + runs[i + 1][1][0]) / 2
            ratios.append(r[0] / around)
    small = [r[0] for w, r in runs if w == "small"]
    large = [r[0] for w, r in runs if w == "large"]
    print(f"small: median {statistics.median(small):.2f} s ({min(small):.2f}-{max(small):.2f})")
    print(f"large: median {statistics.median(large):.2f} s ({min(large):.2f}-{max(large):.2f})")
    print(
        "large / small (each against the two around it): median "
        f"{statistics.median(ratios):.2f} x ({min(ratios):.2f}-{max(ratios):.2f})"
    )
    print(f"peak memory, large: {max(r[3] for w, r in runs if w == 'large')} KiB")


if __name__ == "__main__":
    main()
