"""Wikidata's entity JSON (``Special:EntityData/Q42.json``) read into typed values.

Only what ``explainer check --wikidata`` compares is kept: an item's label and its
statements, each with its id (``Q42$GUID``, the anchor of the statement on the item's page),
rank, main value and qualifiers. Values are items (``Q...``) or times; a time is kept to the
precision Wikidata gives (day, month or year) as a ``PartialDate``. Anything that is not in
Wikidata's format raises ``EntityFormatError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.model import PartialDate

# Wikidata's time precisions: 9 a year, 10 a month, 11 a day (coarser ones are decades...).
YEAR, MONTH, DAY = 9, 10, 11
GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
TIME_RE = re.compile(r"^\+(\d{4,})-(\d\d)-(\d\d)T")
ITEM_RE = re.compile(r"^Q[1-9][0-9]*$")
VALUE_RE = re.compile(r"^[A-Z][1-9][0-9]*$")  # an item, property or lexeme as a value
STATEMENT_RE = re.compile(r"^Q[1-9][0-9]*\$[0-9A-Za-z-]+$")  # Q42$F078E5B3-F9A8-...
RANKS = ("preferred", "normal", "deprecated")
PAGE = "https://www.wikidata.org/wiki/"


class EntityFormatError(ValueError):
    """The response is not an entity in Wikidata's JSON format."""


@dataclass(frozen=True, slots=True)
class Snak:
    """One value of a statement or qualifier: an item, a time, or 'some'/'no' value."""

    kind: str  # "value", "somevalue" (there is one, not known) or "novalue"
    item: str = ""  # for an item value: its id
    time: PartialDate | None = None  # for a time value precise to a year or better


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement of an item: its main value, rank and qualifiers."""

    id: str
    property: str
    rank: str
    value: Snak
    qualifiers: tuple[tuple[str, tuple[Snak, ...]], ...] = ()

    def qualifier(self, prop: str) -> Snak | None:
        """The first value of the qualifier ``prop``, if the statement has one."""
        return next((snaks[0] for name, snaks in self.qualifiers if name == prop and snaks),
                    None)

    def url(self, item: str) -> str:
        """The statement on its item's page (its own anchor, else the property's)."""
        return f"{PAGE}{item}#{self.id or self.property}"


@dataclass(frozen=True, slots=True)
class Entity:
    """An item: its id, its label, and its statements by property."""

    id: str
    label: str
    claims: Mapping[str, tuple[Statement, ...]]

    def statements(self, prop: str) -> tuple[Statement, ...]:
        """Every statement of ``prop`` that is not deprecated, preferred ones first."""
        found = [s for s in self.claims.get(prop, ()) if s.rank != "deprecated"]
        return tuple(sorted(found, key=lambda s: s.rank != "preferred"))

    def best(self, prop: str) -> tuple[Statement, ...]:
        """The statements Wikidata counts as true: the preferred ones if any, else the normal."""
        found = self.statements(prop)
        preferred = tuple(s for s in found if s.rank == "preferred")
        return preferred or found


def parse_entity(data: bytes, wanted: str, languages: tuple[str, ...] = ("en",)) -> Entity:
    """The entity ``wanted`` from an EntityData response (or the one it redirects to)."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EntityFormatError(f"not JSON ({exc})") from None
    entities = _field(_expect(document, dict, "the response"), "entities", dict)
    if wanted in entities:
        raw = entities[wanted]
    elif len(entities) == 1:  # a merged item answers with the item it was merged into
        raw = next(iter(entities.values()))
    else:
        raise EntityFormatError(f"the response holds no entity {wanted}")
    raw = _expect(raw, dict, "the entity")
    entity_id = _field(raw, "id", str)
    if not ITEM_RE.match(entity_id):
        raise EntityFormatError(f"{entity_id!r} is not an item id")
    claims = {prop: tuple(_statement(s, prop) for s in _expect(group, list, prop))
              for prop, group in _field(raw, "claims", dict, {}).items()}
    return Entity(entity_id, _label(_field(raw, "labels", dict, {}), languages), claims)


def _label(labels: dict[str, Any], languages: tuple[str, ...]) -> str:
    for language in (*languages, "en", "mul", *sorted(labels)):
        value = labels.get(language)
        if isinstance(value, dict) and isinstance(value.get("value"), str):
            return str(value["value"])
    return ""


def _statement(raw: Any, prop: str) -> Statement:
    raw = _expect(raw, dict, f"a {prop} statement")
    rank = _field(raw, "rank", str, "normal")
    if rank not in RANKS:
        raise EntityFormatError(f"a {prop} statement has the unknown rank {rank!r}")
    qualifiers = tuple(
        (name, tuple(_snak(s) for s in _expect(snaks, list, f"qualifier {name}")))
        for name, snaks in sorted(_field(raw, "qualifiers", dict, {}).items()))
    statement_id = _field(raw, "id", str, "")
    if statement_id and not STATEMENT_RE.match(statement_id):
        raise EntityFormatError(f"{statement_id!r} is not a statement id")
    return Statement(statement_id, prop, rank,
                     _snak(_field(raw, "mainsnak", dict)), qualifiers)


def _snak(raw: Any) -> Snak:
    raw = _expect(raw, dict, "a snak")
    kind = _field(raw, "snaktype", str)
    if kind != "value":
        if kind not in ("somevalue", "novalue"):
            raise EntityFormatError(f"unknown snaktype {kind!r}")
        return Snak(kind)
    datavalue = _field(raw, "datavalue", dict)
    value = datavalue.get("value")
    if datavalue.get("type") == "wikibase-entityid":
        item = _field(_expect(value, dict, "an item value"), "id", str)
        if not VALUE_RE.match(item):
            raise EntityFormatError(f"{item!r} is not an entity id")
        return Snak(kind, item=item)
    if datavalue.get("type") == "time":
        return Snak(kind, time=_time(_expect(value, dict, "a time value")))
    return Snak(kind)  # strings, quantities...: not compared


def _time(value: dict[str, Any]) -> PartialDate | None:
    """A Gregorian date precise to the year or better; None for what cannot be compared."""
    text, precision = _field(value, "time", str), _field(value, "precision", int)
    found = TIME_RE.match(text)
    if found is None and not text.startswith("-"):
        raise EntityFormatError(f"{text!r} is not a Wikidata time")
    if found is None or precision < YEAR or value.get("calendarmodel", GREGORIAN) != GREGORIAN:
        return None  # BC, decades and centuries, and Julian dates
    year, month, day = (int(n) for n in found.groups())
    try:
        parsed = PartialDate(year, month if precision >= MONTH else 0,
                             day if precision >= DAY else 0)
        parsed.first  # noqa: B018 -- checks that the day exists
    except ValueError:
        raise EntityFormatError(f"{value['time']!r} is not a date") from None
    return parsed


def _expect(value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind):
        raise EntityFormatError(f"{what} is not a JSON {'object' if kind is dict else 'array'}")
    return value


_MISSING = object()


def _field(raw: dict[str, Any], name: str, kind: type, default: Any = _MISSING) -> Any:
    value = raw.get(name, default)
    if value is _MISSING or not isinstance(value, kind) or isinstance(value, bool):
        raise EntityFormatError(f"'{name}' is missing or not a {kind.__name__}")
    return value
