"""The Ukrainian test site in a real browser: Pagefind's index for the page's language finds
a Ukrainian word, and the built-in search finds a card by a Cyrillic alias."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.build import Options, build
from tests.browser.conftest import serving
from tests.conftest import SITES, copy_project

ARTICLE = "articles/independence-1991.html"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Ukrainian test site, built with its Pagefind index and served on a free port
    (``open_page`` opens its pages)."""
    project = copy_project(SITES / "nezalezhnist", tmp_path_factory.mktemp("uk") / "p")
    with serving(build(Options(project)).output) as address:
        yield address


def test_pagefind_finds_a_ukrainian_word(open_page: Any) -> None:
    page = open_page("search.html?q=очолював")
    assert page.evaluate("document.documentElement.lang") == "uk"
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.reload()
    result = page.locator("#search-page-results .search-result").first
    result.wait_for()
    assert result.locator(".search-name").inner_text() == "Як Україна стала незалежною"
    assert result.locator("mark").first.inner_text().lower() == "очолював"
    # The index of the page's language was the one loaded.
    assert any("/pagefind/pagefind.uk_" in url for url in requests), requests


def test_built_in_search_finds_a_card_by_an_inflected_alias(open_page: Any) -> None:
    page = open_page(ARTICLE)
    page.fill("#site-search-q", "Кравчука")
    first = page.locator("#site-search-results .search-result").first
    first.wait_for()
    assert first.locator(".search-name").inner_text() == "Леонід Кравчук"
