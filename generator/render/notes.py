"""Corrections and updates: on their page, in its JSON-LD, and on the corrections page."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generator import urls
from generator.markup.words import Words
from generator.model import Article, Card
from generator.render.labels import NOTE_LABELS

if TYPE_CHECKING:
    from generator.render.pages import PageMaker
    from generator.resolve.site import Site

def last_changed(value: Card | Article, since: dt.date) -> dt.date:
    """The newest of ``since`` and the dates of the value's corrections and updates."""
    return max([since, *(n.date for n in (*value.corrections, *value.updates))])


def correction_comments(value: Card | Article) -> list[dict[str, str]]:
    """schema.org CorrectionComments, newest first."""
    return [{"@type": "CorrectionComment", "datePublished": n.date.isoformat(), "text": n.text}
            for n in value.corrections]


def note_views(words: Words, value: Card | Article) -> list[dict[str, str]]:
    """The corrections and updates of a page for display, newest first (corrections first
    on the same day)."""
    notes = [(n, kind) for kind in NOTE_LABELS for n in getattr(value, kind)]
    notes.sort(key=lambda pair: pair[0].date, reverse=True)  # stable: corrections first
    return [{"kind": words.gettext(NOTE_LABELS[kind]), "class": kind.removesuffix("s"),
             "text": n.text, "date": words.date(n.date), "iso_date": n.date.isoformat()}
            for n, kind in notes]


def has_corrections(site: Site) -> bool:
    """Whether any card or article has a correction (the corrections page exists)."""
    return any(c.corrections for c in site.cards.values()) or any(
        a.article.corrections for a in site.articles)


def corrections_context(maker: PageMaker) -> list[dict[str, str]]:
    """Every correction of the site, newest first, each with its page's name and link."""
    path = urls.CORRECTIONS
    found = [(n, a.article.title, urls.article_path(a.article.id))
             for a in maker.site.articles for n in a.article.corrections]
    found += [(n, c.name, urls.card_path(c.id)) for c in maker.site.cards.values()
              for n in c.corrections]
    found.sort(key=lambda f: (f[0].date, f[2]), reverse=True)
    return [{"text": n.text, "date": maker.words.date(n.date), "iso_date": n.date.isoformat(),
             "title": title, "url": urls.relative(target, path)} for n, title, target in found]
