"""Immutable values that flow through the pipeline: config, cards, articles, mentions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from generator.errors import Location, quick_pickling


@quick_pickling
@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The settings in site.yaml."""

    title: str
    description: str
    language: str
    base_url: str
    author: str
    link_mentions: str
    link_cards: bool
    allow_raw_html: bool
    output_dir: str
    snippet_chars: int
    location: Location
    freshness_days: int = 0
    timestamps: bool = False
    image: str = ""
    twitter: str = ""
    per_page: int = 50
    feed_entries: int = 20


@quick_pickling
@dataclass(frozen=True, slots=True)
class Source:
    """A citation: a publication (publisher, title, date, url) or an article paragraph."""

    publisher: str
    title: str
    date: dt.date | None
    url: str
    article: str
    paragraph: int
    location: Location


@quick_pickling
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, to the month only (``day`` 0) or to the year only (both 0)."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        """A date known to the day."""
        return cls(day.year, day.month, day.day)

    @property
    def first(self) -> dt.date:
        """The earliest day it can be."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        """The latest day it can be."""
        if self.day:
            return self.first
        if not self.month:
            return dt.date(self.year, 12, 31)
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def isoformat(self) -> str:
        """'2024-07-02', '2024-07' or '2019'."""
        return "-".join([f"{self.year:04d}", *(f"{n:02d}" for n in (self.month, self.day) if n)])


@quick_pickling
@dataclass(frozen=True, slots=True)
class Role:
    """A position held from one date to another (``end`` None while it lasts).

    Either date may be known only to the month or year, and ``start`` may be unknown
    when only a day it was held on (``seen``) is known. ``held_on`` is conservative: true
    only when the dates make the holding certain, so a partial date never puts a title on
    someone for a day they may not have held it.
    """

    title: str
    org: str
    start: PartialDate | None
    end: PartialDate | None
    note: str
    aliases: tuple[str, ...]
    location: Location
    seen: dt.date | None = None
    wikidata: str = ""  # the Wikidata item of the position

    def held_on(self, day: dt.date) -> bool:
        """Whether the role was certainly held on ``day``."""
        begun = (self.start is not None and self.start.last <= day) or (
            self.seen is not None and self.seen <= day)
        return begun and (self.end is None or day <= self.end.first)

    def ended_by(self, day: dt.date) -> bool:
        """Whether the role had certainly ended before ``day``."""
        return self.end is not None and self.end.last < day

    def may_overlap(self, other: Role) -> bool:
        """Whether the two roles may have been held at the same time (unknown starts may)."""
        def span(role: Role) -> tuple[dt.date, dt.date]:
            return (role.start.first if role.start else dt.date.min,
                    role.end.last if role.end else dt.date.max)
        (a0, a1), (b0, b1) = span(self), span(other)
        return a0 <= b1 and b0 <= a1


@quick_pickling
@dataclass(frozen=True, slots=True)
class Note:
    """A dated correction or update shown on a card's or an article's page."""

    date: dt.date
    text: str
    location: Location


@quick_pickling
@dataclass(frozen=True, slots=True)
class Picture:
    """A card's portrait or an article's picture: a file under images/, with its credit."""

    file: str  # the path under images/, with forward slashes
    alt: str
    credit: str
    licence: str
    source: str
    focus: tuple[float, float] | None  # the point to keep when cropping, from the top left
    location: Location  # where the picture's file is named


@quick_pickling
@dataclass(frozen=True, slots=True)
class Variant:
    """One size of a processed picture in the output."""

    path: str  # the output path
    width: int
    height: int
    mime: str


@quick_pickling
@dataclass(frozen=True, slots=True)
class Rendition:
    """A picture as the build made it: its size, and its variants in the output."""

    file: str
    key: str  # the content hash of the source file (and of how it is processed)
    width: int
    height: int
    variants: tuple[Variant, ...]  # every format, smallest first within each

    def of_type(self, mime: str) -> tuple[Variant, ...]:
        """The variants of one format, smallest first."""
        return tuple(v for v in self.variants if v.mime == mime)


@quick_pickling
@dataclass(frozen=True, slots=True)
class Card:
    """One fact card."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    summary: str
    body: str
    related: tuple[str, ...]
    as_of: dt.date
    sources: tuple[Source, ...]
    wikidata: str
    country: str
    roles: tuple[Role, ...]
    date: PartialDate | None  # an event's: a day, or only its month or year
    end_date: PartialDate | None
    place: str
    location: Location
    summary_location: Location
    body_location: Location
    # Where each reference to another card is, for error messages: (field, id, location).
    references: tuple[tuple[str, str, Location], ...]
    alias_locations: tuple[Location, ...]
    as_of_location: Location | None = None
    group_by: str = "country"
    corrections: tuple[Note, ...] = ()
    updates: tuple[Note, ...] = ()
    wikidata_location: Location | None = None
    image: Picture | None = None
    draft: bool = False  # only the live preview loads drafts, to show them marked

    @property
    def all_names(self) -> tuple[str, ...]:
        """The name, then the aliases: every phrase that links to the card."""
        return (self.name, *self.aliases)

    def roles_on(self, day: dt.date) -> tuple[Role, ...]:
        """The roles held on ``day``."""
        return tuple(r for r in self.roles if r.held_on(day))


