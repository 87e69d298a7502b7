"""Wikidata's entity JSON read into typed values, and dates compared at their precision."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.check.wikidata import same
from generator.check.wikidata_entity import EntityFormatError, parse_entity
from generator.model import PartialDate
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "wikidata"
JULIAN = "http://www.wikidata.org/entity/Q1985786"


def time_snak(prop: str, time: str, precision: int, calendar: str = "") -> dict[str, Any]:
    value = {"time": time, "timezone": 0, "before": 0, "after": 0, "precision": precision,
             "calendarmodel": calendar or "http://www.wikidata.org/entity/Q1985727"}
    return {"snaktype": "value", "property": prop, "datatype": "time",
            "datavalue": {"value": value, "type": "time"}}


def document(claims: dict[str, Any], item: str = "Q900009") -> bytes:
    return json.dumps({"entities": {item: {"type": "item", "id": item, "claims": claims,
                                           "labels": {}}}}).encode()


def test_fixture_statements_ranks_and_qualifiers() -> None:
    entity = parse_entity((FIXTURES / "Q900001.json").read_bytes(), "Q900001")
    assert entity.id == "Q900001" and entity.label == "Alice Example"
    held = entity.statements("P39")
    assert len(held) == 5  # the deprecated one is left out
    assert held[0].rank == "preferred" and held[0].value.item == "Q900203"
    start = held[0].qualifier("P580")
    assert start is not None and start.time == PartialDate(2005, 6)
    assert held[0].id.startswith("Q900001$") and held[0].url("Q900001").endswith(held[0].id)
    ended = next(s for s in held if s.value.item == "Q900200")
    successor = ended.qualifier("P1366")
    assert successor is not None and successor.item == "Q900003"
    assert entity.best("P39") == held[:1]  # a preferred statement outranks the normal ones
    assert entity.statements("P999") == ()


@pytest.mark.parametrize(("time", "precision", "calendar", "expected"), [
    ("+2024-07-05T00:00:00Z", 11, "", PartialDate(2024, 7, 5)),
    ("+2024-07-00T00:00:00Z", 10, "", PartialDate(2024, 7)),
    ("+2024-07-05T00:00:00Z", 10, "", PartialDate(2024, 7)),  # cut to its precision
    ("+2019-00-00T00:00:00Z", 9, "", PartialDate(2019)),
    ("+2010-00-00T00:00:00Z", 8, "", None),  # a decade: too coarse to compare
    ("-0044-03-15T00:00:00Z", 11, "", None),  # BC
    ("+1700-03-15T00:00:00Z", 11, JULIAN, None),
])
def test_times_keep_their_precision(time: str, precision: int, calendar: str,
                                    expected: PartialDate | None) -> None:
    entity = parse_entity(document({"P570": [{
        "mainsnak": time_snak("P570", time, precision, calendar), "type": "statement",
        "rank": "normal"}]}), "Q900009")
    assert entity.statements("P570")[0].value.time == expected


def test_some_value_and_no_value() -> None:
    entity = parse_entity(document({"P570": [{
        "mainsnak": {"snaktype": "somevalue", "property": "P570", "datatype": "time"},
        "rank": "normal", "id": "Q900009$AB-12"}]}), "Q900009")
    death = entity.best("P570")[0]
    assert death.value.kind == "somevalue" and death.value.time is None
    assert death.url("Q900009") == "https://www.wikidata.org/wiki/Q900009#Q900009$AB-12"


def test_a_merged_item_answers_with_its_target() -> None:
    assert parse_entity(document({}, "Q900010"), "Q900009").id == "Q900010"


@pytest.mark.parametrize("data", [
    b"<html>Too many requests</html>",
    b"[]",
    b'{"entities": []}',
    b'{"entities": {"Q1": {"id": "Q1"}, "Q2": {"id": "Q2"}}}',
    b'{"entities": {"Q900009": {"id": "L7", "claims": {}}}}',
    b'{"entities": {"Q900009": {"id": "Q900009", "claims": {"P39": {}}}}}',
    document({"P39": [{"mainsnak": {"snaktype": "value"}, "rank": "normal"}]}),
    document({"P39": [{"mainsnak": {"snaktype": "odd"}, "rank": "normal"}]}),
    document({"P39": [{"mainsnak": {"snaktype": "novalue"}, "rank": "top"}]}),
    document({"P39": [{"mainsnak": {"snaktype": "novalue"}, "id": "Q1$\x1b[2J"}]}),
    document({"P39": [{"mainsnak": {"snaktype": "value", "datavalue": {
        "type": "wikibase-entityid", "value": {"id": "Q1 <b>"}}}}]}),
    document({"P570": [{"mainsnak": time_snak("P570", "+2023-02-30T00:00:00Z", 11)}]}),
    document({"P570": [{"mainsnak": time_snak("P570", "+2023-02T00:00:00Z", 10)}]}),
])
def test_what_is_not_entity_json_is_refused(data: bytes) -> None:
    with pytest.raises(EntityFormatError):
        parse_entity(data, "Q900009")


@pytest.mark.parametrize(("a", "b", "equal"), [
    (PartialDate(2024, 7, 5), PartialDate(2024, 7, 5), True),
    (PartialDate(2024, 7), PartialDate(2024, 7, 5), True),
    (PartialDate(2024), PartialDate(2024, 12, 31), True),
    (PartialDate(2024, 7, 4), PartialDate(2024, 7, 5), False),
    (PartialDate(2024, 6), PartialDate(2024, 7, 5), False),
    (PartialDate(2023), PartialDate(2024, 7), False),
])
def test_dates_agree_at_the_coarser_precision(a: PartialDate, b: PartialDate,
                                              equal: bool) -> None:
    assert same(a, b) is equal and same(b, a) is equal
