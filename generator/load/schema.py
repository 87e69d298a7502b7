"""One definition of every YAML file's fields: it drives validation and the JSON Schema.

A ``Record`` lists ``Field`` specs; ``check`` walks a located YAML tree against a
record, collecting every problem, and returns a ``Checked`` value that keeps
each field's source location for later stages.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Diagnostic, Location, did_you_mean, error, shown
from generator.load.translit import transliterate
from generator.load.yamlio import INVALID, YMap, YNode, YScalar, YSeq
from generator.model import PartialDate

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^(https?://[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+)$", re.IGNORECASE)
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)
TEXT_KINDS = ("str", "text", "slug", "url", "choice", "wikidata")  # kinds with string values
KINDS = ("str", "text", "slug", "date", "partial date", "url", "int", "fraction", "bool",
         "choice", "list", "record", "wikidata")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]{0,11}$")  # an item of Wikidata, like Q42
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a YAML mapping: its name, kind of value and documentation."""

    name: str
    kind: str
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    item: Field | None = None  # for kind "list"
    record: Record | None = None  # for kind "record"
    default: Any = None
    min_items: int = 0  # for kind "list": how many items it needs at least
    limits: tuple[int, int] | None = None  # for kind "int": the lowest and highest allowed
    visible: bool = False  # a name or alias: no invisible format characters (U+202E...)


@dataclass(frozen=True, slots=True)
class Variant:
    """One allowed shape of a record: keys it must have and keys it must not have."""

    requires: tuple[str, ...]
    forbids: tuple[str, ...] = ()

    def fits(self, given: set[str]) -> bool:
        """Whether a mapping with the keys ``given`` has this shape."""
        return set(self.requires) <= given and not given & set(self.forbids)


@dataclass(frozen=True, slots=True)
class Record:
    """A YAML mapping with a fixed set of keys."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    # When not empty, a mapping must fit one of these shapes; ``shapes_doc`` says them.
    variants: tuple[Variant, ...] = ()
    shapes_doc: str = ""
    # Keys that belong in another file, each with where to put it ("quotes" on a card).
    elsewhere: tuple[tuple[str, str], ...] = ()

    def field_named(self, name: str) -> Field | None:
        """The field called ``name``, if the record has one."""
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class Checked:
    """A validated mapping: plain values plus where each came from."""

    values: dict[str, Any]
    locs: dict[str, Location]
    loc: Location
    items: dict[str, tuple[Location, ...]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        """The field's value, or ``default`` if it was not given."""
        value = self.values.get(name)
        return default if value is None else value

    def where(self, name: str) -> Location:
        """Where the field's value is, or the mapping itself if it is absent."""
        return self.locs.get(name, self.loc)

    def item_locs(self, name: str) -> tuple[Location, ...]:
        """The location of each item of a list field."""
        return self.items.get(name, ())


def slug_problem(value: str) -> str:
    """Why ``value`` is not a usable id, or an empty string if it is."""
    if not value:
        return "an id cannot be empty"
    if len(value) > 100:
        return "an id must be at most 100 characters"
    if not SLUG_RE.match(value):
        return "an id uses lower-case letters a-z, digits and single hyphens only"
    if value in WINDOWS_DEVICES:
        return f"'{value}' is a reserved device name on Windows"
    return ""


def slugify(text: str, language: str = "") -> str:
    """A slug made from a name: 'Élysée Palace' -> 'elysee-palace', Cyrillic and Greek
    transliterated ('Володимир Зеленський' -> 'volodymyr-zelenskyi'; see ``translit``)."""
    slug = slug_of(text, language)
    return slug if slug and slug not in WINDOWS_DEVICES else f"{slug or 'item'}-1"


def slug_of(text: str, language: str = "") -> str:
    """The words of ``text`` as a slug, empty if it has no letter or digit to keep."""
    text = transliterate(text, language)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100].strip("-")


def check(node: YNode, record: Record, path: str,
          partial: bool = False) -> tuple[Checked | None, list[Diagnostic]]:
    """Validate ``node`` against ``record``; every problem is reported, not only the first.

    With ``partial``, what is valid is returned even when there are problems (the
    invalid fields left out): a draft is shown in the preview as far as it goes."""
    diags: list[Diagnostic] = []
    result = _check_record(node, record, diags)
    return (result if not diags or partial else None), diags


