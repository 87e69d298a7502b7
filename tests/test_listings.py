"""Many articles: listings over numbered pages, topics, mentions pages, related coverage."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest

from bench.synth import generate
from generator.build import Options, build
from generator.engine.live import BuildState
from generator.engine.pipeline import load_site
from generator.errors import BuildFailed
from generator.render.paging import Slice, page_path, pager, slices, topic_slug
from tests.conftest import soup, write_files

PER_PAGE = 4


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic site of 30 articles and 20 cards, listing 4 entries a page, built."""
    project = generate(tmp_path_factory.mktemp("many") / "p", articles=30, cards=20)
    with (project / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"per_page: {PER_PAGE}\nfeed_entries: 5\n")
    build(Options(project))
    return project


def chain(out: Path, first: str) -> list[str]:
    """The pages of a listing in order, following rel=next from the first."""
    pages, path = [first], out / first
    while (link := soup(path).find("link", rel="next")) is not None:
        path = (path.parent / str(link["href"])).resolve()
        pages.append(path.relative_to(out).as_posix())
        prev = soup(path).find("link", rel="prev")
        assert prev is not None and (path.parent / str(prev["href"])).resolve() == (
            out / pages[-2]).resolve()
    return pages


def hrefs(path: Path, selector: str) -> list[str]:
    """The targets of the links matched by ``selector``, as output paths."""
    root = path.parent
    return [(root / str(a["href"])).resolve().as_posix() for a in soup(path).select(selector)]


def test_slices_and_pager() -> None:
    assert [s.path for s in slices("people.html", 9, 4)] == [
        "people.html", "people-2.html", "people-3.html"]
    assert [(s.start, s.end) for s in slices("x.html", 9, 4)] == [(0, 4), (4, 8), (8, 9)]
    assert len(slices("x.html", 0, 4)) == 1 and pager(slices("x.html", 3, 4)[0]) is None
    assert page_path("topics/a.html", 2) == "topics/a-2.html"
    view = pager(Slice("topics/a-5.html", "topics/a.html", 5, 9, 16, 20))
    assert view is not None
    assert (view["prev"], view["next"]) == ("a-4.html", "a-6.html")
    assert [p["number"] for p in view["pages"]] == [1, 0, 3, 4, 5, 6, 7, 0, 9]
    assert topic_slug("Climate & Energy — Europe") == "climate-energy-europe"
    assert topic_slug("Économie") == "economie"


def test_home_paginates_every_article_once_newest_first(many: Path) -> None:
    out = many / "public"
    pages = chain(out, "index.html")
    assert pages == ["index.html"] + [f"index-{n}.html" for n in range(2, 9)]
    listed = [h for page in pages for h in hrefs(out / page, ".article-list h3 a")]
    site, _ = load_site(Options(many))
    assert listed == [(out / "articles" / f"{a.article.id}.html").as_posix()
                      for a in site.articles]
    assert "(page 3 of 8)" in (out / "index-3.html").read_text(encoding="utf-8")


