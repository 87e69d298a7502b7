"""``explainer check --wikidata``: the cards compared with the items they name on Wikidata.

What is compared, and with which properties:

- a person's roles that name their position (``wikidata:`` on the role) with the person's
  *position held* statements (P39) and their *start time* (P580), *end time* (P582) and
  *replaced by* (P1366) qualifiers;
- a person's card with a *date of death* (P570): cards are about the living;
- a country's (any place's) *head of government* (P6) and *head of state* (P35), and an
  organisation's *chairperson* (P488) and *director / manager* (P1037), with the cards that
  claim the post: a current role whose position is the place's *office held by head of
  government* (P1313) or *of state* (P1906), or the organisation's *office held by head of
  the organisation* (P2388).

Dates are compared at the coarser of the two precisions (a card's 2024-07 equals
Wikidata's 5 July 2024). Deprecated statements are ignored; where a property is
single-valued in practice (P570, heads, offices) the preferred statements are used if
there are any. Every mismatch is a warning (an error with ``--strict``) that names the
card, the role, both values and the statement's address.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from generator.check.wikidata_client import EntitySource, Fetched
from generator.check.wikidata_entity import PAGE, Entity, Snak, Statement
from generator.errors import Diagnostic, Location, Severity, warning
from generator.markup.text import long_date, plural
from generator.model import Card, PartialDate, Role

MISMATCHES = ("wikidata-role", "wikidata-died", "wikidata-head", "wikidata-missing")
HEADS = {  # card type -> (head property, its office's property, what the head is)
    "place": (("P6", "P1313", "head of government"), ("P35", "P1906", "head of state")),
    "organisation": (("P488", "P2388", "chairperson"), ("P1037", "P2388", "director")),
}
COMPARED = ("person", *HEADS)
WORKERS = 4  # requests at a time: polite to the service, quick enough for a few hundred


def check_wikidata(cards: Iterable[Card], source: EntitySource, where: Location,
                   strict: bool = False) -> list[Diagnostic]:
    """Every difference between the cards and Wikidata; ``where`` is for a network failure."""
    ordered = sorted(cards, key=lambda c: c.id)
    compared = [c for c in ordered if c.wikidata and c.type in COMPARED]
    items = sorted({c.wikidata for c in compared})
    with ThreadPoolExecutor(WORKERS) as pool:
        fetched = dict(zip(items, pool.map(source.get, items), strict=True))
    by_item = {c.wikidata: c for c in ordered if c.wikidata}
    people = [c for c in compared if c.type == "person"]
    diags: list[Diagnostic] = []
    offline = [c for c in compared if fetched[c.wikidata].offline]
    if offline:
        diags.append(warning(
            "wikidata-offline", f"{fetched[offline[0].wikidata].problem}: "
            f"{plural(len(offline), 'card')} not compared with Wikidata", where,
            "check the connection (or --wikidata-url), then run the check again"))
    for card in compared:
        got = fetched[card.wikidata]
        if got.entity is None:
            if not got.offline:
                diags.append(_unfetched(card, got))
            continue
        compare = _Comparison(card, got.entity, by_item)
        if card.wikidata != got.entity.id:
            compare.merged()
        if card.type == "person":
            compare.person()
        else:
            compare.heads(people)
        diags += compare.diags
    if strict:
        diags = [replace(d, severity=Severity.ERROR) if d.code in MISMATCHES else d
                 for d in diags]
    return diags


def _unfetched(card: Card, got: Fetched) -> Diagnostic:
    code = "wikidata-missing" if got.missing else "wikidata-fetch"
    hint = ("check the id on wikidata.org" if got.missing else
            "run the check again later; the card was not compared")
    return warning(code, f"card '{card.id}': {got.problem}", _at(card), hint)


def _at(card: Card) -> Location:
    return card.wikidata_location or card.location


def precision(date: PartialDate) -> int:
    """3 for a day, 2 for a month, 1 for a year."""
    return 3 if date.day else 2 if date.month else 1


def same(a: PartialDate, b: PartialDate) -> bool:
    """Whether two dates agree at the coarser of their precisions."""
    keep = min(precision(a), precision(b))
    return (a.year, a.month, a.day)[:keep] == (b.year, b.month, b.day)[:keep]


def _time(snak: Snak | None) -> PartialDate | None:
    return snak.time if snak is not None and snak.kind == "value" else None


def _ended(statement: Statement) -> bool:
    end = statement.qualifier("P582")
    return end is not None and end.kind != "novalue"


@dataclass
class _Comparison:
    """One card against its item; what differs collects in ``diags``."""

    card: Card
    entity: Entity
    by_item: Mapping[str, Card]

    def __post_init__(self) -> None:
        self.diags: list[Diagnostic] = []

    def _say(self, code: str, message: str, statement: Statement | None, where: Location,
             hint: str) -> None:
        url = statement.url(self.entity.id) if statement else f"{PAGE}{self.entity.id}"
        self.diags.append(warning(code, f"card '{self.card.id}': {message} ({url})", where,
                                  hint))

    def _name(self, item: str) -> str:
        card = self.by_item.get(item)
        return f"{card.name} ({item})" if card else item

    def merged(self) -> None:
        label = f" ({self.entity.label})" if self.entity.label else ""
        self._say("wikidata-missing", f"{self.card.wikidata} now redirects to "
                  f"{self.entity.id}{label}", None, _at(self.card),
                  f"write  wikidata: {self.entity.id}")

    def person(self) -> None:
        for role in self.card.roles:
            if role.wikidata:
                self._role(role)
        for death in self.entity.best("P570")[:1]:
            when = _time(death.value)
            said = f"died on {long_date(when)}" if when else "has died"
            holding = [r.title for r in self.card.roles if r.end is None]
            treated = (f"still holding {' and '.join(holding)}" if holding else "as living")
            self._say("wikidata-died", f"Wikidata says {self.card.name} {said}; the card "
                      f"shows them {treated}", death, _at(self.card),
                      "check the death, then end the roles ('to:') and update the text")

    def _role(self, role: Role) -> None:
        held = [s for s in self.entity.statements("P39") if s.value.item == role.wikidata]
        what = f"{role.title} ({role.wikidata})"
        if not held:
            self._say("wikidata-role", f"{what} is not among {self.card.name}'s positions "
                      "held (P39) on Wikidata", None, role.location,
                      "check the role's wikidata: id, or add the statement on Wikidata")
            return
        statement = min(held, key=lambda s: _distance(role, s))
        start = _time(statement.qualifier("P580"))
        if role.start and start and not same(role.start, start):
            self._say("wikidata-role", f"{what} began {long_date(role.start)} on the card, "
                      f"{long_date(start)} on Wikidata", statement, role.location,
                      "check the date, then correct 'from:' (or Wikidata)")
        end_snak = statement.qualifier("P582")
        end = _time(end_snak)
        after = statement.qualifier("P1366")
        successor = f", succeeded by {self._name(after.item)}" if after and after.item else ""
        if role.end is None and _ended(statement):
            said = f"ended {long_date(end)}" if end else "has ended"
            self._say("wikidata-role", f"the card shows {what} as held; Wikidata says it "
                      f"{said}{successor}", statement, role.location,
                      "check it, then add the role's 'to:' date (and update as_of)")
        elif role.end is not None and not _ended(statement):
            self._say("wikidata-role", f"{what} ended {long_date(role.end)} on the card; "
                      "Wikidata gives no end", statement, role.location,
                      "check the date (Wikidata may lag behind)")
        elif role.end is not None and end and not same(role.end, end):
            self._say("wikidata-role", f"{what} ended {long_date(role.end)} on the card, "
                      f"{long_date(end)} on Wikidata{successor}", statement, role.location,
                      "check the date, then correct 'to:' (or Wikidata)")

    def heads(self, people: Iterable[Card]) -> None:
        for head_prop, office_prop, title in HEADS[self.card.type]:
            current = [s for s in self.entity.statements(head_prop)
                       if not _ended(s) and s.value.item]
            preferred = [s for s in current if s.rank == "preferred"]
            heads = {s.value.item: s for s in reversed(preferred or current)}
            offices = self.entity.best(office_prop)
            office = offices[0].value.item if offices else ""
            if not heads:
                continue
            first = next(iter(heads.values()))
            named = " and ".join(self._name(item) for item in heads)
            since = _time(first.qualifier("P580"))
            told = f"{named}" + (f" since {long_date(since)}" if since else "")
            claimed = False
            for person in people:
                for role in person.roles:
                    if role.end is not None or not office or role.wikidata != office:
                        continue
                    claimed = claimed or person.wikidata in heads
                    if person.wikidata and person.wikidata not in heads:
                        self._say("wikidata-head", f"card '{person.id}' says {person.name} "
                                  f"holds {role.title} ({office}); Wikidata's {title} of "
                                  f"{self.card.name} is {told}", first, role.location,
                                  f"check who holds it now, then end the role on "
                                  f"'{person.id}' ('to:')")
            if claimed:
                continue
            for item, statement in heads.items():
                holder = self.by_item.get(item)
                if holder is None or holder.type != "person" or any(
                        r.end is None and ((office and r.wikidata == office)
                                           or r.org == self.card.id) for r in holder.roles):
                    continue
                self._say("wikidata-head", f"Wikidata's {title} of {self.card.name} is "
                          f"{told}; card '{holder.id}' shows no current role there",
                          statement, holder.location,
                          f"add the role to '{holder.id}' (with 'org: {self.card.id}')")


def _distance(role: Role, statement: Statement) -> tuple[int, bool, bool]:
    """How far a position-held statement is from a role: the nearest is compared."""
    start = _time(statement.qualifier("P580"))
    if role.start and start:
        days = abs((role.start.first - start.first).days)
    elif role.seen and start:
        days = 0 if start.first <= role.seen else (start.first - role.seen).days
    else:
        days = 10**6
    return days, (role.end is None) != (not _ended(statement)), statement.rank != "preferred"
