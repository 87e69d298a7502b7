"""Hostile content: every field is escaped for its context; no script, handler or foreign URL.

The payload goes into every text field of the site, an article, a seed, cards,
roles, sources and quotes; every page must parse to the same payload as text,
with no element or attribute the payload tried to create.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from generator.errors import Location
from generator.markup.markdown import make_parser, parse, render
from tests.hardening.conftest import put, run_build

pytestmark = pytest.mark.hostile

XSS = "</script><script>alert(1)</script>\"'><img src=x onerror=alert(1)>{{7*7}}&amp;"
URL_XSS = "https://x.org/\"><script>alert(1)</script>"
ALLOWED_TAGS = {"html", "head", "meta", "title", "link", "body", "a", "header", "nav", "ul",
                "ol", "li", "p", "main", "footer", "article", "section", "h1", "h2", "h3",
                "div", "span", "time", "mark", "blockquote", "em", "strong", "code", "pre",
                "aside", "figure", "figcaption", "dl", "dt", "dd", "br", "hr", "small", "cite",
                "q", "svg", "path", "details", "summary", "form", "label", "input",
                "button", "script", "noscript", "template", "table", "thead", "tbody", "tr",
                "th", "td", "caption", "abbr",
                # inline SVG diagrams
                "g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
                "defs", "marker", "desc", "use"}


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_project(root: Path) -> None:
    x = _yaml(XSS)
    put(root, {
        "site.yaml": f"title: {x}\ndescription: {x}\nbase_url: {_yaml(URL_XSS)}\n"
                     f"author: {x}\nlanguage: {_yaml(XSS[:20])}\n",
        "seeds/story.txt": f"Alice Example met Bob Example. {XSS}\nHe said “{XSS}” too.\n",
        "content/articles/story.yaml": (
            f"title: {x}\ndek: {x}\ndate: 2024-03-01\nseed: story.txt\ncredit: {x}\n"
            f"url: {_yaml(URL_XSS)}\ntopics: [{x}]\naliases:\n  - text: {x}\n    card: bob\n"
            f"quotes:\n  - speaker: alice\n    text: {x}\n    context: {x}\n"
            f"corrections:\n  - date: 2024-03-02\n    text: {x}\n"
            f"updates:\n  - date: 2024-03-03\n    text: {x}\n"),
        "content/cards/alice.yaml": (
            f"type: person\nname: {x}\naliases: [Alice Example]\nkind: {x}\nsummary: {x}\n"
            f"body: {x}\nas_of: 2024-03-01\nwikidata: Q42\nsources:\n"
            f"  - publisher: {x}\n    title: {x}\n    url: {_yaml(URL_XSS)}\n"
            f"roles:\n  - title: {x}\n    note: {x}\n    from: 2020-01-01\n"
            f"    aliases: [{x}]\n    org: bob\n"
            f"corrections:\n  - date: 2024-03-02\n    text: {x}\n"
            f"updates:\n  - date: 2024-03-03\n    text: {x}\n"),
    })


def test_every_field_is_escaped_in_every_page(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    hostile_project(project)
    outcome = run_build(project, capsys)
    assert outcome.status == 0, outcome.err
    pages = sorted((project / "public").rglob("*.html"))
    assert len(pages) >= 6
    seen_as_text = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        assert "<script>alert" not in html and "<img src=x" not in html
        assert {tag.name for tag in page.find_all(True)} <= ALLOWED_TAGS, path
        assert page.find_all("img") == [] and page.find_all("iframe") == []
        for tag in page.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (path, tag)
            for attr in ("href", "src", "action", "cite"):
                value = str(tag.get(attr, ""))
                assert not value.lower().lstrip().startswith(("javascript:", "data:",
                                                               "vbscript:")), (path, tag)
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":
                # JSON-LD stays valid JSON holding the payload as data, and cannot close
                # its element.
                assert "<" not in (script.string or "")  # so neither </script nor <!--
                json.loads(script.string or "")
            elif script.get("src"):  # the theme's own scripts, from this site only
                src = urlparse(str(script["src"]))
                assert (src.scheme, src.netloc) == ("", "") and src.path.endswith(".js")
            else:  # an inline script of the theme: no content gets into it
                assert "alert" not in (script.string or ""), (path, script)
        seen_as_text += XSS in page.get_text()
    assert seen_as_text == len(pages)  # the site title is on every page, as text
    card = BeautifulSoup((project / "public/cards/alice.html").read_text(), "html.parser")
    assert card.h1 is not None and card.h1.get_text() == XSS
    assert card.title is not None and XSS in card.title.get_text()
    described = card.find("meta", attrs={"name": "description"})
    # the description is the summary's Markdown as plain text: "&amp;" reads "&"
    assert described is not None and str(described["content"]) == XSS.replace("&amp;", "&")
    external = [a["href"] for a in card.select(".sources a")]
    assert external == [URL_XSS]
    assert "49" not in card.get_text()  # content is never evaluated as a template
    [jsonld] = card.find_all("script", attrs={"type": "application/ld+json"})
    assert json.loads(jsonld.string or "")["name"] == XSS  # data, exactly as written
    assert json.loads(jsonld.string or "")["correction"][0]["text"] == XSS
    assert [n.get_text() for n in card.select(".notes li")] == [
        f"Update, 3 March 2024: {XSS}", f"Correction, 2 March 2024: {XSS}"]
    fixes = BeautifulSoup((project / "public/corrections.html").read_text(), "html.parser")
    assert [li.get_text() for li in fixes.select(".corrections li")] == [
        f"{XSS}, 2 March 2024: {XSS}"] * 2


MARKDOWN_LINKS = [
    "[a](javascript:alert(1))", "[a](JaVaScRiPt:alert(1))", "[a](  javascript:alert(1))",
    "[a](&#106;avascript:alert(1))", "[a](java&#x09;script:alert(1))",
    "[a](%6Aavascript:alert(1))", "<javascript:alert(1)>", "[a][r]\n\n[r]: javascript:alert(1)",
    "[a](vbscript:msgbox(1))", "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "[a](file:///etc/passwd)", "[a](//evil.example/x)", "[a](\\\\evil\\share)",
    "![a](https://evil.example/track.png)", "[a](<javascript:alert(1)>)",
    "[a](ftp://x.org/)", "<https://ok.example/?q=\"><script>>",
]


@pytest.mark.parametrize("source", MARKDOWN_LINKS)
def test_markdown_links_only_http_and_mailto(source: str) -> None:
    md = make_parser()
    tokens, _ = parse(md, source, Location("f.md", 1, 1), allow_html=False)
    page = BeautifulSoup(render(md, tokens), "html.parser")
    assert page.find_all("img") == [] and page.find_all("script") == []
    for link in page.find_all("a"):
        assert str(link["href"]).startswith(("https://", "http://", "mailto:")), source


RAW_HTML = [
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
    ("<iframe src=https://evil.example></iframe>", "<iframe src=https://evil.example></iframe>"),
    ("<svg onload=alert(1)>", "<svg onload=alert(1)>"),
    ("Hi <a href=javascript:alert(1)>x</a>", "<a href=javascript:alert(1)>"),
    ("<style>body{display:none}</style>", "<style>body{display:none}</style>"),
    ("<object data=x.swf></object>", "<object data=x.swf>"),
    ("A <b onmouseover=alert(1)>bold</b> move", "<b onmouseover=alert(1)>"),
    ("<?php system('id'); ?>", "<?php system('id'); ?>"),
    ("<![CDATA[<script>x</script>]]>", "<![CDATA[<script>x</script>]]>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">',
     '<meta http-equiv="refresh" content="0;url=https://evil.examp'),  # cut at 60
]


@pytest.mark.parametrize(("source", "snippet"), RAW_HTML)
def test_raw_html_in_a_card_is_text_and_a_warning(
        project: Path, capsys: pytest.CaptureFixture[str], source: str, snippet: str) -> None:
    put(project, {"content/cards/bob.yaml": (
        "type: person\nname: Bob Example\nsummary: Plain.\nbody: |\n  First.\n\n"
        f"  {source}\nas_of: 2024-03-01\nsources: [{{article: story}}]\n")})
    outcome = run_build(project, capsys)
    assert outcome.status == 0
    assert outcome.reported == [
        f"content/cards/bob.yaml:7: warning[raw-html]: raw HTML is shown as text: {snippet}"]
    page = BeautifulSoup((project / "public/cards/bob.html").read_text(), "html.parser")
    body = page.select_one(".body")
    assert body is not None
    assert [t.name for t in body.find_all(True)] == ["p", "p"]
    assert source in body.get_text()
    assert run_build(project, capsys, "--strict").status == 1


def test_raw_html_in_a_markdown_seed_is_reported_on_its_line(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {
        "seeds/story.md": "Alice Example met Bob Example.\n\nThen <iframe src=x></iframe> "
                          "came.\n\n<script>\nalert(1)\n</script>\n",
        "content/articles/story.yaml": ("title: A story\ndek: Two people meet.\n"
                                        "date: 2024-03-01\nseed: story.md\n"),
    })
    outcome = run_build(project, capsys)
    assert outcome.reported == [
        "seeds/story.md:3: warning[raw-html]: raw HTML is shown as text: <iframe src=x>",
        "seeds/story.md:5: warning[raw-html]: raw HTML is shown as text: <script>"]
    page = BeautifulSoup((project / "public/articles/story.html").read_text(), "html.parser")
    assert page.find_all("iframe") == []
    assert [s for s in page.find_all("script") if "alert" in str(s)] == []


COMMENTS = [
    "<!-- SECRET -->", "Text <!-- SECRET --> more", "<!-- SECRET\nstill secret -->",
    "<!-- SECRET --> <b>after</b>", "<div>\n<!-- SECRET -->\n</div>", "<!-- SECRET never closed",
    "<!---->\n<!-- SECRET -->",
]


@pytest.mark.parametrize("allow", [False, True])
@pytest.mark.parametrize("source", COMMENTS)
def test_html_comments_never_reach_the_output(source: str, allow: bool) -> None:
    md = make_parser()
    tokens, _ = parse(md, f"Intro.\n\n{source}\n\nOutro.", Location("f.md", 1, 1), allow)
    html = render(md, tokens)
    assert "SECRET" not in html and "secret" not in html
    assert "Intro." in html


@pytest.mark.parametrize("field", ["url", "sources.url"])
@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)",
                                 "data:text/html,<script>", "vbscript:msgbox", "file:///etc/passwd",
                                 "//evil.example/", " javascript:alert(1)", "http://",
                                 "https://x.org/ oops", "mailto:"])
def test_yaml_url_fields_refuse_other_schemes(project: Path, capsys: pytest.CaptureFixture[str],
                                              field: str, url: str) -> None:
    if field == "url":
        path = "content/articles/story.yaml"
        text = (project / path).read_text() + f"url: {_yaml(url)}\n"
        line = 5
    else:
        path = "content/cards/bob.yaml"
        text = (project / path).read_text() + (
            f"  - publisher: P\n    title: T\n    url: {_yaml(url)}\n")
        line = 9
    put(project, {path: text})
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    [line_reported] = outcome.reported
    assert line_reported.startswith(f"{path}:{line}:")
    assert "error[schema-value]" in line_reported
    assert "is not an allowed URL (only http://, https:// and mailto:)" in line_reported


def test_card_link_to_a_path_is_an_unknown_card(project: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {"content/cards/bob.yaml": (
        "type: person\nname: Bob Example\nsummary: See [x](card:../../etc/passwd).\n"
        "as_of: 2024-03-01\nsources: [{article: story}]\n")})
    outcome = run_build(project, capsys)
    assert outcome.reported == [
        "content/cards/bob.yaml:3: error[unknown-card]: unknown card id '../../etc/passwd'"]
