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
    "nato", "trump-administration", "tribune-online", "x-social-network",
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
        "completely premature."]  # as the article quotes it: “completely premature.”
    tusk = soup(out / "cards" / "donald-tusk.html")
    assert "new stage" in [q.get_text().strip() for q in tusk.select(".quotes blockquote p")]


def test_role_ended_after_the_article_is_shown_as_ended(seed: tuple[BuildResult, Path]) -> None:
    page = soup(seed[1] / "cards" / "olaf-scholz.html")
    then_now = page.select_one(".then-now")
    assert then_now is not None
    text = " ".join(then_now.get_text().split())
    # Friedrich Merz's card holds the office from that day, so he is named as successor.
    assert ("Since then: Chancellor of Germany until 6 May 2025, succeeded by Friedrich "
            "Merz.") in text
    assert "ended on" not in text
    ended = [li.get_text() for li in page.select(".roles li.ended")]
    assert any("Chancellor of Germany" in li for li in ended)


def _roles(page: Path) -> dict[str, str]:
    """Each listed card's name and the role line shown with it."""
    found = {}
    for item in soup(page).select(".card-item, .quotes-page section"):
        name, role = item.select_one("a"), item.select_one(".role")
        if name is not None and role is not None:
            found[name.get_text(strip=True)] = " ".join(role.get_text().split())
    return found


def test_site_wide_pages_show_roles_held_now(seed: tuple[BuildResult, Path]) -> None:
    for page in ("people.html", "quotes.html"):
        roles = _roles(seed[1] / page)
        assert roles["Olaf Scholz"] == "former Chancellor of Germany (until 6 May 2025)", page
        assert roles["Keir Starmer"].startswith("Prime Minister of the United Kingdom"), page
    people = _roles(seed[1] / "people.html")
    assert people["Dick Schoof"] == ("former Prime Minister of the Netherlands "
                                     "(until 23 February 2026)")


def test_article_shows_roles_on_its_date_marked_when_ended(
        seed: tuple[BuildResult, Path]) -> None:
    roles = _roles(seed[1] / "articles" / "paris-us-backstop.html")
    assert roles["Olaf Scholz"] == "Chancellor of Germany (at the time; until 6 May 2025)"
    assert roles["Mark Rutte"] == "Secretary General of NATO"


def test_people_who_attended_in_an_office_are_grouped_under_it(
        seed: tuple[BuildResult, Path]) -> None:
    groups = {}
    for group in soup(seed[1] / "people.html").select("svg g.ww-group"):
        label = group.select_one(".ww-label")
        assert label is not None
        groups[label.get_text(" ", strip=True)] = group.get_text(" ", strip=True)
    nato = groups["NATO"]
    assert "Mark Rutte" in nato


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


def test_backstop_quote_is_placed_where_it_is_quoted(seed: tuple[BuildResult, Path]) -> None:
    page = soup(seed[1] / "cards" / "keir-starmer.html")
    placed = {" ".join(f.select_one("blockquote").get_text().split()):
              f.select_one("figcaption").get_text() for f in page.select("figure.quote")}
    assert "paragraph 4" in placed["backstop"]
    assert "paragraph 1" in placed["US backstop"]


def test_summaries_link_the_paris_meeting_not_the_city(seed: tuple[BuildResult, Path]) -> None:
    summary = soup(seed[1] / "cards" / "dick-schoof.html").select_one(".card .summary")
    assert summary is not None
    links = {a.get_text(): a["data-card"] for a in summary.select("a.mention")}
    assert links.get("Paris meeting") == "paris-meeting" and "Paris" not in links


def test_x_is_linked_only_where_the_article_says_posted_on_x(
        seed: tuple[BuildResult, Path]) -> None:
    body = article(seed[1]).select_one(".article .body")
    assert body is not None
    assert [a.get_text() for a in body.select('a[data-card="x-social-network"]')] == [
        "posted on X"]
