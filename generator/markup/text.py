"""Small text helpers for pages: dates, snippets, plurals."""

from __future__ import annotations

import datetime as dt

from generator.model import PartialDate

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(day: dt.date | PartialDate | None) -> str:
    """'17 February 2025' (the same in every locale); 'July 2024' or '2019' for a date
    known only to the month or year."""
    if day is None:
        return ""
    if isinstance(day, PartialDate) and not day.day:
        return f"{MONTHS[day.month - 1]} {day.year}" if day.month else str(day.year)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_range(start: dt.date, end: dt.date | None) -> str:
    """'14–16 February 2025', '30 January – 2 February 2025', or one long date."""
    if end is None or end == start:
        return long_date(start)
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
