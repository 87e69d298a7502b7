"""The seed explainer: the Paris "US backstop" article and its fact cards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import BuildResult, Options, build
from tests.conftest import ROOT, copy_project, soup

EXPECTED_LINKED = {
    # people
    "keir-starmer", "donald-trump", "olaf-scholz", "emmanuel-macron", "volodymyr-zelensky",
    "mark-rutte", "pete-hegseth", "donald-tusk", "antonio-costa",
    # organisations and media
    "nato", "trump-administration", "tribune-online",
    # places
    "ukraine", "russia", "united-states", "paris", "elysee-palace", "saudi-arabia", "france",
    "germany", "italy", "spain", "netherlands", "kyiv", "europe", "poland",
    # concepts
    "us-backstop", "security-guarantees", "ukraine-peace-deal", "peace-negotiations",
    "ukraine-nato-membership", "pre-2014-borders", "european-defence-responsibility",
    "european-troops-for-ukraine", "transatlantic-relations",
    # events
    "paris-meeting", "riyadh-talks", "starmer-washington-visit", "annexation-of-crimea",
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    project = tmp_path_factory.mktemp("seed") / "site"
    project.mkdir()
    for name in ("site.yaml", "content", "seeds"):
        source = ROOT / name
        if source.is_dir():
            copy_project(source, project / name)
        else:
            (project / name).write_bytes(source.read_bytes())
    result = build(Options(project))
    return result, result.output


def article(out: Path) -> BeautifulSoup:
    return soup(out / "articles" / "paris-us-backstop.html")


def test_builds_without_warnings(seed: tuple[BuildResult, Path]) -> None:
    result, _ = seed
    assert [d.format() for d in result.diagnostics] == []


def test_linked_cards(seed: tuple[BuildResult, Path]) -> None:
    body = article(seed[1]).select_one(".article .body")
    assert body is not None
    assert {a["data-card"] for a in body.select("a.mention")} == EXPECTED_LINKED


def test_no_wrong_donald(seed: tuple[BuildResult, Path]) -> None:
    body = article(seed[1]).select_one(".article .body")
    assert body is not None
    for link in body.select("a.mention"):
        text = link.get_text()
        if "Trump" in text:
            assert link["data-card"] in ("donald-trump", "trump-administration")
        if "Tusk" in text:
            assert link["data-card"] == "donald-tusk"
        assert text != "Donald"


def test_every_quoted_passage_is_attributed(seed: tuple[BuildResult, Path]) -> None:
    text = (ROOT / "seeds" / "000_83553aaa419a5b26.txt").read_text(encoding="utf-8")
    passages = re.findall(r"“([^”]+)”", text)
    assert len(passages) == 16
    page = soup(seed[1] / "quotes.html")
    quoted = [q.get_text().strip() for q in page.select("blockquote p")]
    for passage in passages:
        core = passage.strip(" ,.")
        assert any(core in q or q in core for q in quoted), passage
    # marked up as quotations that cite their paragraph
    for quote in page.select("blockquote"):
        assert re.fullmatch(r"articles/paris-us-backstop\.html#p\d+", quote["cite"])


def test_person_pages_show_their_quotes(seed: tuple[BuildResult, Path]) -> None:
    out = seed[1]
    scholz = soup(out / "cards" / "olaf-scholz.html")
    assert [q.get_text().strip() for q in scholz.select(".quotes blockquote p")] == [
        "completely premature"]
    tusk = soup(out / "cards" / "donald-tusk.html")
    assert "new stage" in [q.get_text().strip() for q in tusk.select(".quotes blockquote p")]


def test_role_ended_after_the_article_is_shown_as_ended(seed: tuple[BuildResult, Path]) -> None:
    page = soup(seed[1] / "cards" / "olaf-scholz.html")
    then_now = page.select_one(".then-now")
    assert then_now is not None
    text = " ".join(then_now.get_text().split())
    assert "Chancellor of Germany" in text
    assert "ended on 6 May 2025" in text
    ended = [li.get_text() for li in page.select(".roles li.ended")]
    assert any("Chancellor of Germany" in li for li in ended)


def test_cards_show_facts_as_of_and_sources(seed: tuple[BuildResult, Path]) -> None:
    for path in sorted((seed[1] / "cards").glob("*.html")):
        page = soup(path)
        assert page.select_one(".as-of") is not None, path.name
        assert page.select(".sources li"), path.name


def test_role_phrase_links_only_while_the_role_is_held(seed: tuple[BuildResult, Path]) -> None:
    body = article(seed[1]).select_one(".article .body")
    assert body is not None
    links = {a.get_text(): a["data-card"] for a in body.select("a.mention")}
    assert links["the UK prime minister"] == "keir-starmer"
    assert links["the president of the European Council"] == "antonio-costa"


def test_seed_site_passes_the_publishing_gate(seed: tuple[BuildResult, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    project = seed[1].parent
    assert main(["-C", str(project), "check"]) == 0, capsys.readouterr().err
