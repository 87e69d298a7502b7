"""The YAML reader: locations, duplicates, aliases, tags and bad bytes."""

from __future__ import annotations

import pytest

from generator.load.yamlio import CONTROL_RE, YMap, YScalar, YSeq, find_control, load_yaml


def codes(data: bytes) -> list[tuple[str, int, int]]:
    _, diags = load_yaml(data, "f.yaml")
    return [(d.code, d.location.line, d.location.col) for d in diags]


@pytest.mark.parametrize(("data", "expected"), [
    (b"a: 1\nb: 2\na: 3\n", [("yaml-duplicate-key", 3, 1)]),
    (b"a:\n  b: 1\n  c: 2\n  b: 3\n", [("yaml-duplicate-key", 4, 3)]),
    (b"title: Brexit: the deal\n", [("yaml-syntax", 1, 14)]),
    (b"a: \"open\n", [("yaml-syntax", 2, 1)]),
    (b"a: 1\n\tb: 2\n", [("yaml-syntax", 2, 1)]),
    (b"a: &x [1, 2]\nb: *x\n", [("yaml-alias", 2, 4)]),
    (b"a: !!python/object:os.system ls\n", [("yaml-tag", 1, 4)]),
    (b"a: !custom x\n", [("yaml-tag", 1, 4)]),
    (b"", [("yaml-empty", 1, 1)]),
    (b"# only a comment\n", [("yaml-empty", 1, 1)]),
    (b"a: 1\n---\nb: 2\n", [("yaml-documents", 3, 1)]),
    (b"a: 2025-02-30\n", [("yaml-value", 1, 4)]),
    (b"a: ok\nb: \xff\n", [("encoding", 2, 4)]),
    (b"a: ok\nb: x\x00y\n", [("encoding", 2, 5)]),
])
def test_problems_are_located(data: bytes, expected: list[tuple[str, int, int]]) -> None:
    assert codes(data) == expected


def test_hints_for_common_mistakes() -> None:
    _, diags = load_yaml(b"title: Brexit: the deal\n", "f.yaml")
    assert 'title: "Brexit: the deal"' in diags[0].hint
    _, diags = load_yaml(b"\ta: 1\n", "f.yaml")
    assert "spaces" in diags[0].hint


def test_bom_and_crlf_are_accepted() -> None:
    tree, diags = load_yaml(b"\xef\xbb\xbfa: 1\r\nb: |\r\n  hi\r\n", "f.yaml")
    assert diags == []
    assert isinstance(tree, YMap)
    assert [name for name, _, _ in tree.items] == ["a", "b"]
    body = tree.items[1][2]
    assert isinstance(body, YScalar)
    assert body.value == "hi\n"
    assert body.content_loc.line == 3  # a block scalar's text starts on the next line


def test_values_keep_their_locations() -> None:
    tree, _ = load_yaml(b"name: x\nlist:\n  - one\n  - two\n", "f.yaml")
    assert isinstance(tree, YMap)
    seq = tree.items[1][2]
    assert isinstance(seq, YSeq)
    assert [(i.loc.line, i.loc.col) for i in seq.items] == [(3, 5), (4, 5)]


def test_billion_laughs_is_refused_cheaply() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    _, diags = load_yaml("\n".join(lines).encode(), "f.yaml")
    assert diags and all(d.code == "yaml-alias" for d in diags)


@pytest.mark.parametrize("text", [
    "plain", "tab\tand\nlines\r\n", "bell\x07", "delete\x7f", "c1\x85 next line is allowed",
    "c1\x9b", "curly ’quote’ then \x01", "\ufdd0 noncharacter", "\ufffe", "ok \ufffd",
    "emoji 😀 fine", "emoji 😀 then \U0001fffe", "\U0010ffff", "\U0010fffd ok", "Ωmega\x1f",
    "astral 𝔸 before a BMP one \uffff", "",
])
def test_the_fast_control_search_finds_what_the_whole_class_finds(text: str) -> None:
    found, expected = find_control(text), CONTROL_RE.search(text)
    assert (found and (found.start(), found.group())) == (
        expected and (expected.start(), expected.group()))
