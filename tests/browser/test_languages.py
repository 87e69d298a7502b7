"""The summit site in every shipped language besides English (which the other browser tests
cover), Arabic right to left among them, in a real browser: axe-core and the Nu HTML Checker
on every page type, the search menu and the card preview in the language, the diagrams
mirrored."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from generator.build import Options, build
from tests.browser.conftest import QuietServer, Watch, _Quiet, typed_in_menu
from tests.browser.test_checks import PAGE_TYPES, axe, vnu_errors
from tests.conftest import ROOT, SITES, copy_project
from tests.test_languages import PAGES, SHIPPED, seed_project

LANGUAGES = tuple(language for language in SHIPPED if language != "en")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The summit site built in each language."""
    out = {}
    for language in LANGUAGES:
        project = copy_project(SITES / "summit", tmp_path_factory.mktemp(language) / "p")
        config = project / "site.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "language: en-GB", f"language: {language}"), encoding="utf-8")
        out[language] = build(Options(project)).output
    return out


@contextmanager
def serve_each(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each language's site served on a free port of 127.0.0.1, for the ``with`` block."""
    running = {}
    for language, folder in sites.items():
        handler = functools.partial(_Quiet, directory=str(folder))
        httpd = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        running[language] = httpd
    yield {language: f"http://127.0.0.1:{httpd.server_address[1]}/"
           for language, httpd in running.items()}
    for httpd in running.values():
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def servers(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each language's summit site, served."""
    with serve_each(sites) as urls:
        yield urls


@pytest.fixture(scope="module")
def seed_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed site (with two pictures, see ``tests.test_languages.seed_project``) built in
    every shipped language, English included."""
    return {language: build(Options(seed_project(tmp_path_factory.mktemp(f"seed-{language}"),
                                                 language))).output
            for language in SHIPPED}


@pytest.fixture(scope="module")
def seed_servers(seed_sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each language's seed site, served at the path of its base_url (the 404 page links
    there)."""
    base = urlsplit(yaml.safe_load((ROOT / "site.yaml").read_text("utf-8"))["base_url"]).path
    roots = {}
    for language, folder in seed_sites.items():
        root = folder.parent / "served"
        (root / base.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        (root / base.strip("/")).symlink_to(folder, target_is_directory=True)
        roots[language] = root
    with serve_each(roots) as urls:
        yield {language: url + base.lstrip("/") for language, url in urls.items()}


@pytest.fixture
def visit(browser: Any, servers: dict[str, str]) -> Iterator[Any]:
    """Open a page of one language's site; console errors fail the test."""
    contexts: list[Any] = []
    watch = Watch()

    def opener(language: str, path: str, **options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        watch.attach(page)
        page.goto(servers[language] + path)
        return page

    yield opener
    for context in contexts:
        context.close()
    watch.check()


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_wcag_violations(visit: Any, axe_source: str, language: str,
                                      kind: str) -> None:
    page = visit(language, PAGE_TYPES[kind])
    if kind == "search-results":
        page.locator("#search-page-results .search-result").first.wait_for()
    assert axe(page, axe_source) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_search_menu_and_the_preview_speak_the_language(visit: Any, axe_source: str,
                                                            language: str) -> None:
    page = visit(language, PAGE_TYPES["article"], viewport={"width": 360, "height": 740})
    typed_in_menu(page, "fra")
    status = page.locator("#site-search-q ~ [role=status]").text_content() or ""
    assert "fra" in status
    assert not re.search(r"\bresults? for\b", status)  # the English sentence
    if language == "fr":
        assert "«fra»" in status.replace("\u00a0", "").replace(" ", "")  # « fra »
    assert axe(page, axe_source) == []
    page.keyboard.press("Escape")
    link = page.locator('.article .body a.mention[data-card="olaf-scholz"]').first
    link.hover()
    preview = page.locator("#card-preview")
    preview.wait_for(state="visible")
    assert axe(page, axe_source) == []
    more = preview.locator(".cp-more").text_content() or ""
    assert not more.startswith("More about")
    box, anchor = preview.bounding_box(), link.bounding_box()
    if language == "ar":  # under the start of the link: its right edge
        assert abs((box["x"] + box["width"]) - (anchor["x"] + anchor["width"])) < 2 or (
            box["x"] <= 8.5)
    else:
        assert abs(box["x"] - anchor["x"]) < 2 or box["x"] + box["width"] >= 360 - 8.5


def test_arabic_reads_right_to_left(visit: Any) -> None:
    page = visit("ar", PAGE_TYPES["timeline"])
    assert page.evaluate("document.documentElement.dir") == "rtl"
    axis = page.locator(".tl-axis").first
    svg = page.locator(".diagram-svg").first
    assert axis.bounding_box()["x"] > svg.bounding_box()["x"] + svg.bounding_box()["width"] / 2
    timeline = page.locator("ol.timeline")
    style = page.evaluate("el => getComputedStyle(el).borderRightWidth", timeline.element_handle())
    assert style == "3px"  # border-inline-start is on the right
    names = page.locator(".tl-name").first.bounding_box()
    assert names["x"] + names["width"] <= axis.bounding_box()["x"]  # text left of the line


def test_vnu_finds_no_errors_in_any_language(vnu_jar: Path, sites: dict[str, Path]) -> None:
    assert vnu_errors(vnu_jar, list(sites.values())) == []


@pytest.mark.parametrize("language", SHIPPED)
def test_the_seed_site_has_no_wcag_violations_in_each_language(
        browser: Any, axe_source: str, seed_servers: dict[str, str], language: str) -> None:
    # One page of every type the seed site has, its pictures' credits and the 404 page.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch()
    try:
        for path in PAGES:
            page = context.new_page()
            watch.attach(page)
            page.goto(seed_servers[language] + path)
            assert page.evaluate("document.documentElement.lang") == language
            assert axe(page, axe_source) == [], path
            page.close()
    finally:
        context.close()
    watch.check()


def test_vnu_finds_no_errors_in_the_seed_site_in_any_language(
        vnu_jar: Path, seed_sites: dict[str, Path]) -> None:
    assert vnu_errors(vnu_jar, list(seed_sites.values())) == []
