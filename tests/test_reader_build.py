"""What the build gives the reader's browser: the site index, search page, diagrams."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.markup.scripts import sort_key
from generator.render import pagefind
from tests.conftest import SITES, copy_project, soup


@pytest.fixture(scope="module")
def summit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(SITES / "summit", tmp_path_factory.mktemp("summit") / "p")
    return build(Options(project, strict=True)).output


def site_index(out: Path) -> dict[str, object]:
    text = (out / "static" / "site-index.js").read_text("utf-8")
    assert text.startswith("window.explainerIndex=") and text.endswith(";\n")
    data: dict[str, object] = json.loads(text[len("window.explainerIndex="):-2])
    return data


def test_site_index_has_what_previews_and_search_need(summit: Path) -> None:
    data = site_index(summit)
    cards = {c["id"]: c for c in data["cards"]}  # type: ignore[attr-defined]
    scholz = cards["olaf-scholz"]
    assert scholz["n"] == "Olaf Scholz" and scholz["t"] == "Person"
    assert scholz["r"] == [["Chancellor of Germany", "2021-12-08", "2025-05-06"]]
    assert "Sir Keir" in cards["keir-starmer"]["a"]
    assert cards["keir-starmer"]["s"] == "Prime Minister of the United Kingdom since July 2024."
    assert cards["munich-security-conference-2025"]["d"] == "14–16 February 2025"
    shards = data["pagefind"]  # the folders of the index's shards: cards, articles
    assert isinstance(shards, list) and len(shards) == 2
    assert all(re.fullmatch(r"pagefind/[0-9a-f]{16}/", s) for s in shards)
    size = (summit / "static" / "site-index.js").stat().st_size
    assert size < 8_000


def test_pages_load_scripts_deferred_and_locally(summit: Path) -> None:
    page = soup(summit / "articles" / "paris-meeting.html")
    scripts = page.select("script[src]")
    assert [s["src"] for s in scripts] == ["../static/site-index.js", "../static/explainer.js"]
    assert all(s.has_attr("defer") for s in scripts)
    assert page.body is not None and page.body["data-day"] == "2025-02-17"
    assert (summit / "static" / "explainer.js").is_file()


def test_article_shows_whos_who_and_timeline(summit: Path) -> None:
    page = soup(summit / "articles" / "paris-meeting.html")
    whos_who = page.select_one("#whos-who")
    assert whos_who is not None
    assert whos_who.figcaption is not None
    assert whos_who.figcaption.get_text() == "The people in this article by country or organisation"
    labels = [t.get_text() for t in whos_who.select("text.ww-label")]
    assert labels == ["France", "Germany", "Nato", "United Kingdom", "United States"]
    assert whos_who.select_one('a[data-card="mark-rutte"]') is not None
    events = page.select_one("#events-timeline")
    assert events is not None
    names = [t.get_text() for t in events.select("text.tl-name")]
    assert names == ["Russian invasion of Ukraine", "Munich Security Conference",
                     "Paris meeting on Ukraine",
                     "This article: European leaders meet in Paris on Ukraine"]


def test_index_pages_show_diagrams_and_search_lists_everything(summit: Path) -> None:
    assert soup(summit / "people.html").select_one("#whos-who svg") is not None
    assert soup(summit / "timeline.html").select_one("#events-timeline svg") is not None
    page = soup(summit / "search.html")
    names = [a.get_text() for a in page.select(".a-z a")]
    assert "Mark Rutte" in names and "European leaders meet in Paris on Ukraine" in names
    assert names == sorted(names, key=lambda name: sort_key(name, "en"))  # É among the E's
    assert names.index("Élysée Palace") < names.index("Emmanuel Macron")
    assert page.select_one("noscript") is not None


def test_card_page_lists_aliases_for_readers_and_search(summit: Path) -> None:
    page = soup(summit / "cards" / "keir-starmer.html")
    aliases = page.select_one(".aliases")
    assert aliases is not None and "Sir Keir" in aliases.get_text()
    article = page.select_one("article[data-pagefind-body]")
    assert article is not None
    assert article.select_one(".backlinks[data-pagefind-ignore]") is not None


def test_pagefind_bundle_is_written_with_the_site(summit: Path) -> None:
    shards = site_index(summit)["pagefind"]
    assert sorted(p.relative_to(summit).as_posix() + "/"
                  for p in (summit / "pagefind").iterdir()) == sorted(shards)  # type: ignore
    pages = 0
    for shard in shards:  # type: ignore[attr-defined]
        bundle = summit / shard
        assert (bundle / "pagefind.js").is_file()
        entry = json.loads((bundle / "pagefind-entry.json").read_text())
        pages += sum(language["page_count"] for language in entry["languages"].values())
        assert not list(bundle.glob("*-ui.*")), "Pagefind's own UI is not shipped"
    # Articles and cards, each once; no index, topic or mentions page.
    assert pages == len(list(summit.glob("articles/*.html"))) + len(list(
        summit.glob("cards/*.html")))


def test_site_builds_without_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: None)
    project = copy_project(SITES / "summit", tmp_path / "p")
    out = build(Options(project)).output
    assert not (out / "pagefind").exists()
    assert site_index(out)["pagefind"] == []


def test_a_failing_pagefind_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'index broke' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: fake)
    project = copy_project(SITES / "summit", tmp_path / "p")
    result = build(Options(project))
    assert [d.code for d in result.diagnostics] == ["search-index"]
    assert "index broke" in result.diagnostics[0].message
    assert site_index(result.output)["pagefind"] == []
