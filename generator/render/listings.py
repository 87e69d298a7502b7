"""The pages that list many things, each split over numbered pages.

Home (articles), the card indexes, the timeline, topics, the search page's
A to Z, and the full list of a card's mentions. What each page shows is
decided in ``listing_pages`` (from the whole site, outside any page) and
passed to the page's maker, so that a page reads from the site only the
entries it shows: a live rebuild then redoes only the pages whose entries
changed, or whose share of the listing moved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from generator import urls
from generator.engine.tracking import untracked
from generator.markup.text import long_date, plural
from generator.model import Mention
from generator.render import paging as listing
from generator.render.figures import events_figure, people_figure
from generator.render.notes import corrections_context
from generator.render.pages import Page, PageMaker
from generator.render.paging import (
    TOPICS,
    Slice,
    mentions_path,
    page_title,
    pager,
    shown,
    topic_path,
)
from generator.render.related import BACKLINK_GROUPS, backlinks
from generator.render.search import TYPE_LABELS, plain_summary
from generator.resolve.site import LinkedArticle

Maker = Callable[[], Page]
Entry = tuple[str, str]  # (kind: "card" or "article", id)


def page_list(maker: PageMaker) -> list[tuple[str, Maker]]:
    """Every page's output path, and how to make the page (contexts are built lazily)."""
    out: list[tuple[str, Maker]] = [
        (urls.article_path(a.article.id), partial(maker.article_at_index, i))
        for i, a in enumerate(maker.site.articles)]
    out += [(urls.card_path(c), partial(maker.card, c)) for c in maker.site.cards]
    if maker.site.quotes_by_speaker:
        out.append((urls.QUOTES, maker.quotes))
    if maker.has_corrections:
        out.append((urls.CORRECTIONS, partial(corrections, maker)))
    return listing_pages(maker) + out


def corrections(maker: PageMaker) -> Page:
    """Every correction on the site, newest first, each linking to its page."""
    path = urls.CORRECTIONS
    context = maker.common(path, "Corrections", "Every correction made to this site's "
                           "articles and cards, newest first")
    context["corrections"] = corrections_context(maker)
    return Page(path, "corrections.html", context)


def all_pages(maker: PageMaker) -> Iterator[Page]:
    """Every page of the site."""
    for _, make in page_list(maker):
        yield make()


def listing_pages(maker: PageMaker) -> list[tuple[str, Maker]]:
    """Every listing page's path, and how to make it."""
    per = maker.site.config.per_page

    def slices(first: str, total: int, per: int) -> list[Slice]:  # the same Slices each build
        return maker.remember(("slices", first, total, per), partial(listing.slices, first,
                                                                     total, per))

    ids = list(maker.article_at)
    out: list[tuple[str, Maker]] = [
        (part.path, partial(home, maker, part, tuple(shown(ids, part))))
        for part in slices(urls.HOME, len(ids), per)]
    for kind, (first, title) in urls.INDEX_PAGES.items():
        if kind not in maker.type_ids:
            continue
        cards = maker.type_ids[kind]
        for part in slices(first, len(cards), per):
            page_ids = tuple(shown(cards, part))
            extra = _articles_between(maker, page_ids, part) if kind == "event" else ()
            out.append((part.path, partial(index, maker, kind, part, title, page_ids, extra)))
    if maker.topics:
        out.append((TOPICS, partial(topic_list, maker)))
    for name, articles in maker.topics.values():
        out += [(part.path, partial(topic, maker, part, name, tuple(shown(articles, part))))
                for part in slices(topic_path(name), len(articles), per)]
    slot: dict[str, Any] = maker.remember(("mentions pages",), dict)  # while no mention changed
    if (slot.get("backlinks") is not untracked(maker.site.backlinks)
            or slot.get("order") is not maker.order or slot.get("per") != per):
        slot.update(backlinks=untracked(maker.site.backlinks), order=maker.order, per=per, pages=[
            (part, card_id, len(naming), tuple(shown(naming, part)))
            for card_id, naming in mentioned_in(maker).items() if len(naming) > BACKLINK_GROUPS
            for part in slices(mentions_path(card_id), len(naming), per)])
    out += [(part.path, partial(mentions, maker, part, card_id, total, naming))
            for part, card_id, total, naming in slot["pages"]]
    entries = a_to_z(maker)
    out += [(part.path, partial(search, maker, part, tuple(shown(entries, part))))
            for part in slices(urls.SEARCH, len(entries), per)]
    return out


