"""Whole sites in other scripts: Ukrainian (tests/sites/nezalezhnist), Greek, Arabic and
Turkish, built into temporary folders and read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.authoring.aliases import alias_warnings
from generator.build import Options, build
from generator.load.articles import load_articles
from generator.load.cards import load_cards
from generator.markup.linking import build_matcher
from generator.markup.markdown import make_parser
from generator.project import Project
from generator.resolve.site import article_matcher
from tests.conftest import SITES, copy_project, soup, write_files

UKRAINIAN_MENTIONS = [  # every mention of a card in the article, by paragraph
    [("Верховна Рада", "verkhovna-rada"), ("Києві", "kyiv"),
     ("Акт проголошення незалежності України", "independence-act")],
    [("всеукраїнський референдум", "referendum-1991"), ("України", "ukraine"),
     ("Леоніда Кравчука", "leonid-kravchuk")],
    [("Леонід Кравчук", "leonid-kravchuk")],
    [("Україні", "ukraine"), ("День Незалежності", "independence-day")],
]


@pytest.fixture(scope="module")
def ukrainian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(SITES / "nezalezhnist", tmp_path_factory.mktemp("uk") / "p")
    return build(Options(project)).output


def mentions(page: Path) -> list[list[tuple[str, str]]]:
    """The linked mentions of each numbered paragraph of an article page."""
    html = soup(page)
    return [[(a.get_text(), str(a["data-card"])) for a in p.select("a.mention")]
            for p in html.select("article p[id^=p]")]


def test_every_mention_in_the_ukrainian_article_is_linked(ukrainian: Path) -> None:
    assert mentions(ukrainian / "articles" / "independence-1991.html") == UKRAINIAN_MENTIONS


def test_a_ukrainian_card_lists_its_inflected_mentions(ukrainian: Path) -> None:
    page = soup(ukrainian / "cards" / "leonid-kravchuk.html")
    assert [m.get_text() for m in page.select(".backlinks mark")] == [
        "Леоніда Кравчука", "Леонід Кравчук"]


def test_every_page_is_in_ukrainian_and_pagefind_indexed_it_so(ukrainian: Path) -> None:
    pages = sorted(ukrainian.rglob("*.html"))
    assert pages
    for page in pages:
        root = soup(page).find("html")
        assert root is not None and root.get("lang") == "uk", page
    entries = [json.loads(p.read_text("utf-8"))
               for p in ukrainian.glob("pagefind/*/pagefind-entry.json")]
    assert entries and all(list(entry["languages"]) == ["uk"] for entry in entries)
    indexed = len(list(ukrainian.glob("articles/*.html"))) + len(list(
        ukrainian.glob("cards/*.html")))
    assert sum(entry["languages"]["uk"]["page_count"] for entry in entries) == indexed


def test_the_ukrainian_article_shows_a_ukrainian_date(ukrainian: Path) -> None:
    page = soup(ukrainian / "articles" / "independence-1991.html")
    shown = page.select_one("article time[datetime='2021-08-24']")
    assert shown is not None
    assert "серпня" in shown.get_text()  # 24 серпня 2021


SMALL_SITE = """\
title: {title}
description: {title}
language: {language}
base_url: https://example.org/
link_mentions: every
"""
ARTICLE = """\
title: {title}
dek: {title}
date: 2024-01-15
seed: a.txt
"""


def small_site(root: Path, language: str, cards: dict[str, tuple[str, list[str]]],
               text: str) -> list[list[tuple[str, str]]]:
    """Build a one-article site in ``language`` and return the article's linked mentions."""
    files = {"site.yaml": SMALL_SITE.format(title="T", language=language),
             "content/articles/a.yaml": ARTICLE.format(title="T"),
             "seeds/a.txt": text}
    for card, (name, aliases) in cards.items():
        files[f"content/cards/{card}.yaml"] = (
            f"type: place\nname: {json.dumps(name, ensure_ascii=False)}\n"
            f"aliases: {json.dumps(aliases, ensure_ascii=False)}\nsummary: S.\n"
            "as_of: 2024-01-15\nsources:\n  - article: a\n    paragraph: 1\n")
    write_files(root, files)
    output = build(Options(root)).output
    root_tag = soup(output / "index.html").find("html")
    assert root_tag is not None and root_tag.get("lang") == language
    return mentions(output / "articles" / "a.html")


def test_greek_site(tmp_path: Path) -> None:
    cards = {"athens": ("Αθήνα", ["Αθήνας"]), "greece": ("Ελλάδα", ["Ελλάδας"])}
    text = "Στην Αθήνα, πρωτεύουσα της Ελλάδας. Οι Αθηναίοι «Αθήνας»;\n"
    assert small_site(tmp_path, "el", cards, text) == [
        [("Αθήνα", "athens"), ("Ελλάδας", "greece"), ("Αθήνας", "athens")]]


def test_arabic_site(tmp_path: Path) -> None:
    cards = {"cairo": ("القاهرة", []), "egypt": ("مصر", [])}
    text = "وصل الوفد إلى القاهرة، ثم غادر من القاهرية إلى بالقاهرة وبمصر والمصري.\n"
    assert small_site(tmp_path, "ar", cards, text) == [
        [("القاهرة", "cairo"), ("بالقاهرة", "cairo"), ("وبمصر", "egypt")]]


def test_turkish_site(tmp_path: Path) -> None:
    cards = {"istanbul": ("İstanbul", []), "war": ("iç savaş", [])}
    text = "İstanbul'da, ISTANBUL ve istanbul. İç savaş; Iç savaş.\n"
    assert small_site(tmp_path, "tr", cards, text) == [
        [("İstanbul", "istanbul"), ("İç savaş", "war")]]


@pytest.mark.parametrize(("language", "warned"), [("tr", True), ("en", False)])
def test_alias_warnings_fold_case_by_the_language(tmp_path: Path, language: str,
                                                  warned: bool) -> None:
    cards = {"inci": ("İnci", [])}
    small_site(tmp_path, language, cards, "Denizde bir inci buldu. İnci geldi.\n")
    project = Project(tmp_path)
    loaded, _ = load_cards(project)
    articles, _ = load_articles(project, make_parser(), False)
    shared, _ = build_matcher(((n, c.id) for c in loaded for n in c.all_names), language)
    found = [d.message for d in alias_warnings(loaded, articles,
                                               lambda a: article_matcher(a, shared, []),
                                               language) if d.code == "alias-common-word"]
    # In Turkish the small letter of İ is i: "İnci" is also the ordinary word "inci".
    assert bool(found) is warned
    assert all("('inci' is in a, paragraph 1)" in message for message in found)


def test_changing_the_language_relinks_on_a_cached_build(tmp_path: Path) -> None:
    cards = {"war": ("iç savaş", [])}
    assert small_site(tmp_path, "en", cards, "İç savaş başladı.\n") == [[]]
    site = tmp_path / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("language: en", "language: tr"), "utf-8")
    result = build(Options(tmp_path))  # the build cache of the first build is there
    assert mentions(result.output / "articles" / "a.html") == [[("İç savaş", "war")]]
