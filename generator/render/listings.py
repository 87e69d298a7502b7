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
from generator.markup.scripts import sort_key
from generator.markup.text import iso_date
from generator.model import Picture, Queries
from generator.render import paging as listing
from generator.render.figures import events_figure, people_figure
from generator.render.labels import ARTICLE, TYPE_LABELS, index_title, type_label
from generator.render.notes import corrections_context
from generator.render.pages import Page, PageMaker, PageSpec
from generator.render.paging import (
    TOPICS,
    Slice,
    mentions_path,
    page_title,
    pager,
    shown,
    topic_path,
)
from generator.render.portraits import CREDITS, picture_view, rendition
from generator.render.related import BACKLINK_GROUPS, backlinks
from generator.render.search import plain_summary
from generator.resolve.view import outline_site

Entry = tuple[str, str]  # (kind: "card" or "article", id)
Named = tuple[tuple[str, str, str], str, str, str]  # (sort key, type, kind, id)


def page_list(maker: PageMaker) -> list[PageSpec]:
    """Every page: its output path, its kind and what it is told to show (made lazily)."""
    out = [PageSpec(urls.article_path(a), "article", (i,))
           for i, a in enumerate(maker.graph("article ids"))]
    # The ids alone (not the cards): an edited card leaves the list as it is.
    out += [PageSpec(urls.card_path(c), "card", (c,)) for c in maker.graph("card ids")]
    if maker.site.quotes_by_speaker:
        out.append(PageSpec(urls.QUOTES, "quotes", ()))
    if maker.has_corrections:
        out.append(PageSpec(urls.CORRECTIONS, "corrections", ()))
    if maker.graph("shared")["has_pictures"]:
        out.append(PageSpec(CREDITS, "credits", ()))
    return listing_pages(maker) + out


def make_page(maker: PageMaker, spec: PageSpec) -> Page:
    """The page ``spec`` names, made now."""
    return PAGE_KINDS[spec.kind](maker, *spec.args)


def corrections(maker: PageMaker) -> Page:
    """Every correction on the site, newest first, each linking to its page."""
    path = urls.CORRECTIONS
    words = maker.words
    context = maker.common(path, words.gettext("Corrections"), words.gettext(
        "Every correction made to this site's articles and cards, newest first"))
    context["corrections"] = corrections_context(maker)
    return Page(path, "corrections.html", context)


def all_pages(maker: PageMaker) -> Iterator[Page]:
    """Every page of the site."""
    for spec in page_list(maker):
        yield make_page(maker, spec)


def listing_pages(maker: PageMaker) -> list[PageSpec]:
    """Every listing page's path, and how to make it."""
    per = maker.site.config.per_page
    slices = listing.slices

    ids = list(maker.article_at)
    out = [PageSpec(part.path, "home", (part, tuple(shown(ids, part))))
           for part in slices(urls.HOME, len(ids), per)]
    for kind, (first, _) in urls.INDEX_PAGES.items():
        if kind not in maker.type_ids:
            continue
        title = index_title(maker.words, kind)
        cards = maker.type_ids[kind]
        for part in slices(first, len(cards), per):
            page_ids = tuple(shown(cards, part))
            extra = _articles_between(maker, page_ids, part) if kind == "event" else ()
            out.append(PageSpec(part.path, "index", (kind, part, title, page_ids, extra)))
    if maker.topics:
        out.append(PageSpec(TOPICS, "topics", ()))
    for name, articles in maker.topics.values():
        out += [PageSpec(part.path, "topic", (part, name, tuple(shown(articles, part))))
                for part in slices(topic_path(name), len(articles), per)]
    mentions_pages: list[tuple[Slice, str, int, tuple[str, ...]]] = maker.graph(
        "mentions pages")
    out += [PageSpec(part.path, "mentions", (part, card_id, total, naming))
            for part, card_id, total, naming in mentions_pages]
    entries = a_to_z(maker)
    out += [PageSpec(part.path, "search", (part, tuple(shown(entries, part))))
            for part in slices(urls.SEARCH, len(entries), per)]
    return out


def _mentions_pages_piece(maker: PageMaker, graph: Queries,
                          ) -> list[tuple[Slice, str, int, tuple[str, ...]]]:
    """The pages of every card's full list of mentions (cards in more articles than a card
    page shows), with each page's articles."""
    per = graph("config").per_page
    return [(part, card_id, len(naming), tuple(shown(naming, part)))
            for card_id, naming in mentioned_in(maker).items() if len(naming) > BACKLINK_GROUPS
            for part in listing.slices(mentions_path(card_id), len(naming), per)]


def mentioned_in(maker: PageMaker) -> dict[str, tuple[str, ...]]:
    """Each mentioned card's articles, newest first."""
    return {card: maker.graph("mentioned in", card) for card in maker.site.backlinks}


def _mentioned_in_piece(maker: PageMaker, graph: Queries, card_id: str) -> tuple[str, ...]:
    graph("shared")  # the order of the articles
    at = maker.article_at
    return tuple(sorted({m.article for m in maker.site.backlinks.get(card_id, ())},
                        key=at.__getitem__))


