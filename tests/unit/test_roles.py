"""Partial dates and what roles read as on a day and now."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import Location
from generator.load.schema import _partial_date
from generator.markup.text import long_date
from generator.markup.words import Words
from generator.model import Card, PartialDate, Role
from generator.render.roles import role_now, role_then

EN = Words.english()

HERE = Location("card.yaml", 1, 1)
D = dt.date


def role(start: PartialDate | None, end: PartialDate | None = None, seen: D | None = None,
         title: str = "Mayor") -> Role:
    return Role(title, "", start, end, "", (), HERE, seen)


@pytest.mark.parametrize(("value", "first", "last", "shown"), [
    (PartialDate(2024, 7, 2), D(2024, 7, 2), D(2024, 7, 2), "2 July 2024"),
    (PartialDate(2024, 7), D(2024, 7, 1), D(2024, 7, 31), "July 2024"),
    (PartialDate(2024, 12), D(2024, 12, 1), D(2024, 12, 31), "December 2024"),
    (PartialDate(2024, 2), D(2024, 2, 1), D(2024, 2, 29), "February 2024"),
    (PartialDate(2019), D(2019, 1, 1), D(2019, 12, 31), "2019"),
])
def test_partial_date_spans_and_display(value: PartialDate, first: D, last: D,
                                        shown: str) -> None:
    assert (value.first, value.last, long_date(value)) == (first, last, shown)


@pytest.mark.parametrize(("raw", "parsed"), [
    ("2024-07", PartialDate(2024, 7)), (2019, PartialDate(2019)),
    (D(2024, 7, 2), PartialDate(2024, 7, 2)), ("2024-07-02", PartialDate(2024, 7, 2)),
    ("2024-13", None), ("2024-02-30", None), ("July 2024", None), (True, None),
])
def test_partial_dates_are_read_from_yaml_values(raw: object, parsed: PartialDate | None) -> None:
    assert _partial_date(raw, "expected a date")[1] == parsed


@pytest.mark.parametrize(("held", "day", "expected"), [
    # A month-only start is certain only from the month's last day.
    (role(PartialDate(2024, 7)), D(2024, 7, 15), False),
    (role(PartialDate(2024, 7)), D(2024, 8, 1), True),
    # A month-only end is certain only up to the month's first day.
    (role(PartialDate(2019), PartialDate(2025, 5)), D(2025, 5, 1), True),
    (role(PartialDate(2019), PartialDate(2025, 5)), D(2025, 5, 2), False),
    # No known start: held from the day it was seen on.
    (role(None, seen=D(2025, 2, 17)), D(2025, 2, 17), True),
    (role(None, seen=D(2025, 2, 17)), D(2025, 2, 16), False),
])
def test_held_on_is_conservative(held: Role, day: D, expected: bool) -> None:
    assert held.held_on(day) is expected


def test_a_role_reads_as_ended_only_once_its_end_is_certainly_past() -> None:
    ending = role(PartialDate(2019), PartialDate(2025, 5))
    assert not ending.ended_by(D(2025, 5, 31))
    assert ending.ended_by(D(2025, 6, 1))


def test_unknown_starts_may_overlap_anything_before_their_end() -> None:
    early = role(PartialDate(2010), PartialDate(2012))
    assert role(None, PartialDate(2013), seen=D(2013, 1, 1)).may_overlap(early)
    assert not role(PartialDate(2013)).may_overlap(early)


def card(*roles: Role) -> Card:
    return Card("olaf-scholz", "person", "Olaf Scholz", (), "", "", "", (), D(2025, 5, 6), (),
                "", "", roles, None, None, "", HERE, HERE, HERE, (), ())


def test_role_labels_then_and_now() -> None:
    scholz = card(role(PartialDate(2021, 12, 8), PartialDate(2025, 5, 6),
                       title="Chancellor of Germany"),
                  role(PartialDate(2018, 3, 14), PartialDate(2021, 12, 8),
                       title="Vice-Chancellor"))
    on_article = D(2025, 2, 18)
    assert role_then(EN, scholz, on_article, on_article) == "Chancellor of Germany"
    assert role_then(EN, scholz, on_article, D(2026, 1, 1)) == (
        "Chancellor of Germany (at the time; until 6 May 2025)")
    assert role_now(EN, scholz, D(2026, 1, 1)) == "former Chancellor of Germany (until 6 May 2025)"
    assert role_now(EN, scholz, D(2025, 5, 6)) == "Chancellor of Germany"
    assert role_now(EN, card(role(PartialDate(2024, 7))), D(2025, 1, 1)) == "Mayor"
