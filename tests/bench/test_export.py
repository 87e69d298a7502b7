"""The Markdown export that bench/compare gives Pelican, MkDocs and Hugo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.export import Card, alias_matcher, export, link_paragraph
from bench.synth import generate

CARDS = [Card("ada", "Ada Lovelace", ("Lovelace", "the Countess"), "s", ""),
         Card("org", "Lovelace Society", (), "s", ""),
         Card("uk", "Britain", ("UK",), "s", "")]


def _link(card: str, _from_article: bool) -> str:
    return f"/c/{card}"


@pytest.mark.parametrize(("text", "expected"), [
    ("Ada Lovelace met Lovelace.", "[Ada Lovelace](/c/ada) met Lovelace."),
    ("The Lovelace Society and Lovelace.",
     "The [Lovelace Society](/c/org) and [Lovelace](/c/ada)."),
    ("The Countess left the UK.", "[The Countess](/c/ada) left the [UK](/c/uk)."),
    ("UKIP and Britains, not Britain", "UKIP and Britains, not [Britain](/c/uk)"),
    ("Lovelace Society, Lovelace Society", "[Lovelace Society](/c/org), Lovelace Society"),
])
def test_first_mention_of_each_card_in_a_paragraph_is_linked(text: str, expected: str) -> None:
    assert link_paragraph(text, alias_matcher(CARDS), _link) == expected


def _targets(page: Path) -> list[str]:
    return re.findall(r"\]\(([^)]+)\)", page.read_text(encoding="utf-8"))


def test_every_tool_gets_the_same_pages_with_links_that_resolve(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", articles=12, cards=30)
    folders = export(site, tmp_path / "md")
    resolvers = {
        "pelican": lambda page, url: page.parents[1] / url.removeprefix("{filename}/"),
        "mkdocs": lambda page, url: page.parent / url,
        "hugo": lambda page, url: (page.parent / url.replace("../", "", 1)).with_suffix(".md"),
    }
    for tool, folder in folders.items():
        pages = sorted(folder.rglob("*.md"))
        articles = [p for p in pages if p.parent.name == "articles"]
        cards = [p for p in pages if p.parent.name in ("pages", "cards")
                 and p.stem not in ("index", "_index")]
        assert (len(articles), len(cards)) == (12, 30), tool
        for article in articles:
            targets = _targets(article)
            assert len(targets) >= 20, (tool, article)  # about 25 cards are named in each
            for url in targets:
                assert resolvers[tool](article, url).resolve().is_file(), (tool, article, url)
        for card in cards:
            assert "card:" not in card.read_text(encoding="utf-8"), (tool, card)
