"""What every page may use of the site as a whole: navigation, article order, topics, today."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace
from typing import Any

from generator import urls
from generator.markup.scripts import sort_key
from generator.markup.words import N_, Words
from generator.model import Card, Queries
from generator.render.labels import INDEX_TITLES, script_words
from generator.render.notes import has_corrections
from generator.render.paging import topics
from generator.render.roles import content_day
from generator.resolve.site import Site
from generator.resolve.view import outline_site


def sorted_cards(site: Site, kind: str) -> list[Card]:
    """The cards of one type: events in date order, others by name."""
    cards = [c for c in site.cards.values() if c.type == kind]
    language = site.config.language
    if kind == "event":
        cards.sort(key=lambda c: (c.date.first if c.date else dt.date.min,
                                  sort_key(c.name, language)))
    else:
        cards.sort(key=lambda c: sort_key(c.name, language))
    return cards


WHO_SAID_WHAT = N_("Who said what")


def site_shared(site: Site, built: dt.datetime | None, today: dt.date | None,
            words: Words) -> dict[str, Any]:
    """What every page may use of the site as a whole: navigation, order, topics, today."""
    articles = list(site.articles)
    counts: dict[str, int] = defaultdict(int)
    for card in site.cards.values():
        counts[card.type] += 1
    found = topics([a.article for a in articles])
    return {
        "latest": max((a.article.date for a in articles), default=None), "built": built,
        "today": today or (built.date() if built else content_day(site)),
        "article_at": {a.article.id: i for i, a in enumerate(articles)},
        "counts": {kind: counts.get(kind, 0) for kind in urls.INDEX_PAGES} | dict(counts),
        "type_ids": {kind: [c.id for c in sorted_cards(site, kind)]
                     for kind in urls.INDEX_PAGES if counts.get(kind)},
        "nav": [(N_("Home"), urls.HOME)] + [
            (INDEX_TITLES[kind], target) for kind, (target, _) in urls.INDEX_PAGES.items()
            if counts.get(kind)
        ] + ([(WHO_SAID_WHAT, urls.QUOTES)] if site.quotes_by_speaker else []),
        "words": words, "script_words": script_words(words),
        "topics": found, "topics_by_name": {name: ids for name, ids in found.values()},
        "has_corrections": has_corrections(site),
        "has_pictures": any(c.image for c in site.cards.values())
        or any(a.article.image for a in articles),
    }


def site_shared_query(site: Site, graph: Queries) -> dict[str, Any]:
    """``site_shared`` of ``site`` (read from ``graph``), as a query: it reads the cards' and
    articles' outlines, so an edit of a card's summary or an article's title leaves it as
    it is."""
    built, today, words = graph("shared settings")
    view = outline_site(site, articles=True)
    plain = replace(view, cards={card.id: card for card in view.cards.values()},
                    articles=tuple(view.articles))  # each read once, then gone through often
    return site_shared(plain, built, today, words)
