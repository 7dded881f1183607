#!/usr/bin/env python3
"""Page budgets: the largest HTML page of each kind in a built site, by bytes and by
element count (start tags, counted with html.parser).

Usage: python3 bench/page_budget.py OUTPUT_DIR [--max-bytes 256000] [--max-elements 3000]
Exits 1 if any page is over either budget. Standard library only.
"""

import argparse
import os
import re
import sys
from html.parser import HTMLParser


class Counter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = 0

    def handle_starttag(self, tag, attrs):
        self.elements += 1

    def handle_startendtag(self, tag, attrs):
        self.elements += 1


# Page kinds by path (first match wins), most specific first.
KINDS = [
    ("archive-month", r"^archive/\d+/\d+/"),
    ("archive-year", r"^archive/\d+/"),
    ("archive", r"^archive/"),
    ("timeline-year", r"^timeline/\d+/"),
    ("timeline", r"^timeline/"),
    ("actor-year", r"^actors/[^/]+/\d+/"),
    ("actor", r"^actors/[^/]+/"),
    ("actors", r"^actors/"),
    ("actors-letter", r"^actors-by-letter/"),
    ("briefing", r"^briefings/"),
    ("tag", r"^tags/[^/]+/"),
    ("tags", r"^tags/"),
    ("index", r"^(page/\d+/)?index\.html$"),
    ("contacts", r"^contacts/"),
    ("corrections", r"^corrections/"),
    ("search", r"^search/"),
    ("404", r"^404\.html$"),
]


def kind_of(rel):
    for kind, pattern in KINDS:
        if re.match(pattern, rel):
            return kind
    return "page"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--max-bytes", type=int, default=250 * 1024)
    ap.add_argument("--max-elements", type=int, default=3000)
    args = ap.parse_args()
    largest = {}  # kind -> [count, (bytes, path), (elements, path)]
    over = []
    for root, _, files in os.walk(args.out):
        for name in files:
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, args.out).replace(os.sep, "/")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            size = len(text.encode("utf-8"))
            c = Counter()
            c.feed(text)
            kind = kind_of(rel)
            k = largest.setdefault(kind, [0, (0, ""), (0, "")])
            k[0] += 1
            k[1] = max(k[1], (size, rel))
            k[2] = max(k[2], (c.elements, rel))
            if size > args.max_bytes or c.elements > args.max_elements:
                over.append((rel, size, c.elements))
    print(f"| kind | pages | largest (bytes) | page | most elements | page |")
    print(f"|---|---:|---:|---|---:|---|")
    for kind in sorted(largest):
        n, (b, bp), (e, ep) = largest[kind]
        print(f"| {kind} | {n} | {b:,} | {bp} | {e:,} | {ep} |")
    print(f"\n{len(over)} page(s) over budget ({args.max_bytes:,} bytes, {args.max_elements:,} elements)")
    for rel, size, n in sorted(over)[:20]:
        print(f"  {rel}: {size:,} bytes, {n:,} elements")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
