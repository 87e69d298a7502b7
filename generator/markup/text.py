"""Small text helpers for pages: dates, snippets, plurals."""

from __future__ import annotations

import datetime as dt

from generator.model import PartialDate

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


Day = dt.date | PartialDate  # a day, or a date known only to the month or year


def as_partial(day: Day) -> PartialDate:
    """Any date as a PartialDate (a day stays a day)."""
    return day if isinstance(day, PartialDate) else PartialDate.of(day)


def iso_date(day: Day | None) -> str:
    """'2024-07-02', '2024-07' or '2019' (for a ``datetime`` attribute), or empty."""
    return day.isoformat() if day else ""


def long_date(day: Day | None) -> str:
    """'17 February 2025' (the same in every locale); 'July 2024' or '2019' for a date
    known only to the month or year."""
    if day is None:
        return ""
    if isinstance(day, PartialDate) and not day.day:
        return f"{MONTHS[day.month - 1]} {day.year}" if day.month else str(day.year)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_range(begins: Day, ends: Day | None) -> str:
    """'14–16 February 2025', '30 January – 2 February 2025', or one long date; dates known
    only to the month or year are written in full ('July 2024 – 2025')."""
    if ends is None or as_partial(ends) == as_partial(begins):
        return long_date(begins)
    if not (as_partial(begins).day and as_partial(ends).day):
        return f"{long_date(begins)} – {long_date(ends)}"
    start, end = as_partial(begins).first, as_partial(ends).first
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def snippet(text: str, start: int, end: int, chars: int) -> tuple[str, str, str]:
    """The words around ``text[start:end]``: (before, the mention, after), cut at spaces."""
    before = text[max(0, start - chars):start]
    after = text[end:end + chars]
    if start - chars > 0:
        cut = before.find(" ")
        before = "…" + (before[cut + 1:] if 0 <= cut < len(before) - 1 else before)
    if end + chars < len(text):
        cut = after.rfind(" ")
        after = (after[:cut] if cut > 0 else after) + "…"
    return before, text[start:end], after


def plural(count: int, word: str, words: str = "") -> str:
    """'1 paragraph', '3 paragraphs'."""
    return f"{count} {word if count == 1 else (words or word + 's')}"
