#!/usr/bin/env python3
"""Second builds: how long `sitroom build` takes with its build cache, against a cold
build, on a copy of a site.

For each round it times, in this order, on the same copy and output folder:
  cold      `build --no-cache` into a fresh output folder (no cache, no previous output)
  first     `build` into a fresh output folder with no cache (what a first build costs
            with the cache being written)
  same      `build` again, nothing changed
  edit      `build` after one briefing's body got one more sentence (a different
            briefing each round): the build cache's fast path
  title     `build` after another briefing's title changed (the pages showing that
            briefing are looked at again, by its title's hash)
  quote     `build` after a statement's quote changed in a third briefing (the same
            way, by its statements' hash; the statement data files make the run of about
            256 statements holding it again and copy the others)
  date      `build` after a statement's date changed in a fourth one (the same way as
            a quote, by its statements' hash; the timeline pages holding it are keyed
            by the statements they show)
  verify    `build` after a statement's verification changed in a fifth one (the same
            way; it changes no searchable word, so the search index's shards are
            read back rather than merged)
  add       `build` after a new briefing was added, dated the site's newest day (a
            copy of a sixth one under a new file name and title): every paginated
            list newest first moves by one, so this one renders far more pages. It
            is the round's first edit off the fast path since the first build, which
            recorded no page keys, so it also renders every page once
  add2      the same with a second new briefing: what adding one costs from then on
  tag       `build` after a seventh briefing gained a tag: a front-matter edit that
            shows on no other briefing's page
and checks, after the last round, that the output is byte for byte a cold build's.
Prints the median and the spread of wall time and peak memory (from /usr/bin/time)
and each as a share of the cold build.

Usage: python3 bench/rebuild.py BINARY SITE_DIR [--rounds 3] [--work DIR]
SITE_DIR is copied (it is never written); DIR holds the copy and the outputs. A DIR
you name is left in place at the end, to look into (delete it yourself); without one,
a new folder under /dev/shm or the temp folder is used and deleted at the end.
Standard library only.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd):
    """Runs cmd; returns (seconds, peak KiB)."""
    took, _, peak = timed_cpu(cmd)
    return took, peak


def timed_cpu(cmd):
    """Runs cmd; returns (wall seconds, CPU seconds (user and system), peak KiB)."""
    started = time.monotonic()
    run = subprocess.run(
        ["/usr/bin/time", "-f", "%U %S %M"] + cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    took = time.monotonic() - started
    if run.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{run.stderr}")
    user, system, peak = run.stderr.strip().splitlines()[-1].split()
    return took, float(user) + float(system), int(peak)


def briefings(site):
    folder = os.path.join(site, "content", "briefings")
    return sorted(
        os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".md")
    )


def retitle(path, n):
    """Adds ` (revised N)` to the briefing's `title:`."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if line.startswith("title:"):
            value = line[len("title:"):].strip()
            if value.endswith('"'):
                lines[i] = f'title: {value[:-1]} (revised {n})"'
            else:
                lines[i] = f"title: {value} (revised {n})"
            break
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def edit_statement(path, n, field):
    """Changes the first statement's `quote:` (adds ` revised N`) or `date:` (a day
    later, kept within its month), edited in place."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        key = line.strip()
        if field == "quote" and key.startswith("quote:") and key.endswith('"'):
            lines[i] = line.rstrip()[:-1] + f' revised {n}"'
            break
        if field == "date" and key.startswith("date:") and line.startswith("    "):
            value = key[len("date:"):].strip()
            if len(value) == 10 and value[8:].isdigit():
                day = int(value[8:]) % 28 + 1
                lines[i] = line.replace(value, f"{value[:8]}{day:02d}")
                break
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def reverify(path):
    """Changes the first statement verification it finds (verified <-> disputed,
    unverified -> verified); False if the briefing has none."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    swaps = [("verification: verified", "verification: disputed"),
             ("verification: disputed", "verification: verified"),
             ("verification: unverified", "verification: verified")]
    at = [(text.find(old), old, new) for old, new in swaps if old in text]
    if not at:
        return False
    _, old, new = min(at)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
    return True


def newest_date(files):
    """The latest top-level `date:` of the briefings."""
    latest = ""
    for path in files:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("date:"):
                    latest = max(latest, line[len("date:"):].strip())
                    break
    return latest


