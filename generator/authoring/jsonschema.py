"""JSON Schemas for editors, generated from the same Records that validate the files.

``generator/specs.py`` is the one definition of every YAML file's fields;
this module only translates it, so an editor (VS Code's YAML extension and
any other yaml-language-server client) checks and completes exactly the keys
the build accepts. A few checks stay with the build because JSON Schema
cannot express them: duplicate keys, ids that must name another card, quotes
that must occur in the text, and dates in order.

The generated files are shipped in ``generator/schemas/`` (a test keeps them
up to date) so that editors and other tools can use them without running
Python, and ``explainer init`` / ``explainer schema`` copy them into a project.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.load.schema import (
    PARTIAL_DATE_RE,
    SLUG_RE,
    URL_RE,
    WIKIDATA_RE,
    WINDOWS_DEVICES,
    Field,
    Record,
)
from generator.load.specs import ARTICLE, CARD, CARD_TYPES, REQUIRED_FOR_TYPE, SITE, TYPE_ONLY

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = Path(__file__).parent.parent / "schemas"
# File name of each schema, and the files (relative to a project) it describes.
SCHEMAS: dict[str, tuple[Record, str]] = {
    "site.schema.json": (SITE, "site.yaml"),
    "article.schema.json": (ARTICLE, "content/articles/*.yaml"),
    "card.schema.json": (CARD, "content/cards/**/*.yaml"),
}
NOT_BLANK = r"\S"
ONE_LINE = r"^[^\n\r]*\S[^\n\r]*$"
DATE = r"^\d{4}-\d{2}-\d{2}$"


def caseless(pattern: str) -> str:
    """A regular expression that matches ``pattern`` ignoring ASCII case, without flags."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]":
            in_class = False
            out.append(char)
        elif char.isascii() and char.isalpha() and not in_class:
            out.append(f"[{char.lower()}{char.upper()}]")
        else:
            out.append(char)
    return "".join(out)


def value_schema(spec: Field) -> dict[str, Any]:
    """The JSON Schema of one field's value (without its documentation)."""
    if spec.kind == "record":
        assert spec.record is not None
        return record_schema(spec.record)
    if spec.kind == "list":
        assert spec.item is not None
        return {"type": "array", "items": value_schema(spec.item)}
    simple: dict[str, dict[str, Any]] = {
        "str": {"type": "string", "pattern": ONE_LINE},
        "text": {"type": "string", "pattern": NOT_BLANK},
        "slug": {"type": "string", "pattern": SLUG_RE.pattern, "maxLength": 100,
                 "not": {"enum": sorted(WINDOWS_DEVICES)}},
        "date": {"type": "string", "format": "date", "pattern": DATE},
        # YAML reads a lone year (2019) as a number.
        "partial date": {"anyOf": [{"type": "string", "pattern": PARTIAL_DATE_RE.pattern},
                                   {"type": "integer", "minimum": 1, "maximum": 9999}]},
        "url": {"type": "string", "pattern": caseless(URL_RE.pattern)},
        "wikidata": {"type": "string", "pattern": WIKIDATA_RE.pattern},
        "int": {"type": "integer"},
        "fraction": {"type": "number", "minimum": 0, "maximum": 1},
        "bool": {"type": "boolean"},
        "choice": {"type": "string", "enum": list(spec.choices)},
    }
    schema = dict(simple[spec.kind])
    if spec.limits:
        schema["minimum"], schema["maximum"] = spec.limits
    return schema


def field_schema(spec: Field) -> dict[str, Any]:
    """A field's value schema with its documentation; an empty value counts as absent."""
    schema = value_schema(spec)
    if spec.min_items:
        schema["minItems"] = spec.min_items
    if not spec.required:
        # "key:" with nothing after it is the same as leaving the key out.
        schema = {"anyOf": [schema, {"type": "null"}]}
    schema = {"description": spec.doc, **schema}
    if spec.default is not None:
        default = spec.default
        schema["default"] = list(default) if isinstance(default, tuple) else default
    return schema


def record_schema(record: Record) -> dict[str, Any]:
    """An object schema: the record's fields, the required ones, and no other keys."""
    schema: dict[str, Any] = {
        "type": "object",
        "description": record.doc,
        "properties": {f.name: field_schema(f) for f in record.fields},
        "additionalProperties": False,
    }
    required = [f.name for f in record.fields if f.required]
    if required:
        schema["required"] = required
    if record.variants:
        # A key with an empty value counts as absent, as in the validator.
        schema["anyOf"] = [{
            "required": list(v.requires),
            "properties": {**{k: {"not": {"type": "null"}} for k in v.requires},
                           **{k: {"type": "null"} for k in v.forbids}},
        } for v in record.variants]
    return schema


def _absent(spec: Field) -> dict[str, Any]:
    """A field that must be empty: an empty list, or nothing at all."""
    if spec.kind == "list":
        return {"type": ["array", "null"], "maxItems": 0}
    return {"type": "null"}


def card_type_rules() -> list[dict[str, Any]]:
    """if/then rules for the fields that only some card types take or need."""
    rules = []
    for card_type in CARD_TYPES:
        then: dict[str, Any] = {}
        banned = {name: _absent(spec) for name, types in TYPE_ONLY.items()
                  if card_type not in types and (spec := CARD.field_named(name)) is not None}
        if banned:
            then["properties"] = banned
        needed = REQUIRED_FOR_TYPE.get(card_type, ())
        if needed:
            then["required"] = list(needed)
            then.setdefault("properties", {}).update(
                {name: {"not": {"type": "null"}} for name in needed})
        if then:
            rules.append({"if": {"properties": {"type": {"const": card_type}},
                                 "required": ["type"]}, "then": then})
    return rules


def document_schema(record: Record, filename: str) -> dict[str, Any]:
    """The complete schema of one kind of file."""
    schema: dict[str, Any] = {"$schema": DRAFT, "title": f"explainer {record.name} "
                              f"({filename})", **record_schema(record)}
    if record is CARD:
        schema["allOf"] = card_type_rules()
    return schema


def schema_texts() -> dict[str, str]:
    """Each schema file's name and its JSON text, as shipped and as written into projects."""
    return {name: json.dumps(document_schema(record, pattern), indent=2, ensure_ascii=False)
            + "\n" for name, (record, pattern) in SCHEMAS.items()}

