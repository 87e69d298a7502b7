"""Sites in other languages in a real browser: Pagefind's index for the page's language finds
a Ukrainian word, and the built-in search finds cards by a Cyrillic alias and by Turkish
letters folded by Turkish rules."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from generator.build import Options, build
from tests.browser.conftest import searched, serving, typed_in_menu
from tests.conftest import SITES, copy_project, write_files

ARTICLE = "uk/articles/independence-1991.html"
TURKISH_CARD = """\
type: place
name: {name}
summary: {summary}
as_of: 2024-01-15
sources:
  - article: a
    paragraph: 1
"""
TURKISH_SITE = {
    "site.yaml": "title: Şehirler\ndescription: Şehirler\nlanguage: tr\n"
                 "base_url: https://example.org/\n",
    "content/articles/a.yaml": "title: Şehirler\ndek: Şehirler\ndate: 2024-01-15\nseed: a.txt\n",
    "seeds/a.txt": "İstanbul ve Iğdır.\n",
    "content/cards/istanbul.yaml": TURKISH_CARD.format(
        name="İstanbul", summary="Türkiye'nin en kalabalık şehri."),
    "content/cards/igdir.yaml": TURKISH_CARD.format(
        name="Iğdır", summary="Türkiye'nin doğusunda bir il."),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Ukrainian test site (uk/, with its Pagefind index) and a small Turkish one (tr/),
    served on a free port (``open_page`` opens their pages)."""
    root = tmp_path_factory.mktemp("languages")
    ukrainian = copy_project(SITES / "nezalezhnist", root / "uk-project")
    turkish = root / "tr-project"
    write_files(turkish, TURKISH_SITE)
    served = root / "served"
    for name, project in (("uk", ukrainian), ("tr", turkish)):
        shutil.copytree(build(Options(project)).output, served / name)
    with serving(served) as address:
        yield address


def test_pagefind_finds_a_ukrainian_word(open_page: Any) -> None:
    page = open_page("uk/search.html?q=очолював")
    assert page.evaluate("document.documentElement.lang") == "uk"
    result, requests = searched(page)
    assert result.locator(".search-name").inner_text() == "Як Україна стала незалежною"
    assert result.locator("mark").first.inner_text().lower() == "очолював"
    # The index of the page's language was the one loaded.
    assert any(re.search(r"/pagefind/[0-9a-f]+/pagefind\.uk_", url) for url in requests), requests


def test_built_in_search_finds_a_card_by_an_inflected_alias(open_page: Any) -> None:
    page = open_page(ARTICLE)
    first = typed_in_menu(page, "Кравчука")
    assert first.locator(".search-name").inner_text() == "Леонід Кравчук"


@pytest.mark.parametrize(("typed", "name"), [("istanbul", "İstanbul"), ("ığdır", "Iğdır"),
                                             ("IĞDIR", "Iğdır")])
def test_built_in_search_folds_turkish_letters(open_page: Any, typed: str, name: str) -> None:
    page = open_page("tr/index.html")
    assert page.evaluate("document.documentElement.lang") == "tr"
    first = typed_in_menu(page, typed)
    assert first.locator(".search-name").inner_text() == name
