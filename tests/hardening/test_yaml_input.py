"""Hostile and broken YAML: every case is built and must report exactly these lines.

Each case overlays files on the small valid base project (which has a previous
site in public/); the build must fail with exactly the listed diagnostics, leave
public/ untouched and print no traceback (see ``run_build``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.schema import TEXT_KINDS, Field, Record, load_record
from generator.load.specs import ARTICLE, CARD, LOCAL_ALIAS, QUOTE, ROLE, SITE, SOURCE
from tests.hardening.conftest import CAROL, put, run_build

pytestmark = pytest.mark.hostile

C = "content/cards/carol.yaml"
A = "content/articles/story.yaml"
STORY = "title: A story\ndek: Two people meet.\ndate: 2024-03-01\nseed: story.txt\n"


def card(text: str) -> dict[str, str | bytes]:
    return {C: text}


CASES = [
    # -- syntax: file:line:col (1-based) and a one-line hint -------------------------------
    pytest.param(card("type: person\n\tname: Carol\n"), [
        f"{C}:2:1: error[yaml-syntax]: YAML syntax: found character '\\t' that cannot start "
        "any token (while scanning for the next token)",
        "    hint: YAML indents with spaces; replace the tab with spaces"], id="tab-indent"),
    pytest.param(card('type: person\nname: "Carol\nsummary: x\n'), [
        f"{C}:4:1: error[yaml-syntax]: YAML syntax: found unexpected end of stream (while "
        "scanning a quoted scalar)",
        "    hint: a quoted value is not closed; add the closing quote"], id="unclosed-quote"),
    pytest.param(card("type: person\nname: Brexit: the deal\n"), [
        f"{C}:2:13: error[yaml-syntax]: YAML syntax: mapping values are not allowed here",
        '    hint: a value that contains ": " must be quoted, for example  '
        'title: "Brexit: the deal"'], id="unquoted-colon"),
    pytest.param(card('type: person\nname: "C:\\Carol"\n'), [
        f"{C}:2:11: error[yaml-syntax]: YAML syntax: found unknown escape character 'C' "
        "(while scanning a double-quoted scalar)",
        '    hint: inside "double quotes" a backslash starts an escape; use single quotes or '
        "write \\\\"], id="bad-escape"),
    pytest.param(card("type: person\n  name: Carol\n"), [
        f"{C}:2:7: error[yaml-syntax]: YAML syntax: mapping values are not allowed here"],
        id="bad-indent"),
    # -- duplicate keys at any depth name the key and both lines ----------------------------
    pytest.param(card(CAROL + "name: Carol Again\n"), [
        f"{C}:7:1: error[yaml-duplicate-key]: duplicate key 'name' (first defined on line 2)"],
        id="duplicate-key-top"),
    pytest.param(card(CAROL + "    paragraph: 1\n    paragraph: 2\n"), [
        f"{C}:8:5: error[yaml-duplicate-key]: duplicate key 'paragraph' (first defined on "
        "line 7)"], id="duplicate-key-in-list-item"),
    pytest.param(card(CAROL + "roles:\n  - title: Mayor\n    from: 2020-01-01\n"
                      "    aliases: [the mayor]\n    from: 2021-01-01\n"), [
        f"{C}:11:5: error[yaml-duplicate-key]: duplicate key 'from' (first defined on line 9)"],
        id="duplicate-key-depth-3"),
    pytest.param({"site.yaml": "title: A\ndescription: B\nbase_url: https://x.org/\n"
                               "title: C\n"}, [
        "site.yaml:4:1: error[yaml-duplicate-key]: duplicate key 'title' (first defined on "
        "line 1)"], id="duplicate-key-site"),
    # -- aliases, merge keys and tags are refused wherever they are -------------------------
    pytest.param(card("type: &t person\nname: *t\n"), [
        f"{C}:2:7: error[yaml-alias]: YAML aliases (*name) are not allowed"], id="alias"),
    pytest.param(card(CAROL + "roles:\n  - <<: {title: Mayor}\n    from: 2020-01-01\n"), [
        f"{C}:8:5: error[yaml-tag]: YAML merge keys (<<) are not allowed",
        f"{C}:8:5: error[schema-missing-key]: missing required key 'title' in role"],
        id="merge-key"),
    pytest.param(card(CAROL.replace("person", "!!python/object/apply:os.system [echo]")), [
        f"{C}:1:7: error[yaml-tag]: YAML tag '!!python/object/apply:os.system' is not "
        "allowed"], id="python-object-top"),
    pytest.param(card(CAROL.replace("article: story", "article: !!python/name:os.system x")), [
        f"{C}:6:14: error[yaml-tag]: YAML tag '!!python/name:os.system' is not allowed"],
        id="python-name-in-list"),
    pytest.param(card(CAROL + "roles:\n  - title: Mayor\n    from: 2020-01-01\n"
                      "    aliases:\n      - !!python/object:__main__.X {a: 1}\n"), [
        f"{C}:11:9: error[yaml-tag]: YAML tag '!!python/object:__main__.X' is not allowed"],
        id="python-object-depth-4"),
    pytest.param(card(CAROL + "aliases: !!python/tuple [a, b]\n"), [
        f"{C}:7:10: error[yaml-tag]: YAML tag '!!python/tuple' is not allowed"],
        id="python-tuple"),
    pytest.param(card(CAROL + "!!python/str kind: x\n"), [
        f"{C}:7:1: error[yaml-tag]: YAML tag '!!python/str' is not allowed"], id="tagged-key"),
    pytest.param(card(CAROL + "kind: !<tag:yaml.org,2002:python/object:os.system> x\n"), [
        f"{C}:7:7: error[yaml-tag]: YAML tag '!!python/object:os.system' is not allowed"],
        id="verbatim-tag"),
    pytest.param(card(CAROL + "kind: !!binary aGk=\naliases: !!set {a: null}\n"), [
        f"{C}:7:7: error[yaml-tag]: YAML tag '!!binary' is not allowed",
        f"{C}:8:10: error[yaml-tag]: YAML tag '!!set' is not allowed"], id="binary-and-set"),
    pytest.param(card(CAROL + "kind: !custom x\n"), [
        f"{C}:7:7: error[yaml-tag]: YAML tag '!custom' is not allowed"], id="local-tag"),
    pytest.param(card(CAROL + "kind: !!bool maybe\nas_of: !!timestamp soon\n"), [
        f"{C}:7:7: error[yaml-value]: invalid value 'maybe': not a valid bool",
        f"{C}:8:1: error[yaml-duplicate-key]: duplicate key 'as_of' (first defined on line 4)",
        f"{C}:8:8: error[yaml-value]: invalid value 'soon': not a valid timestamp"],
        id="bad-typed-scalars"),
    pytest.param(card(CAROL.replace("as_of: 2024-03-01", "as_of: 2024-02-30")), [
        f"{C}:4:8: error[yaml-value]: invalid value '2024-02-30': day is out of range for "
        "month"], id="impossible-date"),
    # -- bytes: invalid UTF-8, NUL and control characters, with their line ------------------
    pytest.param(card(""), [f"{C}:1:1: error[yaml-empty]: file is empty"], id="empty"),
    pytest.param(card("\n  \n# just a comment\n"), [
        f"{C}:1:1: error[yaml-empty]: file is empty"], id="comment-only"),
    pytest.param({C: CAROL.encode().replace(b"third", b"th\xefrd")}, [
        f"{C}:3:14: error[encoding]: invalid UTF-8 byte 0xef"], id="invalid-utf8"),
    pytest.param({C: CAROL.encode("latin-1").replace(b"Carol", b"Car\xe9l", 1)}, [
        f"{C}:2:10: error[encoding]: invalid UTF-8 byte 0xe9"], id="latin-1"),
    pytest.param({C: CAROL.encode("utf-16")}, [
        f"{C}:1:1: error[encoding]: file is UTF-16, not UTF-8"], id="utf-16"),
    pytest.param({C: CAROL.encode().replace(b"third", b"th\x00rd")}, [
        f"{C}:3:14: error[encoding]: file contains a NUL byte"], id="nul"),
    pytest.param({C: CAROL.encode().replace(b"third", b"th\x1brd")}, [
        f"{C}:3:14: error[encoding]: control character U+001B is not allowed"],
        id="escape-character"),
    pytest.param({C: CAROL.replace("third", "th\ufffeird")}, [
        f"{C}:3:14: error[encoding]: control character U+FFFE is not allowed"],
        id="non-character"),
    pytest.param(card(CAROL.replace("name: Carol Example", 'name: "Carol \\ud800"')), [
        f"{C}:2:7: error[encoding]: invalid character U+D800 (a lone surrogate)"],
        id="lone-surrogate-escape"),
    pytest.param({"seeds/story.txt": b"Alice Example met Bob.\nThey \xff spoke.\n"}, [
        "seeds/story.txt:2:6: error[encoding]: invalid UTF-8 byte 0xff"], id="seed-invalid-utf8"),
    pytest.param({"seeds/story.txt": b"Alice Example met Bob.\n\x00\n"}, [
        "seeds/story.txt:2:1: error[encoding]: file contains a NUL byte"], id="seed-nul"),
    # -- shapes: several documents, a list where a mapping belongs, deep nesting ------------
    pytest.param(card(CAROL + "---\ntype: place\n"), [
        f"{C}:8:1: error[yaml-documents]: file holds more than one YAML document"],
        id="two-documents"),
    pytest.param(card("- type: person\n- name: Carol\n"), [
        f"{C}:1:1: error[schema-type]: expected a mapping (a fact card), got a list"],
        id="list-not-mapping"),
    pytest.param(card("just words\n"), [
        f"{C}:1:1: error[schema-type]: expected a mapping (a fact card), got the text "
        "'just words'"],
        id="scalar-not-mapping"),
    pytest.param(card(CAROL.replace("sources:\n  - article: story\n",
                                    "sources:\n  article: story\n")), [
        f"{C}:6:3: error[schema-type]: 'sources' must be a list, got a mapping"],
        id="mapping-not-list"),
    pytest.param(card(CAROL.replace("  - article: story", "  - story")), [
        f"{C}:6:5: error[schema-type]: expected a mapping (where a fact comes from: a "
        "publication, or a paragraph of an article), got the text 'story'"],
        id="scalar-not-record"),
    pytest.param(card(CAROL + "name: [[[x]]]\n"), [
        f"{C}:7:1: error[yaml-duplicate-key]: duplicate key 'name' (first defined on line 2)"],
        id="nested-list-in-duplicate"),
    pytest.param(card(CAROL + "kind: " + "[" * 200 + "]" * 200 + "\n"), [
        f"{C}:7:26: error[yaml-depth]: lists and mappings are nested more than 20 levels "
        "deep"], id="deep-nesting"),
    pytest.param(card(CAROL + "kind: " + "{a: " * 5000 + "}" * 5000 + "\n"), [
        f"{C}:7:80: error[yaml-depth]: lists and mappings are nested more than 20 levels "
        "deep"], id="very-deep-nesting"),
    pytest.param({"site.yaml": ""}, ["site.yaml:1:1: error[yaml-empty]: file is empty"],
                 id="empty-site"),
    pytest.param({"site.yaml": "[title, description]\n"}, [
        "site.yaml:1:1: error[schema-type]: expected a mapping (site settings), got a list"],
        id="site-is-a-list"),
    pytest.param({A: STORY + "quotes: {speaker: alice}\n"}, [
        f"{A}:5:9: error[schema-type]: 'quotes' must be a list, got a mapping"],
        id="article-mapping-not-list"),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_broken_yaml(project: Path, capsys: pytest.CaptureFixture[str],
                     files: dict[str, str | bytes], expected: list[str]) -> None:
    put(project, files)
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    shown = [line for line in outcome.err.splitlines()
             if ": error[" in line or ": warning[" in line or
             (line.startswith("    hint:") and any(e.startswith("    hint:") for e in expected))]
    assert shown == expected


# -- YAML 1.1 surprises in every field that expects a string ---------------------------------

SURPRISES = {"NO": "the boolean false", "on": "the boolean true", "012345": "the number 5349",
             "12:30": "the number 750", "~": "nothing (null)"}


def _minimal(record: Record) -> dict[str, str]:
    """A valid value (as YAML text) for each required field of ``record``."""
    sample = {"str": "x", "text": "x", "slug": "x", "date": "2024-01-01",
              "partial date": "2024-01", "url": "https://x.org/", "int": "1", "bool": "true"}
    out = {}
    for f in record.fields:
        if f.required:
            out[f.name] = f.choices[0] if f.kind == "choice" else (
                _minimal_list(f) if f.kind == "list" else sample[f.kind])
    if record.variants:  # the first allowed shape's keys
        for name in record.variants[0].requires:
            spec = record.field_named(name)
            assert spec is not None
            out.setdefault(name, sample[spec.kind])
    return out


def _minimal_list(spec: Field) -> str:
    """An empty list, or as many minimal items as the list needs."""
    if not spec.min_items:
        return "[]"
    assert spec.item is not None and spec.item.record is not None
    item = ", ".join(f"{k}: {v}" for k, v in _minimal(spec.item.record).items())
    return "[" + ", ".join(["{" + item + "}"] * spec.min_items) + "]"


def _string_fields() -> list[tuple[Record, Field, bool]]:
    records = [SITE, ARTICLE, CARD, SOURCE, ROLE, QUOTE, LOCAL_ALIAS]
    found = []
    for record in records:
        for f in record.fields:
            if f.kind in TEXT_KINDS:
                found.append((record, f, False))
            elif f.kind == "list" and f.item is not None and f.item.kind in TEXT_KINDS:
                found.append((record, f, True))
    return found


@pytest.mark.parametrize("raw", list(SURPRISES))
@pytest.mark.parametrize(("record", "spec", "in_list"), [
    pytest.param(r, f, i, id=f"{r.name}.{f.name}") for r, f, i in _string_fields()])
def test_yaml_11_surprise_in_every_string_field(record: Record, spec: Field, in_list: bool,
                                                raw: str) -> None:
    values = _minimal(record) | {spec.name: "x"}
    lines = [f"{k}: {v}" for k, v in values.items() if k != spec.name]
    lines.append(f"{spec.name}:\n  - {raw}" if in_list else f"{spec.name}: {raw}")
    _, diags = load_record(("\n".join(lines) + "\n").encode(), record, "f.yaml")
    [problem] = diags
    line = len(lines) + (1 if in_list else 0)
    assert (problem.code, problem.location.line) == ("schema-value", line)
    assert f"got {SURPRISES[raw]}" in problem.message
    quoted = f'- "{raw}"' if in_list else f'{spec.name}: "{raw}"'
    assert problem.hint == (f"YAML reads the unquoted {raw!r} as {SURPRISES[raw]}; put it in "
                            f"quotes:  {quoted}")