def mentioned_in(maker: PageMaker) -> dict[str, tuple[str, ...]]:
    """Each mentioned card's articles, newest first (kept while the backlinks stay)."""
    at = maker.article_at
    return {card: maker.remember(("mentioned_in", id(found), id(maker.order)),
                                 partial(_newest_first, found, at), (found, maker.order))
            for card, found in maker.site.backlinks.items()}


def _newest_first(mentions: Sequence[Mention], at: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted({m.article for m in mentions}, key=at.__getitem__))


def a_to_z(maker: PageMaker) -> list[Entry]:
    """Every card and article, A to Z by name, as ("card" or "article", id).

    Sorted again only when a name, title or type changed, not on every edit of a card.
    """
    site = maker.site
    cards = maker.kept("a_to_z cards", (tuple(site.cards.values()),), lambda: [
        (c.name.casefold(), TYPE_LABELS[c.type], "card", c.id) for c in site.cards.values()])
    articles = maker.kept("a_to_z articles", (site.articles,), lambda: [
        (a.article.title.casefold(), "Article", "article", a.article.id) for a in site.articles])
    slot: dict[str, Any] = maker.remember(("a_to_z",), dict)
    if slot.get("cards") != cards or slot.get("articles") != articles:
        slot.update(cards=cards, articles=articles, entries=[
            (kind, key) for _, _, kind, key in sorted(cards + articles)])
    entries: list[Entry] = slot["entries"]
    return entries


def _listed(maker: PageMaker, part: Slice, title: str, description: str) -> dict[str, Any]:
    context = maker.common(part.path, page_title(title, part), description)
    context["pager"] = pager(part)
    return context


def home(maker: PageMaker, part: Slice, article_ids: Sequence[str]) -> Page:
    """The front page (and its next pages): articles, newest first, and the indexes."""
    config = maker.site.config
    context = _listed(maker, part, config.title if part.number == 1 else "Articles",
                      config.description)
    context["articles"] = [maker.article_ref(maker.site.articles[maker.article_at[a]], part.path)
                           for a in article_ids]
    link = partial(urls.relative, page=part.path)
    context["indexes"] = [
        {"title": title, "url": link(target), "count": maker.counts[kind]}
        for kind, (target, title) in urls.INDEX_PAGES.items() if maker.counts[kind]
    ]
    context["topics"] = ([{"name": name, "url": link(topic_path(name)), "count": len(ids)}
                          for name, ids in maker.topics.values()] if part.number == 1 else [])
    context["topics_url"] = link(TOPICS) if maker.topics else ""
    return Page(part.path, "home.html", context)


def index(maker: PageMaker, kind: str, part: Slice, title: str, card_ids: Sequence[str],
          article_ids: Sequence[str]) -> Page:
    """An index of one type of card; events in date order, others by name."""
    site, path = maker.site, part.path
    context = _listed(maker, part, title, f"{title}: {site.config.title}")
    day = maker.today
    context["cards"] = [maker.card_ref(c, path, day) | {
        "date": long_date(site.cards[c].date), "iso_date": _iso(site.cards[c].date),
        "mentions": len(site.backlinks.get(c, ())),
    } for c in card_ids]
    context["kind"] = kind
    context["figure"] = (people_figure(site, path, day, card_ids) if kind == "person" else
                         _events_figure(maker, path, card_ids, article_ids)
                         if kind == "event" else None)
    return Page(path, "timeline.html" if kind == "event" else "index.html", context)


