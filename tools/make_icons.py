#!/usr/bin/env python3
"""Render the app icons (PNG) from the SVGs in pwa/app/icons/ with the headless Chromium the
browser tests use (Python playwright + Debian's chromium); no network, no image library.

    .venv/bin/python tools/make_icons.py

Writes icon-192/512.png (rounded, purpose "any"), maskable-192/512.png (full bleed, the logo
inside the 80 % safe zone), apple-touch-icon.png (180, full bleed) and badge-96.png (white on
transparent, for the notification badge).
"""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parent.parent / "pwa" / "app" / "icons"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


def badge(icon_svg: str) -> str:
    """The icon's vertebrae in white on transparent (Android tints the badge itself)."""
    body = re.sub(r'<rect width="512" height="512"[^>]*/>', "", icon_svg)
    return body.replace(' fill="#bfe3dd"', "")


def render(page, svg: str, size: int, out: Path, transparent: bool = False) -> None:
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(f"<html><body style='margin:0;background:transparent'>"
                     f"<div style='width:{size}px;height:{size}px'>{svg.replace('<svg ', f'<svg width={size} height={size} ', 1)}"
                     f"</div></body></html>")
    page.screenshot(path=str(out), omit_background=transparent, clip={"x": 0, "y": 0, "width": size, "height": size})
    print(f"wrote {out.name}")


def main() -> None:
    icon = (ICONS / "icon.svg").read_text()
    maskable = (ICONS / "maskable.svg").read_text()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        for size in (192, 512):
            render(page, icon, size, ICONS / f"icon-{size}.png", transparent=True)
            render(page, maskable, size, ICONS / f"maskable-{size}.png")
        render(page, maskable, 180, ICONS / "apple-touch-icon.png")
        render(page, badge(icon), 96, ICONS / "badge-96.png", transparent=True)
        browser.close()


if __name__ == "__main__":
    main()
