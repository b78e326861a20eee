"""Screenshots of every page of the built site (site/) at 1440, 1024 and 390 px in both colour
schemes, and the printed review as PNG pages, into .screenshots/: to look at what readers see."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

PAGES = ["", "review/", "book/", "author/", "bibliography/", "about/", "sources/review/", "sources/listing/"]
WIDTHS = [1440, 1024, 390]
SCHEMES = ["light", "dark"]


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright
    out = ROOT / ".screenshots"
    out.mkdir(exist_ok=True)
    pages = argv or PAGES
    with serve(ROOT / "site") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in SCHEMES:
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                tab = context.new_page()
                for page in pages:
                    tab.goto(url + page)
                    tab.wait_for_load_state("networkidle")
                    name = (page.strip("/") or "home") + f"-{width}-{scheme}.png"
                    tab.screenshot(path=str(out / name), full_page=True)
                    print(out / name)
                context.close()
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(url + "review/")
        tab.wait_for_load_state("networkidle")
        pdf = out / "review-print.pdf"
        tab.pdf(path=str(pdf), format="A4", print_background=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / "review-print")], check=True)
        print(pdf)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
