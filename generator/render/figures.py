"""Which diagrams each page shows, and with what: the bridge from the site to diagrams.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from generator import urls
from generator.markup.scripts import sort_key
from generator.markup.text import as_partial
from generator.markup.words import N_, Words
from generator.model import Rendition
from generator.render.diagrams import Group, Moment, Node, group_people, timeline_svg, whos_who_svg
from generator.resolve.site import LinkedArticle, Site

# A who's who's caption: (whose people, grouped by what) -> the caption.
CAPTIONS = {
    ("article", ()): N_("The people in this article"),
    ("article", ("country",)): N_("The people in this article by country"),
    ("article", ("organisation",)): N_("The people in this article by organisation"),
    ("article", ("country", "organisation")):
        N_("The people in this article by country or organisation"),
    ("site", ()): N_("Everyone on this site"),
    ("site", ("country",)): N_("Everyone on this site by country"),
    ("site", ("organisation",)): N_("Everyone on this site by organisation"),
    ("site", ("country", "organisation")): N_("Everyone on this site by country or organisation"),
}


def _whos_who(site: Site, words: Words, people: Sequence[str], day: dt.date | None, page: str,
              figure_id: str, whose: str) -> dict[str, Any] | None:
    if len(people) < 2:
        return None
    groups = [
        Group(label, tuple(Node(c, site.cards[c].name, urls.relative(urls.card_path(c), page),
                                _portrait(site, c, page))
                           for c in members))
        for label, members in group_people(site.cards, people, day, words.gettext("Other"))
    ]
    by = tuple(sorted({_grouped_by(site, c, day) for c in people} - {""}))
    return {"id": figure_id, "caption": words.gettext(CAPTIONS[whose, by]),
            "svg": whos_who_svg(groups, figure_id + "-svg", figure_id + "-caption",
                                words.direction == "rtl")}


def _portrait(site: Site, card_id: str, page: str) -> str:
    """A link to the smallest size of the card's picture, or "" (initials are drawn)."""
    picture = site.cards[card_id].image
    if picture is None or site.graph is None:
        return ""
    made: Rendition = site.graph("picture", picture.file)
    fallback = [v for v in made.variants if v.mime != "image/webp"]
    return urls.relative(fallback[0].path, page) if fallback else ""


def _grouped_by(site: Site, card_id: str, day: dt.date | None) -> str:
    card = site.cards[card_id]
    roles = card.roles_on(day) if day else card.roles
    office = any(r.org in site.cards for r in roles)
    if card.country in site.cards and not (card.group_by == "role" and office):
        return "country"
    return "organisation" if office else ""


def _timeline(words: Words, moments: list[Moment], figure_id: str,
              caption: str) -> dict[str, Any] | None:
    if not any(m.card for m in moments):
        return None
    moments.sort(key=lambda m: (as_partial(m.day).first, bool(m.card) is False,
                                m.name.lower()))
    return {"id": figure_id, "caption": caption,
            "svg": timeline_svg(moments, figure_id + "-svg", figure_id + "-caption", words)}


def _event_moments(site: Site, ids: Sequence[str], page: str) -> list[Moment]:
    return [Moment(card.date, card.end_date, card.name,
                   urls.relative(urls.card_path(card.id), page), card.id)
            for card in (site.cards[c] for c in ids) if card.date is not None]


def article_figures(site: Site, words: Words, linked: LinkedArticle,
                    page: str) -> dict[str, Any]:
    """An article's who's who (its people) and timeline (its events and itself)."""
    article = linked.article
    order = list(dict.fromkeys(m.card for m in linked.mentions))
    people = [c for c in order if site.cards[c].type == "person"]
    events = [c for c in order if site.cards[c].type == "event"]
    moments = _event_moments(site, events, page)
    moments.append(Moment(article.date, None, words.gettext("This article: %(title)s",
                                                            title=article.title),
                          urls.relative(urls.article_path(article.id), page), "", True))
    return {
        "people": _whos_who(site, words, people, article.date, page, "whos-who", "article"),
        "events": _timeline(words, moments, "events-timeline",
                            words.gettext("The events in this article")),
    }


def people_figure(site: Site, words: Words, page: str, day: dt.date | None,
                  people: Sequence[str] | None = None) -> dict[str, Any] | None:
    """Everyone with a card, grouped, as of the newest article.

    ``people``: the person cards' ids by name, if the caller has them (then no other
    card is read, which lets a live rebuild see that the figure does not depend on them).
    """
    if people is None:
        people = sorted((c.id for c in site.cards.values() if c.type == "person"),
                        key=lambda c: sort_key(site.cards[c].name, site.config.language))
    return _whos_who(site, words, people, day, page, "whos-who", "site")


def events_figure(site: Site, words: Words, page: str, events: Sequence[str] | None = None,
                  articles: Sequence[LinkedArticle] | None = None) -> dict[str, Any] | None:
    """Events with a card, and articles, on one line (by default every one of each).

    ``events``: the event cards' ids in id order, and ``articles`` the articles to show,
    if the caller has them (see above).
    """
    if events is None:
        events = [c.id for c in site.cards.values() if c.type == "event"]
    moments = _event_moments(site, events, page)
    moments += [Moment(a.article.date, None, words.gettext("Article: %(title)s",
                                                           title=a.article.title),
                       urls.relative(urls.article_path(a.article.id), page), "")
                for a in (site.articles if articles is None else articles)]
    return _timeline(words, moments, "events-timeline",
                     words.gettext("Events and articles in date order"))
