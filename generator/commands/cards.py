"""``explainer cards``: a table of the cards with their type, mentions and freshness."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from generator.commands import add_command
from generator.commands.files import open_project
from generator.console import Console, table
from generator.load.specs import CARD_TYPES
from generator.model import Card
from generator.resolve.site import Site

EXAMPLES = """examples:
  explainer cards                      every card, most mentioned first
  explainer cards --type person        only people
  explainer cards --sort freshness     the cards most in need of a check first
  explainer cards --json

Freshness compares a card's as_of date (the date its facts are true as of) with the
newest article that mentions it and with today: 'behind' means an article is newer
than the card's facts (a role may have changed since), 'old' that the facts were
checked more than --max-age days ago, and 'unused' that no article mentions it.
"""
SORTS = ("mentions", "name", "type", "freshness", "as-of")


@dataclass(frozen=True, slots=True)
class CardRow:
    """What the table shows of one card."""

    id: str
    type: str
    name: str
    mentions: int
    articles: int
    as_of: str
    freshness: str
    days_behind: int  # how many days the newest mentioning article is after as_of
    age: int  # days from as_of to today


def register(commands: Any) -> None:
    """Add ``cards``."""
    parser = add_command(commands, "cards", "list the cards with their mentions and "
                         "freshness", "List every card: type, name, how often the articles "
                         "mention it, and whether its facts may be out of date.", EXAMPLES,
                         aliases=["list"])
    parser.add_argument("--type", "-t", choices=CARD_TYPES, help="only cards of this type")
    parser.add_argument("--sort", choices=SORTS, default="mentions",
                        help="order of the rows (default: %(default)s)")
    parser.add_argument("--max-age", type=int, metavar="DAYS",
                        help="facts older than this are 'old' (default: site.yaml's "
                        "freshness_days, else 365)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.set_defaults(run=run)


def card_rows(site: Site, today: dt.date, max_age: int) -> list[CardRow]:
    """One row per card, in id order."""
    dates = {a.article.id: a.article.date for a in site.articles}
    rows = []
    for card in site.cards.values():
        mentions = site.backlinks.get(card.id, ())
        # An article credited to the card ("(Reuters)") links to it from its credit line.
        credited = [a.article.date for a in site.articles if a.article.credit
                    and a.article.credit in card.all_names]
        newest = max([dates[m.article] for m in mentions] + credited, default=None)
        behind = (newest - card.as_of).days if newest else 0
        age = (today - card.as_of).days
        rows.append(CardRow(card.id, card.type, card.name, len(mentions),
                            len({m.article for m in mentions}), card.as_of.isoformat(),
                            _freshness(card, newest, behind, age, max_age), max(behind, 0),
                            age))
    return rows


def _freshness(card: Card, newest: dt.date | None, behind: int, age: int, max_age: int) -> str:
    notes = []
    if newest is None:
        notes.append("unused")
    elif behind > 0:
        notes.append(f"behind {newest.isoformat()} article")
    if age > max_age:
        notes.append(f"old ({age // 365}y {age % 365 // 30}m)" if age >= 365 else
                     f"old ({age} days)")
    return "; ".join(notes) or "fresh"


def run(args: argparse.Namespace, console: Console) -> int:
    """Print the table (or JSON) of the project's cards."""
    from generator.build import Options
    from generator.engine.pipeline import load_site

    project = open_project(args.project)
    site, _ = load_site(Options(project.root))
    max_age = args.max_age or site.config.freshness_days or 365
    rows = [r for r in card_rows(site, dt.date.today(), max_age)
            if not args.type or r.type == args.type]
    order = {
        "mentions": lambda r: (-r.mentions, r.name.lower()),
        "name": lambda r: (r.name.lower(),),
        "type": lambda r: (CARD_TYPES.index(r.type), r.name.lower()),
        "freshness": lambda r: (r.freshness == "fresh", -r.days_behind, -r.age),
        "as-of": lambda r: (r.as_of, r.name.lower()),
    }[args.sort]
    rows.sort(key=order)
    if args.json:
        console.result(json.dumps([_row(r) for r in rows], indent=2, ensure_ascii=False))
        return 0
    cells = [[r.id, r.type, r.name, str(r.mentions), str(r.articles), r.as_of,
              r.freshness] for r in rows]
    for index, line in enumerate(table(cells, ["id", "type", "name", "mentions", "articles",
                                               "as of", "freshness"], right=frozenset({3, 4}))):
        stale = index > 0 and rows[index - 1].freshness != "fresh"
        console.result(console.style(line, "warning") if stale else
                       console.style(line, "bold") if index == 0 else line)
    fresh = sum(r.freshness == "fresh" for r in rows)
    console.say(f"{len(rows)} card(s), {fresh} fresh, {len(rows) - fresh} to check.")
    return 0


def _row(row: CardRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in CardRow.__slots__}
