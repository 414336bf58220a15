"""A picture of an HTML page (an audit report, say) as Chromium shows it: PNG, for docs.

    python3 scripts/screenshot.py report.html docs/images/audit-report.png --height 2600

Uses Playwright with the system's Chromium (Debian's `chromium`), no network: the page is
opened from disk and anything it would fetch is refused (a report fetches nothing).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, help="the HTML file")
    parser.add_argument("png", type=Path, help="where to write the picture")
    parser.add_argument("--width", type=int, default=1150, help="window width (pixels)")
    parser.add_argument("--height", type=int, default=0,
                        help="keep the top this many pixels (0: the whole page)")
    parser.add_argument("--chromium", default=shutil.which("chromium"),
                        help="the browser (default: chromium on the PATH)")
    options = parser.parse_args(argv)
    if not options.page.is_file():
        parser.error(f"no such file: {options.page}")
    if not options.chromium:
        parser.error("Chromium is not installed: apt-get install chromium, or pass --chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=options.chromium, args=ARGS)
        page = browser.new_page(viewport={"width": options.width, "height": 800})
        page.route("http*://**", lambda route: route.abort())
        page.goto(options.page.resolve().as_uri())
        page.wait_for_load_state("load")
        height = page.evaluate("document.documentElement.scrollHeight")
        if options.height:
            height = min(height, options.height)
        page.screenshot(path=str(options.png), full_page=True,
                        clip={"x": 0, "y": 0, "width": options.width, "height": height})
        browser.close()
    from PIL import Image  # matplotlib's dependency: a palette PNG, a third of the size

    with Image.open(options.png) as picture:
        small = picture.convert("RGB").quantize(colors=256)
    small.save(options.png, optimize=True)
    print(f"wrote {options.png} ({options.width}x{height})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
