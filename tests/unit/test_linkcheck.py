"""The link checker's URL resolution and the head-tag helpers."""

from __future__ import annotations

import json

import pytest

from generator.check.links import check_site, target_of
from generator.render.meta import og_locale, script_json, shorten

BASE = "https://example.org/explainers/"


@pytest.mark.parametrize(("href", "page", "expected"), [
    ("../people.html", "cards/a.html", ("people.html", "", "")),
    ("b.html#p2", "cards/a.html", ("cards/b.html", "p2", "")),
    ("#main", "cards/a.html", ("cards/a.html", "main", "")),
    ("", "index.html", ("index.html", "", "")),
    ("./", "cards/a.html", ("cards/index.html", "", "")),
    ("../", "cards/a.html", ("index.html", "", "")),
    ("caf%C3%A9.html", "index.html", ("café.html", "", "")),
    ("style.css?v=2", "static/x.html", ("static/style.css", "", "")),
    (BASE, "cards/a.html", ("index.html", "", "")),
    (BASE + "cards/b.html#x", "index.html", ("cards/b.html", "x", "")),
    ("/explainers/static/style.css", "404.html", ("static/style.css", "", "")),
    ("https://elsewhere.org/a.html", "index.html", (None, "", "")),
    ("mailto:desk@example.org", "index.html", (None, "", "")),
    ("//cdn.example/x.js", "index.html", (None, "", "")),
])
def test_target_of(href: str, page: str, expected: tuple[str | None, str, str]) -> None:
    assert target_of(href, page, BASE) == expected


@pytest.mark.parametrize("href", ["../../x.html", "/other/x.html"])
def test_target_outside_the_site(href: str) -> None:
    target, _, problem = target_of(href, "cards/a.html", BASE)
    assert target is None and problem


def test_check_site_finds_every_kind_of_problem() -> None:
    files = {
        "index.html": b'<a href="a.html#top">a</a><a href="a.html#x">x</a>'
                      b'<link rel="stylesheet" href="s.css"><img srcset="i.png 1x, j.png 2x">',
        "a.html": b'<p id="y">y</p><p id="y">again</p><a href="/explainers/index.html">h</a>',
        "lost.html": b"<p>nobody links here</p>",
        "404.html": b"<p>not found</p>",
        "s.css": b"body { background: url('bg.png') } @import \"more.css\";",
        "i.png": b"",
    }
    report = check_site(files, BASE)
    got = sorted((p.code, p.page, p.href) for p in report.problems)
    assert got == [
        ("anchor-missing", "index.html", "a.html#x"),
        ("id-duplicate", "a.html", ""),
        ("link-broken", "index.html", "j.png"),
        ("link-broken", "s.css", "bg.png"),
        ("link-broken", "s.css", "more.css"),
        ("link-root-relative", "a.html", "/explainers/index.html"),
        ("page-unreachable", "lost.html", ""),
    ]
    assert report.linked_from["a.html"] == {"index.html"}


def test_script_json_cannot_close_the_script() -> None:
    data = {"name": "</script><!-- & \u2028"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("short  text\n here", 50, "short text here"),
    ("one two three four", 12, "one two…"),
    ("abcdefghijkl", 6, "abcde…"),
])
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


@pytest.mark.parametrize(("tag", "locale"), [("en", "en"), ("en-GB", "en_GB"),
                                             ("fr-ca", "fr_CA"), ("zh-Hant-TW", "zh_Hant_TW")])
def test_og_locale(tag: str, locale: str) -> None:
    assert og_locale(tag) == locale
