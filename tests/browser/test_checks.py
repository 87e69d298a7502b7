"""Accessibility (axe-core, WCAG 2.2 A and AA) and HTML validity (the Nu HTML Checker)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import typed_in_menu

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGE_TYPES = {
    "home": "index.html",
    "article": "articles/paris-meeting.html",
    "person": "cards/olaf-scholz.html",
    "event": "cards/munich-security-conference-2025.html",
    "place": "cards/paris.html",
    "people": "people.html",
    "organisations": "organisations.html",
    "places": "places.html",
    "glossary": "glossary.html",
    "timeline": "timeline.html",
    "quotes": "quotes.html",
    "search": "search.html",
    "search-results": "search.html?q=paris",
}


def axe(page: Any, source: str) -> list[str]:
    """Run axe-core on the page; one line per violation and element."""
    page.evaluate(source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {n['target']}"
            for v in result["violations"] for n in v["nodes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_axe_finds_no_wcag_violations(open_page: Any, axe_source: str, kind: str,
                                      scheme: str) -> None:
    page = open_page(PAGE_TYPES[kind], color_scheme=scheme)
    if kind == "search-results":
        page.locator("#search-page-results .search-result").first.wait_for()
    assert axe(page, axe_source) == []


def test_axe_with_preview_and_search_menu_open(open_page: Any, axe_source: str) -> None:
    page = open_page(PAGE_TYPES["article"], viewport={"width": 360, "height": 740})
    typed_in_menu(page, "fra")
    assert axe(page, axe_source) == []
    page.keyboard.press("Escape")
    page.hover('.article .body a.mention[data-card="olaf-scholz"]')
    page.locator("#card-preview").wait_for(state="visible")
    assert axe(page, axe_source) == []


def vnu_errors(jar: Path, sites: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors on every page of ``sites``, one line each."""
    pages = sorted(str(p) for site in sites for p in site.rglob("*.html"))
    assert len(pages) > 40
    done = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json",
                           *pages], capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    problems = [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}"
                for m in messages if m["type"] in ("error", "non-document-error")]
    return problems or ([] if done.returncode == 0 else [f"exit status {done.returncode}"])


def test_vnu_finds_no_errors_on_any_page(vnu_jar: Path, summit: Path, tunnel: Path) -> None:
    assert vnu_errors(vnu_jar, [summit, tunnel]) == []


def test_the_checkers_do_report_problems(open_page: Any, axe_source: str, vnu_jar: Path,
                                         tmp_path: Path) -> None:
    page = open_page(PAGE_TYPES["home"])
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend',"
                  " '<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">"
                  "<p style=\"color:#eee\">faint</p>')")
    found = axe(page, axe_source)
    assert any(line.startswith("image-alt") for line in found)
    assert any(line.startswith("color-contrast") for line in found)
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>x</div></p>")
    done = subprocess.run(["java", "-jar", str(vnu_jar), "--errors-only", str(broken)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode != 0 and "No “p” element in scope" in done.stderr
