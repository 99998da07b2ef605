"""What every screen must hold, for every browser test to call: no axe-core violations and no
horizontal overflow (320 px included).

axe-core comes from npm (tests/browser/package.json, installed by scripts/test). It is evaluated
through the DevTools protocol, which the page's strict CSP does not govern, so the app's own
policy stays exactly as served.
"""
from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _inject(page) -> None:
    if page.evaluate("() => typeof window.axe === 'object'"):
        return
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run scripts/test (npm ci in tests/browser)")
    source = AXE.read_text(encoding="utf-8")
    # The UMD wrapper assigns window.axe when neither module nor define exist, as in the page.
    page.evaluate("() => { " + source + "\n; return typeof window.axe; }")


def axe_violations(page, *, disable: tuple[str, ...] = ()) -> list[str]:
    """Each violation as 'rule-id: target, target (help)'; an empty list when the screen passes."""
    _inject(page)
    result = page.evaluate(
        """async ([tags, disable]) => {
            const rules = Object.fromEntries(disable.map(id => [id, {enabled: false}]));
            const r = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}, rules});
            return r.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')} (${v.help})`);
        }""",
        [TAGS, list(disable)],
    )
    return result


def overflowing(page) -> list[str]:
    """Elements wider than the viewport (the page scrolls sideways): tag.class and their right edge."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const out = [];
            if (document.documentElement.scrollWidth > width) {
                for (const el of document.body.querySelectorAll('*')) {
                    const box = el.getBoundingClientRect();
                    if (box.width && box.right > width + 1 && !el.closest('[data-scroll-x]')) {
                        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(box.right)}`);
                    }
                }
                if (!out.length) out.push(`document scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
            }
            return out.slice(0, 10);
        }"""
    )


def assert_screen_ok(page, *, disable: tuple[str, ...] = ()) -> None:
    """No axe-core violation and no horizontal overflow on the screen as it is now."""
    problems = axe_violations(page, disable=disable)
    assert not problems, "axe-core violations:\n" + "\n".join(problems)
    wide = overflowing(page)
    assert not wide, "horizontal overflow:\n" + "\n".join(wide)