def _type_name(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text {shown(value, 40)}"
    return type(value).__name__


def _check_record(node: YNode, record: Record, diags: list[Diagnostic]) -> Checked | None:
    if isinstance(node, YScalar) and node.value is INVALID:
        return None  # already reported by the YAML reader
    if not isinstance(node, YMap):
        diags.append(error("schema-type", f"expected a mapping ({record.doc}), got "
                           f"{_node_kind(node)}", node.loc, "write 'key: value' lines"))
        return None
    values: dict[str, Any] = {}
    locs: dict[str, Location] = {}
    items: dict[str, tuple[Location, ...]] = {}
    known = [f.name for f in record.fields]
    invalid: set[str] = set()
    for name, key, value in node.items:
        spec = record.field_named(name)
        if spec is None:
            hint = (dict(record.elsewhere).get(name) or did_you_mean(name, known)
                    or "known keys: " + ", ".join(known))
            diags.append(error("schema-unknown-key", f"unknown key '{name}' in {record.name}",
                               key.loc, hint))
            continue
        checked = _check_value(value, spec, diags)
        if checked is INVALID:
            invalid.add(name)
        else:
            values[name] = checked
            locs[name] = value.content_loc if isinstance(value, YScalar) else value.loc
            if isinstance(value, YSeq):
                items[name] = tuple(
                    i.content_loc if isinstance(i, YScalar) else i.loc for i in value.items)
    for spec in record.fields:
        if spec.required and spec.name not in invalid and values.get(spec.name) is None:
            diags.append(error("schema-missing-key", f"missing required key '{spec.name}' in "
                               f"{record.name}", node.loc, f"add  {spec.name}: ...  ({spec.doc})"))
        if values.get(spec.name) is None:
            values[spec.name] = spec.default
    given = {name for name, value in values.items() if value is not None}
    # A field already reported as invalid would only add a knock-on shape error.
    if record.variants and not invalid and not any(v.fits(given) for v in record.variants):
        empty = [name for name, _, value in node.items
                 if isinstance(value, YScalar) and value.value is None and not value.raw]
        said = (f" ({' and '.join(empty)} {'is' if len(empty) == 1 else 'are'} empty)"
                if empty else "")
        diags.append(error("schema-shape", f"this {record.name} does not fit any of its "
                           f"forms{said}", node.loc, record.shapes_doc))
    return Checked(values, locs, node.loc, items)


def _node_kind(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    return _type_name(node.value)


def _check_value(node: YNode, spec: Field, diags: list[Diagnostic], in_list: bool = False) -> Any:
    if isinstance(node, YScalar) and node.value is INVALID:
        return INVALID  # already reported by the YAML reader
    if spec.kind == "record":
        assert spec.record is not None
        checked = _check_record(node, spec.record, diags)
        return INVALID if checked is None else checked
    if spec.kind == "list":
        assert spec.item is not None
        empty = isinstance(node, YScalar) and node.value is None
        if not empty and not isinstance(node, YSeq):
            diags.append(error("schema-type", f"'{spec.name}' must be a list, got "
                               f"{_node_kind(node)}", node.loc,
                               "write each item on its own line starting with '- '"))
            return INVALID
        items = node.items if isinstance(node, YSeq) else ()
        out = [_check_value(item, spec.item, diags, True) for item in items]
        if len(out) < spec.min_items:
            diags.append(error("schema-value", f"'{spec.name}' needs at least {spec.min_items} "
                               f"item(s)", node.loc, spec.doc))
            return INVALID
        return INVALID if any(v is INVALID for v in out) else tuple(out)
    if not isinstance(node, YScalar):
        diags.append(error("schema-type", f"'{spec.name}' must be {_describe(spec)}, got "
                           f"{_node_kind(node)}", node.loc))
        return INVALID
    if node.value is None and not node.raw:
        return None  # an empty value is the same as an absent one
    problem, value = _scalar(node, spec)
    if problem:
        diags.append(error("schema-value", f"'{spec.name}': {problem}", node.loc,
                           _quote_hint(node, spec, in_list)))
        return INVALID
    return value


def _describe(spec: Field) -> str:
    return {
        "str": "text", "text": "text (Markdown)", "slug": "an id", "date": "a date (YYYY-MM-DD)",
        "partial date": "a date (YYYY-MM-DD, YYYY-MM or YYYY)",
        "url": "an http(s) or mailto URL", "int": "a whole number", "bool": "true or false",
        "wikidata": "a Wikidata item id (Q42)", "fraction": "a number from 0 to 1",
        "choice": "one of " + ", ".join(spec.choices),
    }.get(spec.kind, spec.kind)


def _quote_hint(node: YScalar, spec: Field, in_list: bool) -> str:
    if node.plain and not isinstance(node.value, str) and spec.kind in TEXT_KINDS:
        # YAML 1.1 reads NO, on, 012345 (octal) and 12:30 (base 60) as booleans and numbers.
        quoted = ("- " if in_list else f"{spec.name}: ") + f'"{node.raw}"'
        return (f"YAML reads the unquoted {node.raw!r} as {_type_name(node.value)}; "
                f"put it in quotes:  {quoted}")
    if spec.kind == "slug" and isinstance(node.value, str):
        return f"try '{slugify(node.value)}'"
    if spec.visible and isinstance(node.value, str) and _invisible(node.value):
        return ("delete it (it does not show in most editors): bidirectional and invisible "
                "characters can make a name show as another")
    if spec.kind == "int":
        low, high = spec.limits or (0, 0)
        example = max(low, min(high, 4)) if spec.limits else 4
        return f"write a whole number in digits, e.g.  {spec.name}: {example}"
    return ""


def _scalar(node: YScalar, spec: Field) -> tuple[str, Any]:
    value = node.value
    expected = f"expected {_describe(spec)}, got {_type_name(value)}"
    if spec.kind == "bool":
        return ("", value) if isinstance(value, bool) else (expected, None)
    if spec.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return expected, None
        low, high = spec.limits or (value, value)
        if not low <= value <= high:
            return f"{value} is out of range: it must be from {low} to {high}", None
        return "", value
    if spec.kind == "fraction":
        if not isinstance(value, int | float) or isinstance(value, bool):
            return expected, None
        return ("", float(value)) if 0 <= value <= 1 else (
            f"{value} is out of range: it must be from 0 to 1", None)
    if spec.kind == "date":
        if isinstance(value, dt.date):
            return "", value
        if isinstance(value, str):
            try:
                return "", dt.date.fromisoformat(value.strip())
            except ValueError:
                return f"{shown(value)} is not a valid date (write YYYY-MM-DD)", None
        return expected, None
    if spec.kind == "partial date":
        return _partial_date(value, expected)
    if not isinstance(value, str):
        return expected, None
    text = value.strip() if spec.kind != "text" else value
    if not text.strip():
        return f"'{spec.name}' cannot be blank", None
    if spec.kind == "str" and "\n" in text.strip():
        return "must be a single line", None
    if spec.visible and not any(c.isalnum() for c in text):
        return f"{shown(text)} has no letter or digit: it can never be found in a text", None
    if spec.visible and (hidden := _invisible(text)):
        return (f"{shown(text)} holds the invisible character U+{ord(hidden):04X} "
                f"({unicodedata.name(hidden, 'a format character')})"), None
    if spec.kind == "slug":
        problem = slug_problem(text)
        return (f"{shown(text)} is not a valid id: {problem}", None) if problem else ("", text)
    if spec.kind == "url" and not URL_RE.match(text):
        return f"{shown(text)} is not an allowed URL (only http://, https:// and mailto:)", None
    if spec.kind == "wikidata" and not WIKIDATA_RE.match(text):
        return (f"{shown(text)} is not a Wikidata item id: write Q and its number, e.g. Q42 "
                "(as in the item's address, wikidata.org/wiki/Q42)"), None
    if spec.kind == "choice" and text not in spec.choices:
        hint = did_you_mean(text, spec.choices)
        choices = ", ".join(spec.choices)
        return f"{shown(text)} is not one of {choices}" + (f"; {hint}" if hint else ""), None
    return "", text


def _invisible(text: str) -> str:
    """The first format character of ``text`` that no name needs, or an empty string.

    Bidirectional overrides and isolates, zero-width spaces and the like make a name
    show as another, or two names that look the same differ; the joiners (U+200C,
    U+200D) are kept: some scripts and emoji need them.
    """
    return next((c for c in text if unicodedata.category(c) == "Cf"
                 and c not in "\u200c\u200d"), "")


def _partial_date(value: object, expected: str) -> tuple[str, PartialDate | None]:
    """A day, a month (2024-07) or a year (2019, which YAML reads as a number)."""
    if isinstance(value, dt.date):
        return "", PartialDate.of(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return expected, None
    found = PARTIAL_DATE_RE.match(value.strip())
    try:
        if found is None:
            raise ValueError(value)
        year, month, day = (int(n or 0) for n in found.groups())
        if month and not 1 <= month <= 12:
            raise ValueError(value)
        parsed = PartialDate(year, month, day)
        parsed.first  # noqa: B018 -- checks the day exists
        return "", parsed
    except ValueError:
        return (f"{shown(str(value))} is not a valid date (write YYYY-MM-DD, or YYYY-MM or "
                "YYYY when only the month or year is known)"), None


def walk_fields(record: Record) -> Iterator[Field]:
    """Every field of ``record`` and of the records nested in it."""
    for f in record.fields:
        yield f
        sub = f.record or (f.item.record if f.item else None)
        if sub is not None:
            yield from walk_fields(sub)


def load_record(
    data: bytes, record: Record, path: str
) -> tuple[Checked | None, list[Diagnostic]]:
    """Parse YAML bytes and validate them against ``record``."""
    from generator.load.yamlio import load_yaml

    node, diags = load_yaml(data, path)
    if node is None:
        return None, diags
    checked, problems = check(node, record, path)
    return (None if diags else checked), diags + problems
