#!/usr/bin/env python3
"""Random edits against the build cache: after each, a build with the cache must write
exactly what a cold build (`--no-cache`) writes.

The tests check the build cache edit by edit, each on a small site made for it. This
script throws a seeded random sequence of everyday edits at a copy of a real-sized site
and compares every cached build with a cold one, file for file, so a key that leaves
something out (a page kept that should change, a chunk copied that moved) shows up as a
difference even where no test thought to look.

Edits, one per step, each on a random briefing or statement:
  title     a briefing's title changes
  summary   a briefing's summary changes
  bdate     a briefing's own date moves by some days
  tag       a briefing gains a tag, or loses its first
  body      a paragraph is added to a briefing's body
  quote     a statement's quote changes
  sdate     a statement's date moves by some days
  verify    a statement's verification changes
  dispute   a statement gets an id and another one disputes it
  add       a copy of a briefing is added under a new name and date
  delete    a briefing is deleted (skipped if the site then fails to build)
  actor     an actor's name changes
  drop      a briefing's last statement is removed

An edit after which the cold build fails is undone and the step skipped. Every
`--verify-every`th step the cached build also runs with `SITROOM_VERIFY_CACHE=1`, under
which the build renders what its fast keys keep and fails on a difference.

Usage: python3 bench/cache_stress.py BINARY SITE_DIR [--steps 40] [--seed 1]
         [--verify-every 5] [--edits 1] [--work DIR]
With `--edits K`, each step makes between 1 and K edits before building.
SITE_DIR is copied (it is never written); DIR (default: a new folder under /dev/shm or the
temp folder) holds the copy and both outputs and is deleted at the end unless a step
failed. Exit status 1 if any cached build differed from the cold one. Standard library
only.
"""

import argparse
import datetime
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

KINDS = ("title", "summary", "bdate", "tag", "body", "quote", "sdate", "verify",
         "dispute", "add", "delete", "actor", "drop", "source", "speaker")


def build(binary, site, out, cold=False, verify=False):
    """Runs one build; returns (ok, stderr)."""
    cmd = [binary, "build", "--root", site, "--output", out]
    if cold:
        cmd.append("--no-cache")
    env = dict(os.environ)
    env.pop("SITROOM_VERIFY_CACHE", None)
    if verify:
        env["SITROOM_VERIFY_CACHE"] = "1"
    run = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return run.returncode == 0, run.stderr


def differences(a, b):
    run = subprocess.run(["diff", "-rq", a, b], capture_output=True, text=True)
    return run.stdout.strip()


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def shift(date_text, days):
    """`date_text` (YYYY-MM-DD with an optional ? or ~) moved by `days`; None otherwise."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})([?~%]?)", date_text)
    if not m:
        return None
    day = datetime.date(int(m[1]), int(m[2]), int(m[3])) + datetime.timedelta(days=days)
    return day.isoformat() + m[4]


class Site:
    def __init__(self, root, rng):
        self.root = root
        self.rng = rng
        self.n = 0

    def briefings(self):
        return sorted(glob.glob(os.path.join(self.root, "content", "briefings", "*.md")))

    def actors(self):
        return sorted(glob.glob(os.path.join(self.root, "content", "actors", "*.md")))

    def pick(self):
        return self.rng.choice(self.briefings())

    def word(self):
        self.n += 1
        return f"Stress{self.n}"

    def edit_line(self, path, pattern, change):
        """Applies `change` to one random line matching `pattern`; False if none does."""
        lines = read(path).split("\n")
        hits = [i for i, l in enumerate(lines) if re.search(pattern, l)]
        if not hits:
            return False
        i = self.rng.choice(hits)
        new = change(lines[i])
        if new is None or new == lines[i]:
            return False
        lines[i] = new
        write(path, "\n".join(lines))
        return True

    def title(self, path):
        return self.edit_line(path, r"^title: ", lambda l: f'title: "{self.word()} {l[7:].strip(chr(34))}"')

    def summary(self, path):
        return self.edit_line(path, r"^summary: ", lambda l: f'summary: "{self.word()} summary."')

    def bdate(self, path):
        days = self.rng.choice([-40, -3, 2, 30, 400])
        return self.edit_line(path, r"^date: \d", lambda l: (lambda d: d and f"date: {d}")(shift(l[6:].strip(), days)))

    def tag(self, path):
        text = read(path)
        if self.rng.random() < 0.5 and "\ntags:\n  - " in text:
            text = re.sub(r"\ntags:\n  - [^\n]*", "\ntags:", text, count=1)
            text = text.replace("\ntags:\n", "\ntags: []\n", 1) if re.search(r"\ntags:\n(?!  - )", text) else text
        elif "\ntags:\n" in text:
            text = text.replace("\ntags:\n", f'\ntags:\n  - "{self.rng.choice(["stress", "ceasefire", self.word().lower()])}"\n', 1)
        else:
            return False
        write(path, text)
        return True

    def body(self, path):
        write(path, read(path).rstrip("\n") + f"\n\n{self.word()} adds a paragraph.\n")
        return True

    def quote(self, path):
        return self.edit_line(path, r"^    quote: ", lambda l: f'    quote: "{self.word()} said so."')

    def sdate(self, path):
        days = self.rng.choice([-400, -20, -1, 1, 5, 45])
        def change(l):
            d = shift(l.split("date: ", 1)[1].strip(), days)
            return d and f"    date: {d}"
        return self.edit_line(path, r"^    date: \d{4}-\d{2}-\d{2}[?~%]?$", change)

    def verify(self, path):
        states = ["verified", "unverified", "disputed"]
        return self.edit_line(path, r"^    verification: ", lambda l: f"    verification: {self.rng.choice(states)}")

    def source(self, path):
        """A statement's source: its outlet or address changed, or written as the
        id of one of the briefing's `sources:` when it has them."""
        def change(l):
            ids = re.findall(r"\n  - \{?id: ([a-z0-9-]+)", read(path))
            if ids and self.rng.random() < 0.3:
                return f"    source: {self.rng.choice(ids)}"
            if self.rng.random() < 0.5:
                return re.sub(r'outlet: "[^"]*"', f'outlet: "{self.word()}"', l)
            return re.sub(r'url: "([^"]*)"', lambda m: f'url: "{m[1]}-{self.word().lower()}"', l)
        return self.edit_line(path, r"^    source: ", change)

    def speaker(self, path):
        """A statement's speaker: another of the site's actors."""
        actor = os.path.basename(self.rng.choice(self.actors()))[:-3]
        return self.edit_line(path, r"^  - speaker: ", lambda l: f"  - speaker: {actor}")

    def dispute(self, path):
        other = self.pick()
        if other == path:
            return False
        ident = self.word().lower()
        text = read(path)
        if "\n  - speaker: " not in text:
            return False
        text = text.replace("\n  - speaker: ", f"\n  - id: {ident}\n    speaker: ", 1)
        write(path, text)
        theirs = read(other)
        if "\n  - speaker: " not in theirs:
            return True
        theirs = theirs.replace("\n  - speaker: ", f"\n  - disputes: [{ident}]\n    speaker: ", 1)
        write(other, theirs)
        return True

    def add(self, path):
        text = read(path)
        days = self.rng.choice([-3000, -200, 0, 3])
        text = re.sub(r"^title: .*$", f'title: "Added {self.word()}"', text, count=1, flags=re.M)
        text = re.sub(r"^date: (\S+)$", lambda m: f"date: {shift(m[1], days) or m[1]}", text, count=1, flags=re.M)
        # Ids must stay unique: the copy's statements lose theirs.
        text = re.sub(r"^  - id: \S+\n    ", "  - ", text, flags=re.M)
        name = os.path.join(os.path.dirname(path), f"zz-{self.word().lower()}.md")
        write(name, text)
        return True

    def delete(self, path):
        os.remove(path)
        return True

    def actor(self, _path):
        path = self.rng.choice(self.actors())
        return self.edit_line(path, r"^name: ", lambda l: f'name: "{self.word()} {l[6:].strip(chr(34))}"')

    def drop(self, path):
        text = read(path)
        starts = [m.start() for m in re.finditer(r"\n  - (speaker|id|disputes): ", text)]
        end = text.find("\n---", 4)
        if len(starts) < 2 or end < 0:
            return False
        write(path, text[:starts[-1]] + text[end:])
        return True