def a_to_z(maker: PageMaker) -> list[Entry]:
    """Every card and article, A to Z by name, as ("card" or "article", id).

    Sorted again only when a name, title or type changed, not on every edit of a card.
    """
    entries: list[Entry] = maker.graph("a to z")
    return entries


def _a_to_z_piece(maker: PageMaker, graph: Queries) -> list[Entry]:
    return [(kind, key) for _, _, kind, key in sorted(graph("a to z cards")
                                                      + graph("a to z articles"))]


def _a_to_z_cards_piece(maker: PageMaker, graph: Queries) -> list[Named]:
    language = graph("language")
    return [(sort_key(c.name, language), TYPE_LABELS[c.type], "card", c.id)  # ties: English
            for c in outline_site(maker.site).cards.values()]


def _a_to_z_articles_piece(maker: PageMaker, graph: Queries,
                           ) -> list[Named]:
    language = graph("language")
    return [(sort_key(a.article.title, language), ARTICLE, "article", a.article.id)
            for a in maker.site.articles]


def _listed(maker: PageMaker, part: Slice, title: str, description: str) -> dict[str, Any]:
    context = maker.common(part.path, page_title(maker.words, title, part), description)
    context["pager"] = pager(part)
    return context


def home(maker: PageMaker, part: Slice, article_ids: Sequence[str]) -> Page:
    """The front page (and its next pages): articles, newest first, and the indexes."""
    config = maker.site.config
    context = _listed(maker, part, config.title if part.number == 1
                      else maker.words.gettext("Articles"), config.description)
    context["articles"] = [maker.article_ref(maker.site.articles[maker.article_at[a]], part.path)
                           for a in article_ids]
    link = partial(urls.relative, page=part.path)
    context["indexes"] = [
        {"title": index_title(maker.words, kind), "url": link(target),
         "count": maker.counts[kind]}
        for kind, (target, _) in urls.INDEX_PAGES.items() if maker.counts[kind]
    ]
    context["topics"] = ([{"name": name, "url": link(topic_path(name)), "count": len(ids)}
                          for name, ids in maker.topics.values()] if part.number == 1 else [])
    context["topics_url"] = link(TOPICS) if maker.topics else ""
    return Page(part.path, "home.html", context)


def index(maker: PageMaker, kind: str, part: Slice, title: str, card_ids: Sequence[str],
          article_ids: Sequence[str]) -> Page:
    """An index of one type of card; events in date order, others by name."""
    site, path = maker.site, part.path
    context = _listed(maker, part, title, maker.words.gettext(
        "%(title)s: %(site)s", title=title, site=site.config.title))
    day = maker.today
    context["cards"] = [maker.card_ref(c, path, day) | {
        "date": maker.words.date(site.cards[c].date), "iso_date": iso_date(site.cards[c].date),
        "mentions": len(site.backlinks.get(c, ())),
    } for c in card_ids]
    context["kind"] = kind
    context["figure"] = (people_figure(site, maker.words, path, day, card_ids)
                         if kind == "person" else
                         _events_figure(maker, path, card_ids, article_ids)
                         if kind == "event" else None)
    return Page(path, "timeline.html" if kind == "event" else "index.html", context)


def _events_figure(maker: PageMaker, path: str, card_ids: Sequence[str],
                   article_ids: Sequence[str]) -> dict[str, Any] | None:
    """A timeline page's figure, drawn again only when what it shows changed."""
    figure: dict[str, Any] | None = maker.graph("events figure", path, tuple(sorted(card_ids)),
                                                tuple(article_ids))
    return figure


def _events_figure_piece(maker: PageMaker, graph: Queries, path: str, events: tuple[str, ...],
                         article_ids: tuple[str, ...]) -> dict[str, Any] | None:
    articles = [graph("linked", a)[0] for a in article_ids]
    return events_figure(maker.site, maker.words, path, list(events), articles)


def _articles_between(maker: PageMaker, events: Sequence[str], part: Slice) -> tuple[str, ...]:
    """The articles dated within a timeline page's events (the first and last pages: open)."""
    cards = maker.site.cards
    days = [d for d in (cards[e].date for e in events) if d is not None]
    low = dt.date.min if part.number == 1 or not days else min(d.first for d in days)
    high = dt.date.max if part.number == part.count or not days else max(d.last for d in days)
    between: tuple[str, ...] = maker.graph("articles between", low, high)
    return between


def _articles_between_piece(maker: PageMaker, graph: Queries, low: dt.date,
                            high: dt.date) -> tuple[str, ...]:
    return tuple(a.article.id for a in outline_site(maker.site, articles=True).articles
                 if low <= a.article.date <= high)


def topic_list(maker: PageMaker) -> Page:
    """Every topic, with how many articles are filed under it."""
    words = maker.words
    context = maker.common(TOPICS, words.gettext("Topics"), words.gettext(
        "Topics of %(site)s", site=maker.site.config.title))
    language = maker.site.config.language
    context["topics"] = [{"name": name, "url": urls.relative(topic_path(name), TOPICS),
                          "count": len(ids)}
                         for name, ids in sorted(maker.topics.values(),
                                                 key=lambda t: sort_key(t[0], language))]
    return Page(TOPICS, "topics.html", context)


