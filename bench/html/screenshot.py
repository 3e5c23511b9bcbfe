"""Render a report JSON to HTML and take a PNG screenshot of it with headless Chromium.

    python bench/html/screenshot.py REPORT.json -o docs/report.png [--html report.html] [--width 1400 --height 1800]

Uses the system browser (Debian's ``chromium``); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tqcheck.report.html import render_html  # noqa: E402

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    sys.exit("screenshot: no chromium found (apt-get install -y chromium)")


def screenshot(html_path: Path, png_path: Path, width: int, height: int) -> None:
    """Run headless Chromium once on a local file and write a PNG of the first ``width`` x ``height`` pixels."""
    with tempfile.TemporaryDirectory(prefix="tqcheck-shot-") as profile:
        cmd = [find_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={profile}", f"--window-size={width},{height}",
               f"--screenshot={png_path.resolve()}", html_path.resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path, help="a tqcheck.report/1 JSON file")
    ap.add_argument("-o", "--output", type=Path, required=True, help="the PNG to write")
    ap.add_argument("--html", type=Path, help="also keep the rendered HTML here")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=1800)
    args = ap.parse_args()
    page = render_html(json.loads(args.report.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory(prefix="tqcheck-html-") as tmp:
        html_path = args.html or Path(tmp) / "report.html"
        html_path.write_text(page, encoding="utf-8")
        screenshot(html_path, args.output, args.width, args.height)
    print(f"wrote {args.output} ({args.output.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
