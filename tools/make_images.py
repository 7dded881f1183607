#!/usr/bin/env python3
"""Makes the theme's raster images from SVG with headless Chromium (run once; the
results are committed in static/):

- static/favicon.ico: static/favicon.svg at 16, 32 and 48 px, as PNG entries of one
  ICO file (browsers ask for /favicon.ico when a page does not say otherwise);
- static/og-image.png: the 1200x630 OpenGraph fallback image, the favicon's mark on
  the theme's colours, without words (it stands for any site; a site's own
  static/og-image.png replaces it).

Usage: python3 tools/make_images.py [chromium binary]   (from the repository root)
"""

import os
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATIC = os.path.join(ROOT, "static")


def screenshot(chromium, html, width, height, out):
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "page.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(html)
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                "--default-background-color=00000000",
                f"--window-size={width},{height}",
                f"--screenshot={out}",
                "file://" + page,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    with open(out, "rb") as f:
        data = f.read()
    w, h = struct.unpack(">II", data[16:24])
    if (w, h) != (width, height):
        sys.exit(f"{out}: chromium made {w}x{h}, not {width}x{height}")
    return data


def page(body, width, height, background="transparent"):
    return (
        "<!doctype html><html><head><style>html,body{margin:0;padding:0;"
        f"width:{width}px;height:{height}px;overflow:hidden;background:{background}}}"
        "svg{display:block}</style></head><body>" + body + "</body></html>"
    )


def ico(pngs):
    """An ICO file whose entries are PNG images (supported since Windows Vista and
    by every browser)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def main():
    chromium = sys.argv[1] if len(sys.argv) > 1 else "chromium"
    with open(os.path.join(STATIC, "favicon.svg"), encoding="utf-8") as f:
        svg = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        pngs = []
        for size in (16, 32, 48):
            sized = svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
            out = os.path.join(tmp, f"{size}.png")
            pngs.append((size, screenshot(chromium, page(sized, size, size), size, size, out)))
        with open(os.path.join(STATIC, "favicon.ico"), "wb") as f:
            f.write(ico(pngs))
        mark = svg.replace("<svg ", '<svg width="280" height="280" ', 1)
        og = (
            '<div style="display:flex;align-items:center;justify-content:center;'
            'gap:64px;width:1200px;height:630px;background:#f1faee">'
            + mark
            + '<svg width="520" height="280" viewBox="0 0 520 280">'
            '<g stroke="#1d3557" stroke-width="24" stroke-linecap="round" fill="none">'
            '<path d="M20 60h480M20 140h480M20 220h300"/></g>'
            '<circle cx="440" cy="220" r="22" fill="#e63946"/></svg></div>'
        )
        screenshot(
            chromium,
            page(og, 1200, 630, "#f1faee"),
            1200,
            630,
            os.path.join(STATIC, "og-image.png"),
        )


if __name__ == "__main__":
    main()
