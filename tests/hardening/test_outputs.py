"""Text outputs are rendered as text, XML outputs as well-formed XML; card links must name a
card."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.cli import main
from tests.hardening.conftest import CAROL, put, run_build

pytestmark = pytest.mark.hostile

SITE = "title: Base\ndescription: x\nbase_url: '{}'\n"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("url", ["https://example.org/o'brien/", "https://example.org/a&b/",
                                 'https://example.org/"q"/', "https://example.org/<x>/"])
def test_robots_txt_is_text(project: Path, capsys: pytest.CaptureFixture[str], url: str) -> None:
    put(project, {"site.yaml": SITE.format(url.replace("'", "''"))})
    assert run_build(project, capsys).status == 0
    robots = (project / "public/robots.txt").read_text()
    assert f"Sitemap: {url}sitemap.xml" in robots
    assert "&#" not in robots and "&amp;" not in robots


@pytest.mark.parametrize("text", ["O'Brien & <Sons>", "\"quoted\" ]]> & more", "a\tb"])
def test_feed_and_sitemap_are_xml(project: Path, capsys: pytest.CaptureFixture[str],
                                  text: str) -> None:
    story = (project / "content/articles/story.yaml").read_text()
    quoted = "'" + text.replace("'", "''") + "'"
    put(project, {"content/articles/story.yaml": story.replace("title: A story",
                                                               f"title: {quoted}"),
                  "site.yaml": SITE.format("https://example.org/o''brien&x/")})
    assert run_build(project, capsys).status == 0
    feed = ET.parse(project / "public/feed.xml").getroot()
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == text
    sitemap = ET.parse(project / "public/sitemap.xml").getroot()
    locs = [e.text or "" for e in sitemap.iter() if e.tag.endswith("loc")]
    assert locs and all(loc.startswith("https://example.org/o'brien&x/") for loc in locs)
    assert main(["-C", str(project), "check", "--built", str(project / "public")]) == 0


@pytest.mark.parametrize("link", ["[x](card:)", "[x](CARD:)", "[x](<card:>)"])
@pytest.mark.parametrize("field", ["summary", "body"])
def test_an_empty_card_link_is_an_error(project: Path, capsys: pytest.CaptureFixture[str],
                                        link: str, field: str) -> None:
    card = CAROL.replace("summary: A third person.", f"summary: 'A {link} person.'") \
        if field == "summary" else CAROL + f"body: 'See {link}.'\n"
    put(project, {"content/cards/carol.yaml": card})
    outcome = run_build(project, capsys)
    line = 3 if field == "summary" else 7
    assert outcome.reported == [
        f"content/cards/carol.yaml:{line}: error[unknown-card]: empty card link 'card:'"]
    assert "hint: write the id of the card after 'card:', e.g. [text](card:alice)" in (
        outcome.err)
    assert main(["-C", str(project), "check"]) == 1


@pytest.mark.parametrize("link", ["[him](card:)", "[Bob](card:bob)", "[x](Card:nobody)"])
def test_card_links_in_a_seed_are_refused(project: Path, capsys: pytest.CaptureFixture[str],
                                          link: str) -> None:
    put(project, {"seeds/story.md": f"Alice Example met Bob.\n\nThey met {link}.\n"})
    story = project / "content/articles/story.yaml"
    story.write_text(story.read_text().replace("story.txt", "story.md"))
    outcome = run_build(project, capsys)
    assert outcome.reported == [
        "seeds/story.md:3: error[article-card-link]: card: links work in cards only"]
