"""The comparison of cards with entities, one difference at a time.

Entities are read from JSON documents by the real parser and handed to the comparison by a
source that answers from a dict (the HTTP client has its own tests with a local server).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.check.wikidata import check_wikidata
from generator.check.wikidata_client import Fetched
from generator.check.wikidata_entity import parse_entity
from generator.errors import Diagnostic, Location
from generator.model import Card, PartialDate, Role

HERE = Location("card.yaml", 3, 1)
WHERE = Location("site.yaml", 1, 1)


def item(prop: str, qid: str) -> dict[str, Any]:
    return {"snaktype": "value", "property": prop, "datatype": "wikibase-item",
            "datavalue": {"type": "wikibase-entityid", "value": {"id": qid}}}


def time(prop: str, iso: str, precision: int = 11) -> dict[str, Any]:
    return {"snaktype": "value", "property": prop, "datatype": "time", "datavalue": {
        "type": "time", "value": {"time": f"+{iso}T00:00:00Z", "precision": precision,
                                  "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}}


def statement(main: dict[str, Any], n: int, rank: str = "normal",
              **qualifiers: dict[str, Any]) -> dict[str, Any]:
    return {"mainsnak": main, "type": "statement", "rank": rank, "id": f"Q1$S{n}",
            "qualifiers": {p: [q] for p, q in qualifiers.items()}}


class Source:
    """Entities by id, parsed from their JSON as the client would."""

    def __init__(self, documents: dict[str, list[dict[str, Any]]]) -> None:
        self.entities = {}
        for qid, statements in documents.items():
            claims: dict[str, list[dict[str, Any]]] = {}
            for s in statements:
                claims.setdefault(s["mainsnak"]["property"], []).append(s)
            data = json.dumps({"entities": {qid: {"id": qid, "claims": claims}}}).encode()
            self.entities[qid] = parse_entity(data, qid)

    def get(self, qid: str) -> Fetched:
        return Fetched(self.entities[qid])


def person(card_id: str, qid: str, *roles: Role) -> Card:
    return Card(card_id, "person", card_id.title(), (), "", "", "", (), dt.date(2025, 1, 1), (),
                qid, "", roles, None, None, "", HERE, HERE, HERE, (), (),
                wikidata_location=HERE)


def org(card_id: str, qid: str) -> Card:
    return Card(card_id, "organisation", card_id.upper(), (), "", "", "", (),
                dt.date(2025, 1, 1), (), qid, "", (), None, None, "", HERE, HERE, HERE, (), ())


def role(position: str, start: PartialDate | None, end: PartialDate | None = None,
         seen: dt.date | None = None, org_id: str = "") -> Role:
    return Role("Chair", org_id, start, end, "", (), HERE, seen, position)


def messages(diags: list[Diagnostic]) -> list[str]:
    return [f"{d.code}: {d.message.split(' (https://')[0]}" for d in diags]


def test_ended_on_the_card_but_open_on_wikidata_and_end_dates_that_differ() -> None:
    source = Source({"Q1": [
        statement(item("P39", "Q50"), 1, P580=time("P580", "2020-01-01")),
        statement(item("P39", "Q51"), 2, P580=time("P580", "2020-01-01"),
                  P582=time("P582", "2023-03-01")),
        statement(item("P39", "Q52"), 3, P580=time("P580", "2020-01-01"),
                  P582={"snaktype": "somevalue", "property": "P582"}),
    ]})
    card = person("ann", "Q1", role("Q50", PartialDate(2020), PartialDate(2024, 6)),
                  role("Q51", PartialDate(2020), PartialDate(2023, 4)),
                  role("Q52", PartialDate(2020, 1, 1)))
    assert messages(check_wikidata([card], source, WHERE)) == [
        "wikidata-role: card 'ann': Chair (Q50) ended June 2024 on the card; Wikidata gives "
        "no end",
        "wikidata-role: card 'ann': Chair (Q51) ended April 2023 on the card, 1 March 2023 on "
        "Wikidata",
        # An end time that is 'some value': it has ended, on a day Wikidata does not know.
        "wikidata-role: card 'ann': the card shows Chair (Q52) as held; Wikidata says it has "
        "ended"]


def test_the_term_nearest_the_role_is_compared() -> None:
    source = Source({"Q1": [
        statement(item("P39", "Q50"), 1, P580=time("P580", "2017-01-20"),
                  P582=time("P582", "2021-01-20")),
        statement(item("P39", "Q50"), 2, P580=time("P580", "2025-01-20")),
    ]})
    second = person("don", "Q1", role("Q50", PartialDate(2025, 1, 20)),
                    role("Q50", PartialDate(2017, 1), PartialDate(2021)))
    assert check_wikidata([second], source, WHERE) == []
    seen = person("don", "Q1", role("Q50", None, seen=dt.date(2025, 3, 1)))
    assert check_wikidata([seen], source, WHERE) == []
    missing = person("don", "Q1", role("Q99", PartialDate(2019)))
    [diag] = check_wikidata([missing], source, WHERE)
    assert diag.message == ("card 'don': Chair (Q99) is not among Don's positions held (P39) "
                            "on Wikidata (https://www.wikidata.org/wiki/Q1)")


def test_an_organisation_head_and_a_holder_without_the_role() -> None:
    source = Source({
        "Q7": [statement(item("P2388", "Q70"), 1),
               statement(item("P488", "Q2"), 2, P580=time("P580", "2024-10-00", 10)),
               statement(item("P488", "Q1"), 3, P582=time("P582", "2024-10-01"))],
        "Q1": [statement(item("P39", "Q70"), 4, P580=time("P580", "2014-10-01"),
                         P582=time("P582", "2024-10-01"))],
        "Q2": [statement(item("P39", "Q70"), 5, P580=time("P580", "2024-10-01"))],
    })
    old = person("old", "Q1", role("Q70", PartialDate(2014, 10, 1), org_id="club"))
    new = person("new", "Q2")
    club = org("club", "Q7")
    assert messages(check_wikidata([club, old, new], source, WHERE)) == [
        "wikidata-head: card 'club': card 'old' says Old holds Chair (Q70); Wikidata's "
        "chairperson of CLUB is New (Q2) since October 2024",
        "wikidata-head: card 'club': Wikidata's chairperson of CLUB is New (Q2) since "
        "October 2024; card 'new' shows no current role there",
        "wikidata-role: card 'old': the card shows Chair (Q70) as held; Wikidata says it "
        "ended 1 October 2024"]
    # Once the new holder's card says so, and the old role has ended, they agree.
    old = person("old", "Q1", role("Q70", PartialDate(2014, 10, 1), PartialDate(2024, 10),
                                   org_id="club"))
    new = person("new", "Q2", role("Q70", PartialDate(2024, 10, 1), org_id="club"))
    assert check_wikidata([club, old, new], source, WHERE) == []


def test_strict_turns_differences_into_errors_but_not_fetch_problems() -> None:
    class Broken(Source):
        def get(self, qid: str) -> Fetched:
            return Fetched(None, "answered 503", offline=False) if qid == "Q2" else \
                super().get(qid)

    source = Broken({"Q1": [statement(time("P570", "2025-02-03"), 1)]})
    diags = check_wikidata([person("ann", "Q1"), person("bob", "Q2")], source, WHERE,
                           strict=True)
    assert [(d.code, d.severity.value) for d in diags] == [
        ("wikidata-died", "error"), ("wikidata-fetch", "warning")]
