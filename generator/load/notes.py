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


def note_problems(cards: Iterable[Card], articles: Iterable[Article],
                  today: dt.date) -> list[Diagnostic]:
    """Corrections dated before a card's as_of or an article's date, and corrections and
    updates dated after ``today``."""
    diags = []
    values: list[Card | Article] = [*cards, *articles]
    for value in values:
        if not value.corrections and not value.updates:
            continue  # most have neither
        earliest, what = ((value.as_of, "the card's as_of date") if isinstance(value, Card)
                          else (value.date, "the article's date"))
        diags += [error("correction-date", f"correction dated {long_date(n.date)}, before "
                        f"{what} ({long_date(earliest)})", n.location,
                        "give the date the correction was made") for n in value.corrections
                  if n.date < earliest]
        diags += [error("note-date", f"{kind[:-1]} dated {long_date(n.date)}, which is in "
                        "the future", n.location, f"give the date it was made (today is "
                        f"{today.isoformat()})")
                  for kind in KINDS for n in getattr(value, kind) if n.date > today]
    return diags