def _events_figure(maker: PageMaker, path: str, card_ids: Sequence[str],
                   article_ids: Sequence[str]) -> dict[str, Any] | None:
    """A timeline page's figure, drawn again only when what it shows changed."""
    site = maker.site
    events = sorted(card_ids)
    articles = [site.articles[maker.article_at[a]] for a in article_ids]
    shown = (tuple((c.id, c.name, c.date, c.end_date) for c in map(site.cards.__getitem__, events)),
             tuple((a.article.id, a.article.title, a.article.date) for a in articles))
    slot: dict[str, Any] = maker.remember(("events figure", path), dict)
    if slot.get("shown") != shown:
        slot.update(shown=shown, figure=events_figure(site, path, events, articles))
    figure: dict[str, Any] | None = slot["figure"]
    return figure


def _articles_between(maker: PageMaker, events: Sequence[str], part: Slice) -> tuple[str, ...]:
    """The articles dated within a timeline page's events (the first and last pages: open)."""
    cards = maker.site.cards
    days = [d for d in (cards[e].date for e in events) if d is not None]
    low = dt.date.min if part.number == 1 or not days else min(days)
    high = dt.date.max if part.number == part.count or not days else max(days)
    articles = maker.site.articles
    return maker.kept(f"articles between {low} and {high}", (articles,), lambda: tuple(
        a.article.id for a in articles if low <= a.article.date <= high))


def topic_list(maker: PageMaker) -> Page:
    """Every topic, with how many articles are filed under it."""
    context = maker.common(TOPICS, "Topics", f"Topics of {maker.site.config.title}")
    context["topics"] = [{"name": name, "url": urls.relative(topic_path(name), TOPICS),
                          "count": plural(len(ids), "article")}
                         for name, ids in sorted(maker.topics.values(),
                                                 key=lambda t: t[0].casefold())]
    return Page(TOPICS, "topics.html", context)


def topic(maker: PageMaker, part: Slice, name: str, article_ids: Sequence[str]) -> Page:
    """The articles filed under one topic, newest first."""
    context = _listed(maker, part, name, f"Articles on {name}")
    context["topic"] = {"name": name, "count": plural(len(maker.topics_by_name[name]),
                                                      "article"),
                        "all_url": urls.relative(TOPICS, part.path)}
    context["articles"] = [maker.article_ref(maker.site.articles[maker.article_at[a]], part.path)
                           for a in article_ids]
    return Page(part.path, "topic.html", context)


def mentions(maker: PageMaker, part: Slice, card_id: str, total: int,
             article_ids: Sequence[str]) -> Page:
    """Every article that mentions a card, newest first, with each mention's snippet."""
    card = maker.site.cards[card_id]
    context = _listed(maker, part, f"Mentions of {card.name}",
                      f"Every article that mentions {card.name}")
    context["card"] = maker.card_ref(card_id, part.path)
    wanted = set(article_ids)
    found = tuple(m for m in maker.site.backlinks.get(card_id, ()) if m.article in wanted)
    context["backlinks"] = backlinks(maker, found, part.path)
    context["total"] = plural(total, "article")
    return Page(part.path, "mentions.html", context)


def search(maker: PageMaker, part: Slice, entries: Sequence[Entry]) -> Page:
    """The search page: results as you type, and every card and article A to Z."""
    site, path = maker.site, part.path
    context = _listed(maker, part, "Search", f"Search {site.config.title}")
    out = []
    folder = path.rpartition("/")[0]
    for kind, key in entries:  # each entry the same dict while its card or article is
        if kind == "card":
            card, text = site.cards[key], site.card_texts[key]
            out.append(maker.remember(("a_to_z card", id(card), id(text), folder), partial(
                _card_entry, maker, key, path), (card, text)))
        else:
            linked = site.articles[maker.article_at[key]]
            out.append(maker.remember(("a_to_z article", id(linked), folder), partial(
                _article_entry, linked, path), linked))
    context["entries"] = out
    return Page(path, "search.html", context)


def _card_entry(maker: PageMaker, card_id: str, path: str) -> dict[str, str]:
    card = maker.site.cards[card_id]
    return {"name": card.name, "type": TYPE_LABELS[card.type],
            "summary": plain_summary(maker.site, card_id),
            "url": urls.relative(urls.card_path(card_id), path)}


def _article_entry(linked: LinkedArticle, path: str) -> dict[str, str]:
    article = linked.article
    return {"name": article.title, "type": "Article", "summary": article.dek,
            "url": urls.relative(urls.article_path(article.id), path)}


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
