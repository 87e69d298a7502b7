"""Output for the open web: canonical URLs, head tags, JSON-LD, feed, sitemap, 404, determinism."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.build import Options, build
from generator.cli import main
from generator.errors import BuildFailed
from tests.conftest import SITES, copy_project, soup, write_files

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def jsonld(page: BeautifulSoup) -> dict[str, Any]:
    [script] = page.select('script[type="application/ld+json"]')
    data = json.loads(script.string or "")
    assert data["@context"] == "https://schema.org"
    return data


def meta(page: BeautifulSoup, key: str) -> str:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    assert tag is not None, key
    return str(tag["content"])


@pytest.fixture
def tunnel(tmp_path: Path) -> Path:
    project = copy_project(SITES / "tunnel", tmp_path / "tunnel")
    build(Options(project))
    return project / "public"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = copy_project(SITES / "tunnel", tmp_path / "one")
    second = copy_project(SITES / "tunnel", tmp_path / "elsewhere" / "two")
    build(Options(first))
    build(Options(second, output=tmp_path / "other-output"))
    one, two = tree(first / "public"), tree(tmp_path / "other-output")
    assert sorted(one) == sorted(two)
    for name in one:
        assert one[name] == two[name], name
    assert not any(str(tmp_path).encode() in data for data in one.values())


def test_timestamps_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(SITES / "tunnel", tmp_path / "p")
    build(Options(project))
    assert "Built" not in soup(project / "public" / "index.html").footer.get_text()
    with open(project / "site.yaml", "a") as handle:
        handle.write("timestamps: true\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(Options(project))
    first = tree(project / "public")
    assert "Built 14 November 2023, 22:13 UTC" in soup(project / "public" / "index.html") \
        .footer.get_text()
    build(Options(project))
    assert tree(project / "public") == first


def test_base_url_with_sub_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(SITES / "tunnel", tmp_path / "p")
    base = "https://news.example/explainers/tunnel/"
    assert main(["-C", str(project), "build", "--base-url", base.rstrip("/")]) == 0
    out = project / "public"
    card = soup(out / "cards" / "eurostar.html")
    canonical = card.find("link", rel="canonical")
    assert canonical is not None and canonical["href"] == base + "cards/eurostar.html"
    assert meta(card, "og:url") == base + "cards/eurostar.html"
    home = soup(out / "index.html").find("link", rel="canonical")
    assert home is not None and home["href"] == base
    # links between pages stay relative, so file:// keeps working
    nav = [a["href"] for a in card.select("nav a")]
    assert nav[0] == "../index.html" and all("://" not in h for h in nav)
    locs = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert locs[0] == base and all(loc.startswith(base) for loc in locs)
    assert f"Sitemap: {base}sitemap.xml" in (out / "robots.txt").read_text()
    # the 404 page is served at any depth: its links start at the base URL's path
    page = soup(out / "404.html")
    refs = [str(t.get("href") or t.get("src")) for t in page.find_all(["a", "link"])]
    assert all(r.startswith(("/explainers/tunnel/", "#")) for r in refs), refs
    for ref in refs:
        if ref.startswith("/"):
            assert (out / ref.removeprefix("/explainers/tunnel/")).is_file(), ref
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"})


@pytest.mark.parametrize("url", ["ftp://example.org/", "example.org", "https://x.org/?a=1",
                                 "https:///nohost"])
def test_bad_base_url_is_an_error(tmp_path: Path, url: str) -> None:
    project = copy_project(SITES / "tunnel", tmp_path / "p")
    with pytest.raises(BuildFailed) as failed:
        build(Options(project, base_url=url))
    [problem] = failed.value.diagnostics
    assert (problem.code, problem.location.path) == ("base-url", "--base-url")


def test_every_page_has_head_tags(tunnel: Path) -> None:
    for path in sorted(tunnel.rglob("*.html")):
        if path.name == "404.html":
            continue
        page = soup(path)
        title = page.title.get_text() if page.title else ""
        assert title.strip(), path
        assert meta(page, "description").strip(), path
        canonical = page.find("link", rel="canonical")
        assert canonical is not None
        assert meta(page, "og:url") == canonical["href"]
        assert meta(page, "og:title") and meta(page, "og:description")
        assert meta(page, "og:site_name") == "Tunnel Explainer"
        # a card or an article has its share card; other pages none (no site image here)
        shared = path.parent.name in ("cards", "articles")
        assert meta(page, "twitter:card") == ("summary_large_image" if shared else "summary")
        image = page.find("meta", attrs={"property": "og:image"})
        assert (image is not None and str(image["content"]).startswith(
            "https://example.com/tunnel/share/")) == shared, path
        icon = page.find("link", rel="icon")
        assert icon is not None and (path.parent / str(icon["href"])).is_file()
        feed = page.find("link", rel="alternate", type="application/atom+xml")
        assert feed is not None and (path.parent / str(feed["href"])).is_file()
        jsonld(page)


def test_json_ld_types(tunnel: Path) -> None:
    article = jsonld(soup(tunnel / "articles" / "tunnel-opening.html"))
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "The Channel Tunnel opens"
    assert article["datePublished"] == "1994-05-06"
    assert article["author"] == {"@type": "Organization", "name": "Test Desk"}
    mentioned = {m["name"]: m["@type"] for m in article["mentions"]}
    assert mentioned["François Mitterrand"] == "Person"
    assert mentioned["Eurostar"] == "Organization"
    person = jsonld(soup(tunnel / "cards" / "francois-mitterrand.html"))
    assert (person["@type"], person["name"]) == ("Person", "François Mitterrand")
    assert person["nationality"]["@type"] == "Country"
    assert "jobTitle" not in person  # the presidency has ended
    assert jsonld(soup(tunnel / "cards" / "eurostar.html"))["@type"] == "Organization"
    assert jsonld(soup(tunnel / "cards" / "calais.html"))["@type"] == "Place"
    event = jsonld(soup(tunnel / "cards" / "tunnel-opening-ceremony.html"))
    assert event["@type"] == "Event" and event["startDate"] == "1994-05-06"
    assert jsonld(soup(tunnel / "index.html"))["@type"] == "WebSite"
    assert jsonld(soup(tunnel / "people.html"))["@type"] == "CollectionPage"
    article_page = soup(tunnel / "articles" / "tunnel-opening.html")
    assert meta(article_page, "og:type") == "article"
    assert meta(article_page, "article:published_time") == "1994-05-06"


def test_json_ld_defined_term_same_as_and_escaping(base_project: Path) -> None:
    evil = "</script><script>alert(1)</script> & <!--"
    write_files(base_project, {
        "content/cards/bob.yaml": (
            f"type: person\nname: 'Bob {evil}'\naliases: [Bob Example]\nwikidata: Q42\n"
            "summary: A person.\nas_of: 2024-03-01\nsources: [{article: story}]\n"
            "roles:\n  - {title: Mayor, from: 2020-01-01}\n"),
        "content/cards/springfield.yaml": (
            "type: concept\nname: Springfield\nsummary: A made-up town.\nas_of: 2024-03-01\n"
            "sources: [{article: story}]\n"),
    })
    build(Options(base_project))
    html = (base_project / "public" / "cards" / "bob.html").read_text()
    script = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in script and ">" not in script and "&" not in script
    person = json.loads(script)
    assert person["name"] == f"Bob {evil}"
    assert person["sameAs"] == ["https://www.wikidata.org/wiki/Q42"]
    assert person["jobTitle"] == "Mayor"
    term = jsonld(soup(base_project / "public" / "cards" / "springfield.html"))
    assert term["@type"] == "DefinedTerm"
    assert term["inDefinedTermSet"]["url"] == "https://example.org/glossary.html"


def test_atom_feed(tunnel: Path) -> None:
    root = ET.parse(tunnel / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}updated") == "1994-05-06T00:00:00Z"
    assert root.findtext(f"{ATOM}id") == "https://example.com/tunnel/"
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == "tag:example.com,1994-05-06:article:tunnel-opening"
    link = entry.find(f"{ATOM}link")
    assert link is not None
    assert link.get("href") == "https://example.com/tunnel/articles/tunnel-opening.html"
    assert entry.findtext(f"{ATOM}summary") == "Britain and France are joined by rail under " \
        "the sea."


def test_sitemap_and_robots(tunnel: Path) -> None:
    root = ET.parse(tunnel / "sitemap.xml").getroot()
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
            for u in root.iter(f"{SITEMAP}url")}
    pages = [p.relative_to(tunnel).as_posix() for p in tunnel.rglob("*.html")]
    assert len(urls) == len(pages) - 1  # every page but 404.html
    assert "https://example.com/tunnel/404.html" not in urls
    assert urls["https://example.com/tunnel/articles/tunnel-opening.html"] == "1994-05-06"
    assert urls["https://example.com/tunnel/cards/eurostar.html"] == "2024-01-01"
    robots = (tunnel / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert "Sitemap: https://example.com/tunnel/sitemap.xml" in robots


def test_preview_image(base_project: Path) -> None:
    write_files(base_project, {"site.yaml": "title: T\ndescription: D\nbase_url: "
                               "https://x.org/a/\nimage: static/share.png\ntwitter: '@desk'\n"})
    with pytest.raises(BuildFailed) as failed:
        build(Options(base_project))
    assert [d.code for d in failed.value.diagnostics] == ["image-missing"]
    (base_project / "static").mkdir()
    (base_project / "static" / "share.png").write_bytes(b"\x89PNG")
    build(Options(base_project))
    home = soup(base_project / "public" / "index.html")  # the site's picture: the fallback
    assert meta(home, "og:image") == "https://x.org/a/static/share.png"
    assert meta(home, "twitter:card") == "summary_large_image"
    page = soup(base_project / "public" / "articles" / "story.html")  # its own share card
    share = meta(page, "og:image")
    assert share.startswith("https://x.org/a/share/articles/story-") and share.endswith(".png")
    assert meta(page, "twitter:image") == share
    assert meta(page, "twitter:site") == "@desk"
    assert jsonld(page)["image"] == share


def test_favicon_is_a_local_svg(tunnel: Path) -> None:
    icon = (tunnel / "static" / "favicon.svg").read_text()
    assert icon.startswith("<svg") and "http://www.w3.org/2000/svg" in icon
    page = soup(tunnel / "cards" / "calais.html")
    link = page.find("link", rel="icon")
    assert link is not None
    assert posixpath.normpath(posixpath.join("cards", str(link["href"]))) == \
        "static/favicon.svg"