def snapshot(root):
    """Every content file's text, to undo an edit."""
    files = {}
    for path in glob.glob(os.path.join(root, "content", "**", "*.md"), recursive=True):
        files[path] = read(path)
    return files


def restore(root, files):
    for path in glob.glob(os.path.join(root, "content", "**", "*.md"), recursive=True):
        if path not in files:
            os.remove(path)
    for path, text in files.items():
        write(path, text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("site")
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--verify-every", type=int, default=5)
    ap.add_argument("--edits", type=int, default=1,
                    help="up to this many edits a step (how many is random)")
    ap.add_argument("--work")
    args = ap.parse_args()
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = args.work or tempfile.mkdtemp(prefix="sitroom-stress-", dir=base)
    os.makedirs(work, exist_ok=True)
    root, out, cold = (os.path.join(work, d) for d in ("site", "out", "cold"))
    shutil.copytree(args.site, root, ignore=shutil.ignore_patterns(".sitroom"))
    rng = random.Random(args.seed)
    site = Site(root, rng)

    def give_up(message):
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
        sys.exit(message)

    if not site.briefings():
        give_up(f"no briefings under {args.site}/content/briefings: name the site's folder "
                "(the one holding site.yaml)")
    ok, err = build(args.binary, root, out)
    if not ok:
        give_up(f"the site does not build:\n{err}")
    failed = 0
    for step in range(1, args.steps + 1):
        before = snapshot(root)
        done = []
        for _ in range(rng.randint(1, max(1, args.edits))):
            kind = rng.choice(KINDS)
            path = site.pick()
            if getattr(site, kind)(path):
                done.append((kind, os.path.basename(path)))
        if not done:
            print(f"{step:3} (nothing to edit)")
            continue
        kind = "+".join(k for k, _ in done)
        path = done[0][1]
        shutil.rmtree(cold, ignore_errors=True)
        cold_ok, cold_err = build(args.binary, root, cold, cold=True)
        if not cold_ok:
            restore(root, before)
            print(f"{step:3} {kind:8} undone: {cold_err.strip().splitlines()[0][:100]}")
            continue
        verify = args.verify_every > 0 and step % args.verify_every == 0
        ok, err = build(args.binary, root, out, verify=verify)
        what = os.path.basename(path)
        if not ok:
            failed += 1
            print(f"{step:3} {kind:8} {what}: the cached build FAILED{' (verifying)' if verify else ''}:\n{err[-2000:]}")
            continue
        diff = differences(out, cold)
        if diff:
            failed += 1
            print(f"{step:3} {kind:8} {what}: DIFFERS from the cold build:\n{diff[:2000]}")
        else:
            print(f"{step:3} {kind:8} {what}: same{' (verified)' if verify else ''}")
    if failed:
        print(f"{failed} step(s) failed; the work folder is kept: {work}")
        sys.exit(1)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    print("every cached build was the cold build")


if __name__ == "__main__":
    main()
