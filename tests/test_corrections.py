"""Corrections and updates: on their pages, in JSON-LD and the feed, on the corrections page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.build import Options, build
from tests.conftest import soup, write_files

ARTICLE = ("title: A story\ndek: Two people meet.\ndate: 2024-03-01\nseed: story.txt\n"
           "corrections:\n  - date: 2024-03-05\n    text: The meeting was in Springfield.\n"
           "updates:\n  - date: 2024-03-09\n    text: They met again.\n")
CARD = ("type: person\nname: Bob Example\nsummary: Another person.\nas_of: 2024-03-01\n"
        "sources:\n  - article: story\n"
        "corrections:\n  - date: 2024-03-07\n    text: An earlier version misspelt his name.\n")


def _jsonld(page: Path) -> dict[str, object]:
    script = soup(page).find("script", attrs={"type": "application/ld+json"})
    assert script is not None
    data: dict[str, object] = json.loads(script.string or "")
    return data


def test_corrections_and_updates_are_shown_marked_and_dated(base_project: Path) -> None:
    write_files(base_project, {"content/articles/story.yaml": ARTICLE,
                               "content/cards/bob.yaml": CARD})
    result = build(Options(base_project))
    assert not result.diagnostics
    out = base_project / "public"
    page = soup(out / "articles/story.html")
    notes = page.select_one("section.notes")
    assert notes is not None and notes.get("aria-labelledby") == "notes-heading"
    assert [" ".join(li.get_text().split()) for li in notes.select("li")] == [
        "Update, 9 March 2024: They met again.",
        "Correction, 5 March 2024: The meeting was in Springfield."]
    article = _jsonld(out / "articles/story.html")
    assert article["dateModified"] == "2024-03-09"
    assert article["correction"] == [{"@type": "CorrectionComment",
                                      "datePublished": "2024-03-05",
                                      "text": "The meeting was in Springfield."}]
    card = _jsonld(out / "cards/bob.html")
    assert card["dateModified"] == "2024-03-07"
    feed = (out / "feed.xml").read_text()
    assert re.search(r"<published>2024-03-01T00:00:00Z</published>\s*"
                     r"<updated>2024-03-09T00:00:00Z</updated>", feed)
    fixes = soup(out / "corrections.html")
    assert [(a["href"], " ".join(li.get_text().split())) for li in fixes.select(".corrections li")
            for a in li.select("a")] == [
        ("cards/bob.html", "Bob Example, 7 March 2024: An earlier version misspelt his name."),
        ("articles/story.html", "A story, 5 March 2024: The meeting was in Springfield.")]
    footer = soup(out / "index.html").select_one("footer")
    assert footer is not None and footer.find("a", string="Corrections") is not None


def test_no_corrections_page_without_corrections(base_project: Path) -> None:
    build(Options(base_project))
    assert not (base_project / "public/corrections.html").exists()
    footer = soup(base_project / "public/index.html").select_one("footer")
    assert footer is not None and footer.find("a", string="Corrections") is None
