#!/usr/bin/env python3
"""Second builds of two sitroom binaries, interleaved: on a noisy machine, comparing two
binaries' `bench/rebuild.py` runs taken minutes apart mixes their difference with the
machine's drift. This script gives each binary its own copy of the site and its own output
folder, builds both twice (cache and output in place), then makes the same edits to both
copies and times each binary's build right after the other's, alternating which goes first.

Edits, each round, a different briefing for each kind:
  title   the briefing's `title:` gets ` (rev N)`
  quote   its first statement's `quote:` gets `Rev N ` in front
  date    its first statement's `date:` moves by a day, within its month
  verify  its first statement verification flips (`rebuild.reverify`)
  add     a copy of it is added as a new briefing dated the site's newest day
          (`rebuild.add_briefing`)
  tag     it gains a tag of its own (`rev-N`), a front-matter edit that moves nothing

Prints, per edit and binary, the median and spread of wall time and of CPU time (user and
system, which a busy host's stolen time does not inflate as much), and peak memory.

Usage: python3 bench/rebuild_pair.py BINARY_A BINARY_B SITE_DIR [--rounds 6] [--work DIR]
SITE_DIR is copied (it is never written); DIR (default: a new folder under /dev/shm or the
temp folder) holds the copies and outputs and is deleted at the end. Standard library only.
"""

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rebuild  # noqa: E402  (its `timed_cpu`)

KINDS = ("title", "quote", "date", "verify", "add", "tag")


def timed(binary, site, out):
    """Builds site into out; returns (wall s, CPU s, peak KiB)."""
    return rebuild.timed_cpu([binary, "build", "--root", site, "--output", out])


def edit(path, kind, n, newest):
    if kind == "verify":
        rebuild.reverify(path)
        return
    if kind == "add":
        rebuild.add_briefing(path, n, newest)
        return
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if kind == "title":
        text = re.sub(
            r'^title: "(.*)"$',
            lambda m: f'title: "{m.group(1)} (rev {n})"',
            text,
            count=1,
            flags=re.M,
        )
    elif kind == "quote":
        text = text.replace('    quote: "', f'    quote: "Rev {n} ', 1)
    elif kind == "tag":
        text = text.replace("\ntags:\n", f'\ntags:\n  - "rev-{n}"\n', 1)
    else:
        m = re.search(r"    date: (\d{4})-(\d\d)-(\d\d)", text)
        day = int(m.group(3))
        day = day + 1 if day < 28 else day - 1
        text = f"{text[:m.start()]}    date: {m.group(1)}-{m.group(2)}-{day:02d}{text[m.end():]}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def has_verification(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return "verification:" in f.read()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("binary_a")
    p.add_argument("binary_b")
    p.add_argument("site")
    p.add_argument("--rounds", type=int, default=6)
    p.add_argument("--work")
    args = p.parse_args()
    binaries = {"A": os.path.abspath(args.binary_a), "B": os.path.abspath(args.binary_b)}
    parent = "/dev/shm" if os.path.isdir("/dev/shm") else None
    if args.work and os.path.exists(args.work) and os.listdir(args.work):
        sys.exit(f"{args.work} is not empty: give a new or empty folder (it is deleted at the end)")
    work = args.work or tempfile.mkdtemp(prefix="sitroom-pair-", dir=parent)
    os.makedirs(work, exist_ok=True)
    try:
        sites = {}
        for name, binary in binaries.items():
            site = os.path.join(work, f"{name}-site")
            out = os.path.join(work, f"{name}-out")
            shutil.copytree(args.site, site, ignore=shutil.ignore_patterns(".sitroom"))
            timed(binary, site, out)
            timed(binary, site, out)
            sites[name] = (site, out)
        folder = os.path.join(sites["A"][0], "content", "briefings")
        files = sorted(f for f in os.listdir(folder) if f.endswith(".md"))
        newest = rebuild.newest_date(os.path.join(folder, f) for f in files)
        results = {(kind, name): [] for kind in KINDS for name in binaries}
        for n in range(args.rounds):
            for k, kind in enumerate(KINDS):
                at = len(files) // 10 + 37 * n + 11 * k
                while kind == "verify" and not has_verification(folder, files[at % len(files)]):
                    at += 1
                file = files[at % len(files)]
                order = list(binaries) if n % 2 == 0 else list(binaries)[::-1]
                for name in order:
                    site, out = sites[name]
                    edit(os.path.join(site, "content", "briefings", file), kind, n, newest)
                    results[(kind, name)].append(timed(binaries[name], site, out))
        for name, binary in binaries.items():
            print(f"{name} = {binary}")
        print("edit   bin  wall median s (min-max)   CPU median s (min-max)   peak MiB")
        for kind in KINDS:
            for name in binaries:
                runs = results[(kind, name)]
                walls = [r[0] for r in runs]
                cpus = [r[1] for r in runs]
                peak = max(r[2] for r in runs) // 1024
                print(
                    f"{kind:6} {name:3}  {statistics.median(walls):5.2f} "
                    f"({min(walls):.2f}-{max(walls):.2f})       "
                    f"{statistics.median(cpus):5.2f} ({min(cpus):.2f}-{max(cpus):.2f})"
                    f"       {peak}"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
