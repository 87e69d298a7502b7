"""Pictures in a real browser, from file://: portraits load, keep their room, and pass axe
and the Nu HTML Checker."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.build import Options, build
from tests.browser.test_checks import axe
from tests.test_pictures import picture_project

PAGES = ("cards/alice.html", "people.html", "articles/story.html", "credits.html")


@pytest.fixture(scope="module")
def pictures_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(Options(picture_project(tmp_path_factory.mktemp("pictures") / "p"))).output


@pytest.mark.parametrize("name", PAGES)
def test_pages_with_pictures_pass_axe_from_file_urls(browser: Any, axe_source: str,
                                                    pictures_site: Path, name: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((pictures_site / name).as_uri())
        page.evaluate("() => Promise.all([...document.images].map(i => { i.loading = 'eager';"
                      " return i.decode().catch(() => null); }))")
        images = page.evaluate("() => [...document.images].map(i => ({src: i.currentSrc,"
                               " w: i.getAttribute('width'), h: i.getAttribute('height'),"
                               " natural: i.naturalWidth}))")
        assert images
        for image in images:
            assert image["w"] and image["h"], image  # room kept: no layout shift
            assert image["natural"] > 0 and image["src"].startswith("file://"), image
        assert axe(page, axe_source) == []
        assert errors == []
    finally:
        context.close()


def test_pages_with_pictures_are_valid_html(vnu_jar: Path, pictures_site: Path) -> None:
    pages = [str(pictures_site / name) for name in PAGES]
    done = subprocess.run(["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json",
                           *pages], capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert [m["message"] for m in messages if m["type"] in ("error", "non-document-error")] == []
