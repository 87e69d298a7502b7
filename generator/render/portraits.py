"""Pictures on pages: what a template needs to draw one, share cards, and the credits page.

A picture is read through the graph (``graph("picture", file)``, set by the
engine once the file is made), so a page that shows one depends on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator import urls
from generator.markup.words import Words
from generator.model import Article, Card, Picture, Queries, Rendition, SiteConfig
from generator.render.labels import type_label
from generator.render.sharecard import ShareCard, share_card

CREDITS = "credits.html"
# How wide each kind of picture is shown, for the browser to pick a size (see style.css).
SIZES = {"portrait": "(min-width: 48rem) 16rem, 40vw", "thumb": "3rem",
         "lead": "(min-width: 48rem) 44rem, 100vw"}


def rendition(graph: Queries, picture: Picture | None) -> Rendition | None:
    """The processed picture, read through the graph (the page depends on it)."""
    if picture is None:
        return None
    made: Rendition = graph("picture", picture.file)
    return made


def shown_picture(graph: Queries, picture: Picture | None, page: str, kind: str,
          eager: bool = False) -> dict[str, Any] | None:
    """The view of ``picture`` on ``page`` (see ``picture_view``), or None without one."""
    made = rendition(graph, picture)
    return None if made is None or picture is None else picture_view(picture, made, page, kind,
                                                                      eager)


def picture_view(picture: Picture, made: Rendition, page: str, kind: str,
                 eager: bool = False) -> dict[str, Any]:
    """What a template needs to draw a picture: sizes for srcset, its size, its credit."""
    def srcset(mime: str) -> str:
        return ", ".join(f"{urls.relative(v.path, page)} {v.width}w" for v in made.of_type(mime))

    fallback = next(v.mime for v in made.variants if v.mime != "image/webp")
    largest = made.of_type(fallback)[-1]
    shown = [v for v in made.of_type(fallback) if v.width >= 320] or [largest]
    fx, fy = picture.focus or (0.5, 0.5)
    return {
        "src": urls.relative(shown[0].path, page), "alt": picture.alt,
        "width": largest.width, "height": largest.height,
        "webp": srcset("image/webp"), "srcset": srcset(fallback) if fallback != (
            "image/svg+xml") else "", "type": fallback, "sizes": SIZES[kind],
        "loading": "eager" if eager else "lazy",
        "position": f"{fx * 100:g}% {fy * 100:g}%",
        "credit": picture.credit, "licence": picture.licence, "source": picture.source,
    }


def card_share(words: Words, config: SiteConfig, card: Card,
               made: Rendition | None) -> ShareCard:
    """A card's share card: the site, its name, its type (in the site's language) and kind,
    its picture."""
    line = type_label(words, card.type) + (f" · {card.kind}" if card.kind else "")
    return share_card("cards", card.id, config.title, card.name, line, made,
                      card.image.focus if card.image else None)


def article_share(config: SiteConfig, article: Article, made: Rendition | None) -> ShareCard:
    """An article's share card: the site, its headline, its dek, its picture."""
    return share_card("articles", article.id, config.title, article.title, article.dek, made,
                      article.image.focus if article.image else None)


def _card_share_query(graph: Queries, card_id: str) -> ShareCard:
    card: Card = graph("card", card_id)
    return card_share(graph("words"), graph("config"), card, rendition(graph, card.image))


def _article_share_query(graph: Queries, article_id: str) -> ShareCard:
    article: Article = graph("article", article_id)
    return article_share(graph("config"), article, rendition(graph, article.image))


def _share_cards_query(graph: Queries) -> dict[str, ShareCard]:
    """Every page's share card, by output path."""
    found = [graph("card share", c) for c in graph("card ids")]
    found += [graph("article share", a) for a in graph("article ids")]
    return {card.path: card for card in found}


# Each card's and article's share card, and all of them: queries of the site's graph, so
# that an edit redoes only the share card of what it changed (when that shows the change).
SHARE_QUERIES: dict[str, Callable[..., object]] = {
    "card share": _card_share_query, "article share": _article_share_query,
    "share cards": _share_cards_query}
