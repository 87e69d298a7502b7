"""Whole builds of real projects, read back with an HTML parser."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.build import BuildResult, Options, build
from generator.cli import main
from generator.errors import BuildFailed
from tests.conftest import soup, write_files


def test_tunnel_site_pages(built_tunnel: Callable[[], BuildResult]) -> None:
    result = built_tunnel()
    out = result.output
    assert result.pages == 19  # with topics.html and its one topic
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "articles/tunnel-opening.html" in names
    assert "cards/francois-mitterrand.html" in names
    assert {"index.html", "people.html", "places.html", "organisations.html", "timeline.html",
            "quotes.html", "static/style.css"} <= set(names)


def test_article_links_and_anchors(built_tunnel: Callable[[], BuildResult]) -> None:
    out = built_tunnel().output
    page = soup(out / "articles" / "tunnel-opening.html")
    body = page.select_one(".article .body")
    assert body is not None
    ids = [p.get("id") for p in body.select("[id]")]
    assert ids == ["p1", "p2", "p3", "p4", "p5"]
    mentions = [(a.get_text(), a["href"]) for a in body.select("a.mention")]
    assert ("French President François Mitterrand", "../cards/francois-mitterrand.html") in mentions
    assert ("Queen Elizabeth II", "../cards/elizabeth-ii.html") in mentions
    # link_mentions: every -> both mentions of the tunnel in p1 and p2 are links
    assert sum(1 for t, _ in mentions if t == "Channel Tunnel") == 2
    # never inside code, never nested, the heading stays unlinked
    assert body.select("code a") == [] and body.select("a a") == []
    assert body.select("h1 a") == []
    # the "(Test Desk)" credit line is a credit, not a paragraph
    assert "(Test Desk)" not in body.get_text()
    credit = page.select_one(".credit")
    assert credit is not None and "Test Desk" in credit.get_text()


def test_card_page_backlinks_roles_and_related(built_tunnel: Callable[[], BuildResult]) -> None:
    out = built_tunnel().output
    page = soup(out / "cards" / "francois-mitterrand.html")
    backlinks = page.select(".backlinks li")
    assert [li.a["href"] for li in backlinks] == ["../articles/tunnel-opening.html#p1",
                                                   "../articles/tunnel-opening.html#p5"]
    assert backlinks[0].mark is not None
    assert backlinks[0].mark.get_text() == "French President François Mitterrand"
    then_now = page.select_one(".then-now")
    assert then_now is not None
    assert "President of France" in then_now.get_text()
    # the then-and-now sentence reads naturally: "... until 17 May 1995", not "ended on"
    assert "President of France until 17 May 1995" in " ".join(then_now.get_text().split())
    # related both ways: the event lists Mitterrand, so Mitterrand lists the event
    related = [a["href"] for a in page.select(".related a")]
    assert "tunnel-opening-ceremony.html" in related
    assert "Facts as of 1 January 2024" in page.get_text()
    quote = page.select_one(".quotes blockquote")
    assert quote is not None and quote["cite"] == "../articles/tunnel-opening.html#p5"


def test_every_internal_link_resolves(built_tunnel: Callable[[], BuildResult]) -> None:
    out = built_tunnel().output
    for path in out.rglob("*.html"):
        if path.name == "404.html":
            continue  # its links start at the site's root path (see test_publish.py)
        page = soup(path)
        for tag, attr in (("a", "href"), ("link", "href")):
            for element in page.find_all(tag):
                url = str(element.get(attr))
                if urlparse(url).scheme or element.get("rel") == ["canonical"]:
                    continue
                target, _, fragment = url.partition("#")
                file = (path.parent / target).resolve() if target else path
                assert file.is_file(), f"{path}: broken link {url}"
                if fragment:
                    assert soup(file).find(id=fragment), f"{path}: missing anchor {url}"
        # nothing is loaded from another host
        for element in page.find_all(["script", "img", "iframe", "link"]):
            src = str(element.get("src") or element.get("href") or "")
            if element.get("rel") != ["canonical"]:
                assert not urlparse(src).netloc, f"{path}: external resource {src}"


def test_rebuild_removes_stale_files(tmp_path: Path, base_project: Path) -> None:
    build(Options(base_project))
    assert (base_project / "public" / "cards" / "bob.html").exists()
    (base_project / "content" / "cards" / "bob.yaml").unlink()
    build(Options(base_project))
    assert not (base_project / "public" / "cards" / "bob.html").exists()
    assert (base_project / "public" / "cards" / "alice.html").exists()
    leftovers = [p.name for p in base_project.iterdir() if p.name.startswith(".public")]
    assert leftovers == [".public.lock"]


@pytest.mark.parametrize("output", [".", "content", "seeds", "..", "~", "/"])
def test_refuses_dangerous_output_dirs(base_project: Path, output: str) -> None:
    target = Path(os.path.expanduser(output)) if output in ("~", "/") else base_project / output
    before = sorted(p.name for p in base_project.rglob("*"))
    with pytest.raises(BuildFailed) as failed:
        build(Options(base_project, output=target))
    assert [d.code for d in failed.value.diagnostics] == ["output-dir"]
    assert sorted(p.name for p in base_project.rglob("*")) == before


def test_refuses_foreign_non_empty_output(base_project: Path) -> None:
    (base_project / "public").mkdir()
    (base_project / "public" / "notes.txt").write_text("mine")
    with pytest.raises(BuildFailed):
        build(Options(base_project))
    assert (base_project / "public" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(("policy", "links"), [("every", 3), ("first-in-paragraph", 2),
                                               ("first-in-article", 1)])
def test_link_policies(base_project: Path, policy: str, links: int) -> None:
    write_files(base_project, {
        "seeds/story.txt": "Alice met Alice Example.\nAlice left.\n",
        "site.yaml": f"title: T\ndescription: D\nbase_url: https://x.org/\n"
                     f"link_mentions: {policy}\n",
    })
    build(Options(base_project))
    page = soup(base_project / "public" / "articles" / "story.html")
    assert len(page.select(".body a.mention")) == links
    card = soup(base_project / "public" / "cards" / "alice.html")
    assert len(card.select(".backlinks li")) == 3  # every mention is a backlink


def test_raw_html_is_escaped_and_reported(base_project: Path) -> None:
    write_files(base_project, {"content/cards/bob.yaml": (
        "type: person\nname: Bob Example\nsummary: |\n  Hi <script>alert(1)</script>\n"
        "  <!-- secret -->\n  [x](javascript:alert(1)) [y](https://ok.org)\n"
        "as_of: 2024-03-01\nsources: [{article: story}]\n")})
    result = build(Options(base_project))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("raw-html", 4)]
    html = (base_project / "public" / "cards" / "bob.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "secret" not in html
    assert 'href="javascript' not in html and 'href="https://ok.org"' in html
    with pytest.raises(BuildFailed):
        build(Options(base_project, strict=True))


def test_content_is_escaped_everywhere(base_project: Path) -> None:
    evil = '</script><script>alert(1)</script>"><img src=x onerror=alert(1)>'
    write_files(base_project, {"content/cards/bob.yaml": (
        f"type: person\nname: '{evil}'\nsummary: x\nas_of: 2024-03-01\n"
        "sources: [{article: story}]\n")})
    build(Options(base_project))
    for path in (base_project / "public").rglob("*.html"):
        html = path.read_text()
        assert "<script>alert" not in html and "<img src=x" not in html


def test_card_links_in_markdown_are_checked(base_project: Path) -> None:
    write_files(base_project, {"content/cards/bob.yaml": (
        "type: person\nname: Bob Example\nsummary: Friend of [her](card:alice).\n"
        "body: |\n  Line one.\n\n  See [nobody](card:nobdy).\nas_of: 2024-03-01\n"
        "sources: [{article: story}]\n")})
    with pytest.raises(BuildFailed) as failed:
        build(Options(base_project))
    [problem] = failed.value.diagnostics
    assert (problem.code, problem.location.line) == ("unknown-card", 7)


def test_unattributed_quote_is_a_warning(base_project: Path) -> None:
    write_files(base_project, {"seeds/story.txt": 'Alice said “hello there” to Bob Example.\n'})
    result = build(Options(base_project))
    [warning] = result.diagnostics
    assert warning.code == "quote-unattributed"
    assert str(warning.location) == "seeds/story.txt:1:12"


def test_summary_line(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(base_project), "build"]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"Built (\d+) pages \((\d+) files\) into .* in \d+\.\d\ds, 0 warning\(s\); "
                        r"\1 page\(s\) rendered, \2 file\(s\) written, 0 unchanged\.\n", out)
    assert main(["-C", str(base_project), "build"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(", 0 warning(s); nothing changed, nothing written.\n")


def test_check_writes_nothing(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(base_project), "check"]) == 0
    assert not (base_project / "public").exists()


def test_python_dash_m_works(base_project: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "generator", "--version"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("explainer ")


def test_template_override(base_project: Path) -> None:
    write_files(base_project, {"templates/index.html": (
        '{% extends "base.html" %}{% block main %}<p class="custom">{{ page.title }}</p>'
        "{% endblock %}")})
    build(Options(base_project))
    page = soup(base_project / "public" / "people.html")
    assert page.select_one("p.custom") is not None


def test_backlinks_across_articles_newest_first(base_project: Path) -> None:
    write_files(base_project, {
        "seeds/later.md": "Later, *Alice* and Bob Example met again.\n\nAlice Example left.\n",
        "content/articles/later.yaml": ("title: Later\ndek: They meet again.\n"
                                        "date: 2024-05-01\nseed: later.md\n"),
    })
    build(Options(base_project))
    card = soup(base_project / "public" / "cards" / "alice.html")
    groups = [h3.a["href"] for h3 in card.select(".backlinks h3")]
    assert groups == ["../articles/later.html", "../articles/story.html"]
    assert [li.a["href"] for li in card.select(".backlinks li")] == [
        "../articles/later.html#p1", "../articles/later.html#p2", "../articles/story.html#p1"]
    home = soup(base_project / "public" / "index.html")
    assert [a["href"] for a in home.select(".article-list h3 a")] == [
        "articles/later.html", "articles/story.html"]


def test_role_and_article_aliases(base_project: Path) -> None:
    write_files(base_project, {
        "seeds/story.txt": "The mayor met the committee.\n",
        "seeds/later.txt": "The mayor spoke to the committee.\n",
        "content/articles/later.yaml": ("title: Later\ndek: Again.\ndate: 2030-01-01\n"
                                        "seed: later.txt\n"),
        "content/articles/story.yaml": (
            "title: A story\ndek: Two people meet.\ndate: 2024-03-01\nseed: story.txt\n"
            "aliases:\n  - text: the committee\n    card: bob\n"),
        "content/cards/alice.yaml": (
            "type: person\nname: Alice Example\nsummary: x\nas_of: 2024-03-01\n"
            "sources: [{article: story}]\nroles:\n  - title: Mayor\n    from: 2020-01-01\n"
            "    to: 2025-01-01\n    aliases: [the mayor]\n"),
    })
    build(Options(base_project))
    story = soup(base_project / "public" / "articles" / "story.html")
    assert [(a.get_text(), a["data-card"]) for a in story.select(".body a.mention")] == [
        ("The mayor", "alice"), ("the committee", "bob")]
    # in 2030 Alice is no longer mayor, and the committee alias belongs to the other article
    later = soup(base_project / "public" / "articles" / "later.html")
    assert later.select(".body a.mention") == []


def test_role_alias_conflict_only_when_dates_overlap(base_project: Path) -> None:
    role = ("type: person\nname: {name}\nsummary: x\nas_of: 2024-03-01\n"
            "sources: [{{article: story}}]\nroles:\n  - title: Mayor\n    from: {start}\n"
            "    to: {end}\n    aliases: [the mayor]\n")
    write_files(base_project, {
        "content/cards/alice.yaml": role.format(name="Alice Example", start="2020-01-01",
                                                end="2022-01-01"),
        "content/cards/bob.yaml": role.format(name="Bob Example", start="2022-01-02",
                                              end="2024-01-01"),
    })
    build(Options(base_project))
    write_files(base_project, {"content/cards/bob.yaml": role.format(
        name="Bob Example", start="2021-06-01", end="2024-01-01")})
    with pytest.raises(BuildFailed) as failed:
        build(Options(base_project))
    assert [d.code for d in failed.value.diagnostics] == ["alias-conflict"]


def test_numbered_pages_colliding_with_an_id_are_an_error(base_project: Path) -> None:
    files = {
        "site.yaml": "title: T\ndescription: D\nbase_url: https://x.org/\nper_page: 5\n",
        "content/cards/alice-2.yaml": ("type: person\nname: Alice Two\nsummary: x\n"
                                       "as_of: 2024-03-01\nsources: [{article: story}]\n"),
    }
    for n in range(12):  # enough articles for card pages to list mentions on pages of their own
        files[f"seeds/s{n}.txt"] = "Alice Example met Bob Example and Alice Two.\n"
        files[f"content/articles/s{n}.yaml"] = (f"title: S{n}\ndek: D.\ndate: 2024-05-{n + 1:02}\n"
                                                f"seed: s{n}.txt\n")
    write_files(base_project, files)
    with pytest.raises(BuildFailed) as failed:
        build(Options(base_project))
    assert "output-collision" in [d.code for d in failed.value.diagnostics]
