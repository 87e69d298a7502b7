"""The libyaml fast path reads every document exactly as the pure-Python loader does.

Each document is loaded twice, with the fast path and with it turned off; the
located nodes (values, raw text, styles, line:col) and the diagnostics must
be the same. Documents come from PyYAML's dumper in every style and from
lines of hand-picked YAML, the odd corners included.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Diagnostic
from generator.load import yamlfast, yamlio

pytestmark = pytest.mark.skipif(yamlfast.CLoader is None, reason="PyYAML without libyaml")

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def both(data: bytes) -> tuple[str, list[Diagnostic], str, list[Diagnostic], bool]:
    """Fast-path and slow-path results (as reprs, so that NaN equals NaN), and if fast was used."""
    text, _ = yamlio.decode(data, "t.yaml")
    used = text is not None and yamlfast.compose(text, yamlio.MAX_DEPTH) is not None
    fast, fast_diags = yamlio.load_yaml(data, "t.yaml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlio, "compose", lambda text, depth: None)
        slow, slow_diags = yamlio.load_yaml(data, "t.yaml")
    return repr(fast), fast_diags, repr(slow), slow_diags, used


def assert_same(data: bytes) -> bool:
    fast, fast_diags, slow, slow_diags, used = both(data)
    assert fast == slow
    assert [str(d) for d in fast_diags] == [str(d) for d in slow_diags]
    return used


KEYS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
               max_size=12)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.dates(min_value=dt.date(1000, 1, 1)), st.text(max_size=40),
    st.sampled_from(["yes", "No", "on", "OFF", "~", "null", "0o17", "0x1F", "1_000", "1:20:30",
                     "1e3", ".inf", "-.Inf", ".NaN", "2024-02-30", "2024-01-01 10:00:00",
                     "Brexit: the deal", "é ü 日本", "a # not a comment", "'quoted'",
                     "line\nbreak", "tab\there", " lead", "trail ", "\u2028", "\x85"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


@SETTINGS
@given(value=st.dictionaries(KEYS, VALUES, min_size=1, max_size=6),
       flow=st.sampled_from([None, True, False]),
       style=st.sampled_from([None, '"', "'", "|", ">"]),
       indent=st.integers(2, 6), width=st.sampled_from([20, 80, 1000]),
       unicode=st.booleans(), crlf=st.booleans())
def test_dumped_documents_read_the_same(value: dict[str, object], flow: bool | None,
                                        style: str | None, indent: int, width: int,
                                        unicode: bool, crlf: bool) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, default_style=style, indent=indent,
                          width=width, allow_unicode=unicode, sort_keys=False)
    if crlf:
        text = text.replace("\n", "\r\n")
    assert_same(text.encode("utf-8"))


LINES = st.sampled_from([
    "title: Plain words", "title: 'single ''quoted'''", 'title: "double \\u00e9 \\t"',
    "date: 2024-05-01", "count: 12", "ratio: 1.5", "flag: yes", "flag: off", "nothing:",
    "empty: ''", "time: 1:20", "octal: 012", "aliases: [A, 'B', \"C\"]", "map: {a: 1, b: [2]}",
    "body: |", "  First line.", "", "  Second paragraph.", "fold: >-", "  folded", "  text",
    "list:", "  - one", "  - two: 2", "    three: 3", "- top", "? complex", ": value",
    "# a comment", "key: value # trailing", "dup: 1", "dup: 2", "nested:", "  dup: 1",
    "  dup: 2", "anchor: &a x", "alias: *a", "merge:", "  <<: {a: 1}", "tagged: !!str 12",
    "python: !!python/object:os.system x", "custom: !mine x", "bin: !!binary aGk=",
    "set: !!set {a, b}", "bad: !!int nope", "bool: !!bool maybe", "when: !!timestamp x",
    "\ttab: indented", "key:\tvalue", "colon: a: b", "quote: 'unclosed", "[broken",
    "---", "...", "%YAML 1.1", "é: ü", "日本: 語", "surrogate: \"\\ud800\"", "  odd: indent",
    "- - nested", "{a: 1}: weird", "k: v\r", "long: " + "x" * 200, "nul: \"\\0\"",
])


@SETTINGS
@given(lines=st.lists(LINES, min_size=1, max_size=14), crlf=st.booleans())
def test_hand_written_documents_read_the_same(lines: list[str], crlf: bool) -> None:
    assert_same(("\r\n" if crlf else "\n").join(lines).encode("utf-8"))


@pytest.mark.parametrize("text", [
    "name: Keir Starmer\naliases: [Starmer, Sir Keir]\nas_of: 2024-07-05\n",
    "summary: |\n  Line one.\n\n  Line two, é.\nbody: >\n  folded\n  text\n",
    "roles:\n  - title: PM\n    from: 2024-07-05\n  - title: MP\n    from: 2015-05-07\n",
    "a: {b: [1, 2.5, yes, ~, 'x']}\n",
    "日本: 語\nü: \"\\u00e9 x\"\n",
])
def test_ordinary_documents_take_the_fast_path(text: str) -> None:
    assert assert_same(text.encode("utf-8"))


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",  # an alias
    "a: 1\n---\nb: 2\n",  # two documents
    "a: \x01\n",  # a character the pure-Python reader refuses
    "a: [" * 30 + "]" * 30 + "\n",  # deeper than MAX_DEPTH
    "a: 'open\n",  # a syntax error
    "a: 1\na: 2\n",  # a duplicate key: reported from the pure-Python loader's nodes
])
def test_unusual_documents_fall_back_and_read_the_same(text: str) -> None:
    fast, fast_diags, slow, slow_diags, _ = both(text.encode("utf-8"))
    assert (fast, [str(d) for d in fast_diags]) == (slow, [str(d) for d in slow_diags])


@pytest.mark.parametrize("text", [
    "a: x\ufeffy\n", "\ufeffa: 1\n", "a: 1\n\ufeffb: 2\n", "a: x\x85y\n", "a: x\u2028y\n",
    "a: 'x\u2029y'\n", 'a: "x\\\ny"\n', "a: x\rb: y\r", "a: !<tag:yaml.org,2002:str> x\n",
    "%TAG ! tag:yaml.org,2002:\n---\na: !str x\n", "a: |+\n  x\n\n", "a: >2\n   x\n",
    "a: 190:20:30\n", "a: 2001-12-14t21:59:43.10-05:00\n", "a: =\n", "a: <<\n", "a: b\n...\n",
    "{a: 1, a: 2}\n", "a: [1,2,]\n", "a: {b}\n", "[a, b]: c\n", "a: -\n", "a:    \n  b\n",
])
def test_odd_corners_read_the_same(text: str) -> None:
    assert_same(text.encode("utf-8"))


def test_nested_aliases_are_refused_by_both() -> None:
    laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    _, fast_diags, _, slow_diags, used = both(laughs.encode("utf-8"))
    assert not used
    assert [d.code for d in fast_diags] == [d.code for d in slow_diags] == ["yaml-alias"]
