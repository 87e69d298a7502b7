"""The JSON Schemas agree with the validator: one definition (specs.py), two readers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.authoring.jsonschema import (
    SCHEMA_DIR,
    SCHEMAS,
    caseless,
    document_schema,
    schema_texts,
)
from generator.load.schema import URL_RE, load_record
from generator.load.specs import ARTICLE, CARD, SITE
from tests.conftest import INVALID, ROOT, SITES

VALIDATORS = {record.name: jsonschema.Draft7Validator(document_schema(record, pattern),
                                                       format_checker=jsonschema.FormatChecker())
              for record, pattern in SCHEMAS.values()}


class EditorLoader(yaml.SafeLoader):
    """Reads dates as strings, as yaml-language-server (YAML 1.2) does."""


EditorLoader.add_constructor("tag:yaml.org,2002:timestamp",
                             yaml.SafeLoader.construct_yaml_str)


def as_json(value: Any) -> Any:
    """YAML as an editor's schema checker sees it: dates are strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def schema_errors(data: bytes, record_name: str) -> list[str]:
    value = as_json(yaml.load(data, Loader=EditorLoader))
    return [e.message for e in VALIDATORS[record_name].iter_errors(value)]


def project_files(pattern: str) -> list[Path]:
    roots = [ROOT, *sorted(SITES.iterdir()), INVALID / "_base"]
    return sorted(p for root in roots for p in root.glob(pattern) if p.is_file())


def test_shipped_schemas_are_up_to_date() -> None:
    for name, text in schema_texts().items():
        shipped = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert shipped == text, f"regenerate with: explainer schema -o generator/schemas ({name})"


def test_the_schemas_are_valid_draft_7() -> None:
    for record, pattern in SCHEMAS.values():
        jsonschema.Draft7Validator.check_schema(document_schema(record, pattern))


@pytest.mark.parametrize(("pattern", "record"), [
    ("content/cards/**/*.yaml", CARD), ("content/articles/*.yaml", ARTICLE),
    ("site.yaml", SITE),
])
def test_every_file_of_the_repository_validates(pattern: str, record: Any) -> None:
    files = project_files(pattern)
    assert len(files) >= (20 if record is CARD else 2)  # the seed site and the test sites
    for path in files:
        data = path.read_bytes()
        checked, diags = load_record(data, record, str(path))
        assert diags == [] and checked is not None, path
        assert schema_errors(data, record.name) == [], path


def test_the_scaffold_of_init_validates(tmp_path: Path) -> None:
    from generator.cli import main

    assert main(["-q", "init", str(tmp_path / "p")]) == 0
    cards = list((tmp_path / "p" / "content" / "cards").rglob("*.yaml"))
    assert len(cards) == 5
    for path in cards:
        assert schema_errors(path.read_bytes(), "card") == [], path


CARD_OK = """type: person
name: Ada Lovelace
summary: A mathematician.
as_of: 2024-01-01
sources:
  - publisher: Example
    title: A page
"""
BROKEN_CARDS = {
    "unknown key": CARD_OK + "nmae: x\n",
    "type not a choice": CARD_OK.replace("person", "persn"),
    "missing summary": CARD_OK.replace("summary: A mathematician.\n", ""),
    "no sources": CARD_OK.split("sources:")[0] + "sources: []\n",
    "bad date": CARD_OK.replace("2024-01-01", "2024-13-01"),
    "date as text": CARD_OK.replace("2024-01-01", "yesterday"),
    "bad id": CARD_OK + "id: Ada Lovelace\n",
    "reserved id": CARD_OK + "id: con\n",
    "bad url": CARD_OK + "    url: javascript:alert(1)\n",
    "source without title": CARD_OK.replace("    title: A page\n", ""),
    "source with article and publisher": CARD_OK + "    article: story\n",
    "paragraph without article": CARD_OK + "    paragraph: 3\n",
    "aliases not a list": CARD_OK + "aliases: Ada\n",
    "name is a number": CARD_OK.replace("Ada Lovelace", "1234"),
    "name is a boolean": CARD_OK.replace("Ada Lovelace", "no"),
    "blank summary": CARD_OK.replace("A mathematician.", "'  '"),
    "roles on a place": CARD_OK.replace("person", "place") +
    "roles:\n  - title: Mayor\n    from: 2020-01-01\n",
    "date on a person": CARD_OK + "date: 2020-01-01\n",
    "event without date": CARD_OK.replace("person", "event"),
    "role without from": CARD_OK + "roles:\n  - title: Mayor\n",
    "draft not a boolean": CARD_OK + "draft: maybe\n",
}


@pytest.mark.parametrize("case", sorted(BROKEN_CARDS))
def test_schema_and_validator_both_reject(case: str) -> None:
    from generator.load.cards import load_card
    from generator.project import Project

    data = BROKEN_CARDS[case].encode()
    assert schema_errors(data, "card"), case
    checked, diags = load_record(data, CARD, "c.yaml")
    if checked is not None:  # rules checked in cards.py, beyond the Records
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "content" / "cards" / "c.yaml"
            path.parent.mkdir(parents=True)
            path.write_bytes(data)
            _, diags = load_card(Project(Path(folder)), path)
    assert diags, case


@pytest.mark.parametrize("case", ["many_problems", "missing_field", "unknown_field",
                                  "bad_date", "bad_url", "yaml_boolean"])
def test_schema_rejects_the_broken_cards_of_the_invalid_sites(case: str) -> None:
    files = sorted((INVALID / case / "content" / "cards").rglob("*.yaml"))
    assert files
    rejected = [p for p in files if schema_errors(p.read_bytes(), "card")]
    assert rejected, case


def test_empty_optional_value_is_allowed_like_the_validator() -> None:
    data = (CARD_OK + "kind:\naliases:\n").encode()
    assert schema_errors(data, "card") == []
    assert load_record(data, CARD, "c.yaml")[1] == []


def test_caseless_url_pattern_matches_like_the_flagged_regex() -> None:
    pattern = re.compile(caseless(URL_RE.pattern))
    for url in ("https://x.org/", "HTTPS://X.ORG/a", "Mailto:a@b.c", "ftp://x", "javascript:x"):
        assert bool(pattern.match(url)) == bool(URL_RE.match(url)), url