def test_indexes_timeline_and_search_paginate(many: Path) -> None:
    out = many / "public"
    people = chain(out, "people.html")
    names = [a.get_text() for p in people for a in soup(out / p).select(".card-list > li > a")]
    assert names == sorted(names, key=str.lower) and len(names) == len(set(names))
    timeline = chain(out, "timeline.html")
    assert all(soup(out / p).select("figure svg") for p in timeline)
    search = chain(out, "search.html")
    entries = [a for p in search for a in soup(out / p).select(".a-z .card-list li > a")]
    assert len(entries) == 30 + 20
    feed = ElementTree.parse(out / "feed.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 5


def test_topics_have_paginated_pages_and_articles_link_them(many: Path) -> None:
    out = many / "public"
    site, _ = load_site(Options(many))
    first = site.articles[0].article
    page = out / "articles" / f"{first.id}.html"
    tags = {a.get_text(): a for a in soup(page).select("a[rel=tag]")}
    assert set(tags) == set(first.topics)
    topic = "Synthetic"
    pages = chain(out, "topics/synthetic.html")
    assert len(pages) == 8
    listed = [h for p in pages for h in hrefs(out / p, ".article-list h2 a")]
    assert len(listed) == 30 == len(set(listed))
    assert topic in (out / "topics.html").read_text(encoding="utf-8")


def test_topics_that_share_a_slug_are_refused(many: Path, tmp_path: Path) -> None:
    project = generate(tmp_path / "p", articles=3, cards=10)
    name = project / "content" / "articles" / "report-00001.yaml"
    name.write_text(name.read_text(encoding="utf-8").replace("[Synthetic,", "[synthetic!,"),
                    encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(Options(project))
    (diag,) = [d for d in failed.value.diagnostics if d.code == "topic-collision"]
    assert "'synthetic!'" in diag.message and "'Synthetic'" in diag.message
    assert diag.location.path.endswith("report-00001.yaml")


def test_card_pages_show_the_newest_articles_and_link_the_full_list(many: Path) -> None:
    out = many / "public"
    site, _ = load_site(Options(many))
    articles_of = {c: {m.article for m in found} for c, found in site.backlinks.items()}
    busy = max(articles_of, key=lambda c: len(articles_of[c]))
    assert len(articles_of[busy]) > 10
    card = soup(out / "cards" / f"{busy}.html")
    shown = [h.get_text() for h in card.select(".backlinks h3 a")]
    newest = [a.article.title for a in site.articles if a.article.id in articles_of[busy]]
    assert shown == newest[:10]
    more = card.select_one(".backlinks .more a")
    assert more is not None and more["href"] == f"../mentions/{busy}.html"
    pages = chain(out, f"mentions/{busy}.html")
    listed = [h.get_text() for p in pages for h in soup(out / p).select(".backlinks h2 a")]
    assert listed == newest
    quiet = min(articles_of, key=lambda c: len(articles_of[c]))
    if len(articles_of[quiet]) <= 10:
        assert soup(out / "cards" / f"{quiet}.html").select_one(".backlinks .more") is None
        assert not (out / "mentions" / f"{quiet}.html").exists()


def test_related_coverage_is_the_articles_sharing_most_cards(many: Path) -> None:
    out = many / "public"
    site, _ = load_site(Options(many))
    cards = {a.article.id: {m.card for m in a.mentions} for a in site.articles}
    order = {a.article.id: i for i, a in enumerate(site.articles)}
    for linked in site.articles[:5]:
        me = linked.article.id
        shared = Counter({other: len(cards[me] & found) for other, found in cards.items()
                          if other != me and cards[me] & found})
        expected = sorted(shared, key=lambda o: (-shared[o], order[o]))[:5]
        page = out / "articles" / f"{me}.html"
        got = hrefs(page, ".related-coverage a")
        assert got == [(out / "articles" / f"{o}.html").as_posix() for o in expected]
        counts = [re.search(r"(\d+) cards? in common", li.get_text())
                  for li in soup(page).select(".related-coverage li")]
        assert [int(m.group(1)) for m in counts if m] == [shared[o] for o in expected]


def test_incremental_listings_match_a_full_build(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.render.pagefind.pagefind_binary", lambda: None)
    project = generate(tmp_path / "p", articles=12, cards=12)
    with (project / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write("per_page: 3\n")
    state = BuildState(Options(project), tmp_path / "preview")
    state.rebuild()
    meta = project / "content" / "articles" / "report-00004.yaml"
    edits = [  # an article renamed to the front of A to Z, given a topic, dated newest
        (meta, lambda t: re.sub(r"title: .*", "title: Aardvark report", t)),
        (meta, lambda t: t.replace("topics: [", "topics: [Brand new, ")),
        (meta, lambda t: re.sub(r"date: .*", "date: 2030-01-01", t)),
    ]
    for path, change in edits:
        write_files(project, {path.relative_to(project).as_posix():
                              change(path.read_text(encoding="utf-8"))})
        state.rebuild([path])
        build(Options(project, output=tmp_path / "full"))
        for file in sorted((tmp_path / "full").rglob("*")):
            if file.is_file():
                name = file.relative_to(tmp_path / "full")
                assert (tmp_path / "preview" / name).read_bytes() == file.read_bytes(), name
