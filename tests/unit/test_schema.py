"""Schema checks: types, YAML 1.1 surprises, unknown keys, ids and URLs."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.load.schema import load_record, slug_problem, slugify
from generator.load.specs import CARD, SITE

CARD_OK = b"""type: person
name: Ada
summary: A person.
as_of: 2024-01-01
sources:
  - publisher: Example
    title: A page
"""


def test_valid_card() -> None:
    checked, diags = load_record(CARD_OK, CARD, "c.yaml")
    assert diags == []
    assert checked is not None
    assert checked["name"] == "Ada"
    assert checked["as_of"] == dt.date(2024, 1, 1)
    assert checked["aliases"] == ()
    assert checked.where("name").line == 2


@pytest.mark.parametrize(("line", "message", "hint"), [
    (b"name: NO\n", "expected text, got the boolean false", 'name: "NO"'),
    (b"name: on\n", "expected text, got the boolean true", 'name: "on"'),
    (b"name: 012345\n", "expected text, got the number", 'name: "012345"'),
    (b"name: 12:30\n", "expected text, got the number", 'name: "12:30"'),
])
def test_yaml_11_surprises_suggest_quotes(line: bytes, message: str, hint: str) -> None:
    data = CARD_OK.replace(b"name: Ada\n", line)
    _, diags = load_record(data, CARD, "c.yaml")
    assert len(diags) == 1
    assert message in diags[0].message
    assert hint in diags[0].hint
    assert diags[0].location.line == 2


def test_unknown_key_suggests_the_right_one() -> None:
    _, diags = load_record(b"title: T\ndescription: D\nbase_url: https://x.org/\ntitel: x\n",
                           SITE, "site.yaml")
    assert [d.code for d in diags] == ["schema-unknown-key"]
    assert diags[0].hint == "did you mean 'title'?"


def test_every_problem_is_reported() -> None:
    data = b"type: persn\nname: [a]\nsummary: x\nas_of: someday\nsources: nope\n"
    _, diags = load_record(data, CARD, "c.yaml")
    assert [d.location.line for d in diags] == [1, 2, 4, 5]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x",
                                 "ftp://x.org", "//x.org"])
def test_only_http_and_mailto_urls(url: str) -> None:
    data = CARD_OK + f"    url: {url}\n".encode()
    _, diags = load_record(data, CARD, "c.yaml")
    assert [d.code for d in diags] == ["schema-value"]
    assert "not an allowed URL" in diags[0].message


@pytest.mark.parametrize(("value", "ok"), [
    ("keir-starmer", True), ("a", True), ("../../etc", False), ("", False), ("Keir", False),
    ("a--b", False), ("con", False), ("lpt1", False), ("x" * 101, False), ("a\x00b", False),
    ("/etc/passwd", False), ("café", False),
])
def test_slugs(value: str, ok: bool) -> None:
    assert (slug_problem(value) == "") is ok


def test_slugify() -> None:
    assert slugify("Élysée Palace") == "elysee-palace"
    assert slugify("NUL") == "nul-1"
    assert slug_problem(slugify("  !!  ")) == ""