@quick_pickling
@dataclass(frozen=True, slots=True)
class Quote:
    """A passage an article quotes, attributed to the card of who said it."""

    speaker: str
    text: str
    context: str
    location: Location


@quick_pickling
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of an article: its number (1-based), anchor and plain text, and where it
    starts (its file and line, rather than a Location each: an article has dozens of
    paragraphs, and a build holds and keeps every one)."""

    number: int
    text: str
    path: str
    line: int

    @property
    def location(self) -> Location:
        """Where the paragraph starts."""
        return Location(self.path, self.line, 1)

    @property
    def anchor(self) -> str:
        """The fragment id of the paragraph, e.g. ``p3``."""
        return f"p{self.number}"


# A paragraph's inline content: text (to link, then escape), or anything else as
# (its HTML, the characters it adds to the plain text, its link depth change).
InlinePiece = str | tuple[str, int, int]


@quick_pickling
@dataclass(frozen=True, slots=True)
class Body:
    """An article's text as HTML, except each paragraph's inline content, kept to be linked."""

    # HTML before the first paragraph's content, between contents, and after the last.
    frame: tuple[str, ...]
    inlines: tuple[tuple[InlinePiece, ...], ...]  # paragraph 1's content, paragraph 2's...


EMPTY_BODY = Body(("",), ())


@quick_pickling
@dataclass(frozen=True, slots=True)
class Article:
    """An article: metadata from content/articles plus its text from seeds/."""

    id: str
    title: str
    dek: str
    date: dt.date
    credit: str
    url: str
    seed: str
    topics: tuple[str, ...]
    quotes: tuple[Quote, ...]
    # Phrases that link to a card in this article only: (phrase, card id, where).
    local_aliases: tuple[tuple[str, str, Location], ...]
    paragraphs: tuple[Paragraph, ...]
    body: Body  # paragraphs numbered, ready to link
    location: Location
    seed_location: Location
    corrections: tuple[Note, ...] = ()
    updates: tuple[Note, ...] = ()
    image: Picture | None = None


class Mention(NamedTuple):
    """A place where an article's text names a card.

    A named tuple rather than a frozen dataclass: a site has one for every name
    in every article (125,000 at 5,000 articles), and the build cache reads them
    all back; tuples are made and unpickled several times faster.
    """

    card: str
    article: str
    paragraph: int
    start: int
    end: int
    linked: bool


class Queries(Protocol):
    """The engine's graph as the stages see it: inputs to set, queries to define and read.

    A stage defines its derived values as queries (plain functions taking the
    graph first) and reads other values through it; the engine records what each
    query read and redoes only what a change reaches (``engine.graph``).
    """

    def __call__(self, name: str, *args: Hashable) -> Any:
        """The value of an input or query, brought up to date."""

    def set(self, key: tuple[Hashable, ...], value: Any) -> bool:
        """Set an input; whether it changed."""

    def define(self, name: str, function: Callable[..., Any], lazy: bool = False) -> None:
        """Register a query (a lazy one is run again only when asked for)."""
