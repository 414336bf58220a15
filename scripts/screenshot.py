"""A picture of an HTML page (an audit report, the web checker) as Chromium shows it: PNG,
for docs.

    python3 scripts/screenshot.py report.html docs/images/audit-report.png --height 2600
    python3 scripts/screenshot.py http://127.0.0.1:8750/ docs/images/checker.png \
        --select '#channel=twitter' --fill '#draft=Hey guys!' --wait-for '#findings li'

Uses Playwright with the system's Chromium (Debian's `chromium`). A file is opened from
disk, a URL as given; anything fetched from elsewhere is refused.
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
    parser.add_argument("page", help="the HTML file, or a URL")
    parser.add_argument("png", type=Path, help="where to write the picture")
    parser.add_argument("--width", type=int, default=1150, help="window width (pixels)")
    parser.add_argument("--height", type=int, default=0,
                        help="keep the top this many pixels (0: the whole page)")
    parser.add_argument("--select", action="append", default=[], metavar="SELECTOR=VALUE",
                        help="choose VALUE in a <select> first (repeatable)")
    parser.add_argument("--fill", action="append", default=[], metavar="SELECTOR=TEXT",
                        help="type TEXT into a field, then press Ctrl+Enter (repeatable)")
    parser.add_argument("--wait-for", metavar="SELECTOR",
                        help="wait until this element shows before the picture")
    parser.add_argument("--chromium", default=shutil.which("chromium"),
                        help="the browser (default: chromium on the PATH)")
    options = parser.parse_args(argv)
    if "://" in options.page:
        url = options.page
    elif Path(options.page).is_file():
        url = Path(options.page).resolve().as_uri()
    else:
        parser.error(f"no such file: {options.page}")
    origin = url.split("/", 3)[:3]
    if not options.chromium:
        parser.error("Chromium is not installed: apt-get install chromium, or pass --chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=options.chromium, args=ARGS)
        page = browser.new_page(viewport={"width": options.width, "height": 800})
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.split("/", 3)[:3] == origin else route.abort())
        page.goto(url)
        page.wait_for_load_state("networkidle")
        for choice in options.select:
            selector, value = choice.split("=", 1)
            page.select_option(selector, value)
        for field in options.fill:
            selector, text = field.split("=", 1)
            page.fill(selector, text)
            page.press(selector, "Control+Enter")
        if options.wait_for:
            page.locator(options.wait_for).first.wait_for()
            page.wait_for_load_state("networkidle")
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
