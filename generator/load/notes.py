"""Corrections and updates: dated notes on cards and articles, and the dates they may take."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from generator.errors import Diagnostic, error
from generator.load.schema import Checked
from generator.markup.text import long_date
from generator.model import Article, Card, Note

KINDS = ("corrections", "updates")


def notes(checked: Checked, name: str) -> tuple[Note, ...]:
    """The corrections or updates of a card or article, newest first."""
    found = [Note(n["date"], n["text"], n.where("date")) for n in checked[name]]
    return tuple(sorted(found, key=lambda n: n.date, reverse=True))


def early_corrections(corrections: Iterable[Note], earliest: dt.date, what: str) -> list[
        Diagnostic]:
    """A correction dated before ``earliest`` (a card's as_of, an article's date)."""
    return [error("correction-date", f"correction dated {long_date(n.date)}, before {what} "
                  f"({long_date(earliest)})", n.location,
                  "give the date the correction was made") for n in corrections
            if n.date < earliest]


def future_notes(cards: Iterable[Card], articles: Iterable[Article],
                 today: dt.date) -> list[Diagnostic]:
    """Corrections and updates dated after ``today``."""
    return [error("note-date", f"{kind[:-1]} dated {long_date(n.date)}, which is in the "
                  f"future (today is {long_date(today)})", n.location,
                  "give the date it was made") for value in (*cards, *articles)
            for kind in KINDS for n in getattr(value, kind) if n.date > today]