def add_briefing(source, n, date):
    """Copies the briefing `source` beside it as a new one: its own file name
    (so its own slug), title and top-level date."""
    with open(source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    done = set()
    for i, line in enumerate(lines):
        if line.startswith("title:") and "title" not in done:
            lines[i] = f'title: "Added briefing {n}"'
            done.add("title")
        elif line.startswith("date:") and "date" not in done:
            lines[i] = f"date: {date}"
            done.add("date")
    folder = os.path.dirname(source)
    with open(os.path.join(folder, f"zz-added-{n}.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def retag(path, n):
    """Gives the briefing at `path` one more tag, `retag-N`."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if "\ntags:\n" in text:
        text = text.replace("\ntags:\n", f'\ntags:\n  - "retag-{n}"\n', 1)
    else:
        text = text.replace("\ndate:", f'\ntags: ["retag-{n}"]\ndate:', 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def same_trees(a, b):
    run = subprocess.run(["diff", "-rq", a, b], capture_output=True, text=True)
    return run.returncode == 0, run.stdout[:2000]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("site")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work")
    args = ap.parse_args()
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = args.work or tempfile.mkdtemp(prefix="sitroom-rebuild-", dir=base)
    os.makedirs(work, exist_ok=True)
    try:
        site = os.path.join(work, "site")
        shutil.copytree(args.site, site, ignore=shutil.ignore_patterns(".sitroom"))
        out, cold = os.path.join(work, "out"), os.path.join(work, "cold")
        build = [args.binary, "build", "--root", site]
        kinds = (
            "cold", "first", "same", "edit", "title", "quote", "date", "verify", "add",
            "add2", "tag",
        )
        results = {k: [] for k in kinds}
        files = briefings(site)
        newest = newest_date(files)
        for n in range(args.rounds):
            shutil.rmtree(cold, ignore_errors=True)
            results["cold"].append(timed(build + ["--no-cache", "--output", cold]))
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(os.path.join(site, ".sitroom"), ignore_errors=True)
            results["first"].append(timed(build + ["--output", out]))
            results["same"].append(timed(build + ["--output", out]))
            edited = files[(n * 7919) % len(files)]
            with open(edited, "a", encoding="utf-8") as f:
                f.write(f"\nOne more sentence, added in round {n + 1}.\n")
            results["edit"].append(timed(build + ["--output", out]))
            retitle(files[(n * 7919 + 4999) % len(files)], n + 1)
            results["title"].append(timed(build + ["--output", out]))
            edit_statement(files[(n * 7919 + 2500) % len(files)], n + 1, "quote")
            results["quote"].append(timed(build + ["--output", out]))
            edit_statement(files[(n * 7919 + 7500) % len(files)], n + 1, "date")
            results["date"].append(timed(build + ["--output", out]))
            k = n * 7919 + 1234
            while not reverify(files[k % len(files)]):
                k += 1
            results["verify"].append(timed(build + ["--output", out]))
            add_briefing(files[(n * 7919 + 6000) % len(files)], n + 1, newest)
            results["add"].append(timed(build + ["--output", out]))
            add_briefing(files[(n * 7919 + 6500) % len(files)], 100 + n + 1, newest)
            results["add2"].append(timed(build + ["--output", out]))
            retag(files[(n * 7919 + 3000) % len(files)], n + 1)
            results["tag"].append(timed(build + ["--output", out]))
        shutil.rmtree(cold, ignore_errors=True)
        timed(build + ["--no-cache", "--output", cold])
        same, diff = same_trees(out, cold)
        cold_median = statistics.median(t for t, _ in results["cold"])
        print(f"{'build':<6} {'median s':>9} {'min-max s':>13} {'x cold':>7} {'peak MiB':>9}")
        for kind, runs in results.items():
            times = [t for t, _ in runs]
            peaks = [p / 1024 for _, p in runs]
            print(
                f"{kind:<6} {statistics.median(times):>9.2f} "
                f"{min(times):>6.2f}-{max(times):<6.2f} "
                f"{statistics.median(times) / cold_median:>7.2f} "
                f"{statistics.median(peaks):>9.0f}"
            )
        print("output after the edits equals a cold build:", "yes" if same else "NO")
        if not same:
            print(diff)
            sys.exit(1)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
