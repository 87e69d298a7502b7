"""Long lists split over numbered pages, and topics (free text in article metadata) as slugs.

A listing's first page keeps the listing's own name (``people.html``); page n
is ``people-n.html`` beside it, so every page's address stays the same while
entries are added at the end, and links between the pages are relative.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from generator import urls
from generator.errors import Diagnostic, error
from generator.markup.words import Words
from generator.model import Article

T = TypeVar("T")
TOPICS = "topics.html"
WINDOW = 2  # page numbers shown either side of the current one


@dataclass(frozen=True, slots=True)
class Slice:
    """One page of a listing: where it goes, which entries it shows, and of how many pages."""

    path: str
    first: str
    number: int
    count: int
    start: int
    end: int


def page_path(first: str, number: int) -> str:
    """The output path of page ``number`` of the listing whose first page is ``first``."""
    return first if number == 1 else f"{first.removesuffix('.html')}-{number}.html"


def slices(first: str, total: int, per_page: int) -> list[Slice]:
    """The pages of a listing of ``total`` entries (one page, even when it is empty)."""
    count = max(1, -(-total // per_page))
    return [Slice(page_path(first, n), first, n, count, (n - 1) * per_page,
                  min(total, n * per_page)) for n in range(1, count + 1)]


def pager(part: Slice) -> dict[str, Any] | None:
    """Links between a listing's pages, from ``part``; None when there is one page."""
    if part.count == 1:
        return None

    def link(number: int) -> str:
        return urls.relative(page_path(part.first, number), part.path)

    shown = sorted({1, part.count} | set(range(max(1, part.number - WINDOW),
                                               min(part.count, part.number + WINDOW) + 1)))
    pages: list[dict[str, Any]] = []
    for number in shown:
        if pages and number != pages[-1]["number"] + 1:
            pages.append({"number": 0, "url": "", "current": False, "gap": True})
        pages.append({"number": number, "url": link(number), "current": number == part.number,
                      "gap": False})
    return {
        "number": part.number, "count": part.count,
        "prev": link(part.number - 1) if part.number > 1 else "",
        "next": link(part.number + 1) if part.number < part.count else "",
        "pages": pages,
    }


def page_title(words: Words, title: str, part: Slice) -> str:
    """A listing page's title: page numbers after the first say which page it is."""
    return title if part.number == 1 else words.gettext(
        "%(title)s (page %(number)s of %(count)s)", title=title,
        number=words.number(part.number), count=words.number(part.count))


def shown(items: Sequence[T], part: Slice) -> Sequence[T]:
    """The entries of ``items`` on page ``part``."""
    return items[part.start:part.end]


def mentions_path(card_id: str) -> str:
    """The first page of the full list of the articles that mention a card."""
    return f"mentions/{card_id}.html"


@functools.lru_cache(maxsize=1 << 12)
def topic_slug(topic: str) -> str:
    """A topic's file name: lower-case ASCII letters and digits joined by hyphens."""
    text = unicodedata.normalize("NFKD", topic).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "topic"


def topic_path(topic: str) -> str:
    """The output path of a topic's page."""
    return f"topics/{topic_slug(topic)}.html"


def topics(articles: Sequence[Article]) -> dict[str, tuple[str, list[str]]]:
    """Each topic's slug -> its name (as first written) and its articles' ids, in order."""
    out: dict[str, tuple[str, list[str]]] = {}
    for article in articles:
        for topic in dict.fromkeys(article.topics):
            out.setdefault(topic_slug(topic), (topic, []))[1].append(article.id)
    return out


def topic_problems(articles: Sequence[Article], per_page: int) -> list[Diagnostic]:
    """Two topics written differently that would share one page (or one's page n the other's)."""
    named: dict[str, str] = {}
    where: dict[str, Article] = {}
    counts: dict[str, int] = {}
    diags = []
    for article in sorted(articles, key=lambda a: a.id):
        for slug in {topic_slug(t) for t in article.topics}:
            counts[slug] = counts.get(slug, 0) + 1
            where.setdefault(slug, article)
        for topic in article.topics:
            first = named.setdefault(topic_slug(topic), topic)
            if first != topic:
                diags.append(error(
                    "topic-collision", f"topic '{topic}' would share the page "
                    f"topics/{topic_slug(topic)}.html with topic '{first}'", article.location,
                    f"write it as '{first}' everywhere, or make it differ in letters or digits"))
    pages: dict[str, str] = {}
    for slug, count in sorted(counts.items()):
        for part in slices(f"topics/{slug}.html", count, per_page):
            other = pages.setdefault(part.path, slug)
            if other != slug:
                diags.append(error("topic-collision", f"page {part.number} of topic "
                                   f"'{named[slug]}' would be the page of topic "
                                   f"'{named[other]}' ({part.path})", where[other].location,
                                   "rename one of the topics"))
    return diags