def topic(maker: PageMaker, part: Slice, name: str, article_ids: Sequence[str]) -> Page:
    """The articles filed under one topic, newest first."""
    context = _listed(maker, part, name, maker.words.gettext("Articles on %(topic)s",
                                                             topic=name))
    context["topic"] = {"name": name, "count": len(maker.topics_by_name[name]),
                        "all_url": urls.relative(TOPICS, part.path)}
    context["articles"] = [maker.article_ref(maker.site.articles[maker.article_at[a]], part.path)
                           for a in article_ids]
    return Page(part.path, "topic.html", context)


def mentions(maker: PageMaker, part: Slice, card_id: str, total: int,
             article_ids: Sequence[str]) -> Page:
    """Every article that mentions a card, newest first, with each mention's snippet."""
    card = maker.site.cards[card_id]
    words = maker.words
    context = _listed(maker, part, words.gettext("Mentions of %(name)s", name=card.name),
                      words.gettext("Every article that mentions %(name)s", name=card.name))
    context["card"] = maker.card_ref(card_id, part.path)
    wanted = set(article_ids)
    found = tuple(m for m in maker.site.backlinks.get(card_id, ()) if m.article in wanted)
    context["backlinks"] = backlinks(maker, found, part.path)
    context["total"] = total
    return Page(part.path, "mentions.html", context)


def search(maker: PageMaker, part: Slice, entries: Sequence[Entry]) -> Page:
    """The search page: results as you type, and every card and article A to Z."""
    site, path = maker.site, part.path
    context = _listed(maker, part, maker.words.gettext("Search"), maker.words.gettext(
        "Search %(site)s", site=site.config.title))
    out = []
    folder = path.rpartition("/")[0]
    for kind, key in entries:  # each entry the same dict while its card or article is
        out.append(maker.graph(f"a to z {kind}", key, folder))
    context["entries"] = out
    return Page(path, "search.html", context)


def _card_entry_piece(maker: PageMaker, graph: Queries, card_id: str,
                      folder: str) -> dict[str, str]:
    card = maker.site.cards[card_id]
    return {"name": card.name, "type": type_label(maker.words, card.type),
            "summary": plain_summary(maker.site, card_id),
            "url": urls.relative(urls.card_path(card_id), f"{folder}/_" if folder else "_")}


def _article_entry_piece(maker: PageMaker, graph: Queries, article_id: str,
                         folder: str) -> dict[str, str]:
    article = graph("linked", article_id)[0].article
    return {"name": article.title, "type": maker.words.gettext(ARTICLE),
            "summary": article.dek,
            "url": urls.relative(urls.article_path(article.id),
                                 f"{folder}/_" if folder else "_")}



# How each kind of page is made: ``make_page`` calls these with the maker and the spec's args.
def credits_page(maker: PageMaker) -> Page:
    """Every picture the site shows, with its credit, licence and source."""
    path = CREDITS
    words = maker.words
    context = maker.common(path, words.gettext("Picture credits"), words.gettext(
        "Who made each picture on this site, and its licence"))
    entries = []
    cards, language = maker.site.cards, maker.site.config.language
    for card_id in sorted(cards, key=lambda c: sort_key(cards[c].name, language)):
        card = maker.site.cards[card_id]
        if card.image is not None:
            entries.append(_entry(maker, card.image, card.name,
                                  urls.relative(urls.card_path(card.id), path)))
    for linked in maker.site.articles:
        article = linked.article
        if article.image is not None:
            entries.append(_entry(maker, article.image, article.title,
                                  urls.relative(urls.article_path(article.id), path)))
    context["pictures"] = entries
    return Page(path, "credits.html", context)


def _entry(maker: PageMaker, picture: Picture, name: str, url: str) -> dict[str, Any]:
    made = rendition(maker.graph, picture)
    assert made is not None
    return {"name": name, "url": url, "picture": picture_view(picture, made, CREDITS, "thumb")}


PAGE_KINDS: dict[str, Callable[..., Page]] = {
    "home": home, "index": index, "topics": topic_list, "topic": topic, "mentions": mentions,
    "search": search, "article": PageMaker.article_at_index, "card": PageMaker.card,
    "quotes": PageMaker.quotes, "corrections": corrections, "credits": credits_page,
}


# The listings' pieces: queries of the site's graph bound to the page maker, made once and
# kept while what they read holds (defined by ``listing_pages``).
LISTING_PIECES: dict[str, Callable[..., Any]] = {
    "mentions pages": _mentions_pages_piece, "mentioned in": _mentioned_in_piece,
    "a to z": _a_to_z_piece, "a to z cards": _a_to_z_cards_piece,
    "a to z articles": _a_to_z_articles_piece, "events figure": _events_figure_piece,
    "articles between": _articles_between_piece, "a to z card": _card_entry_piece,
    "a to z article": _article_entry_piece,
}
