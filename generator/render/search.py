"""Search and previews: the site index script and the Pagefind bundle.

``static/site-index.js`` holds, for every card, what a preview shows (name,
type, roles with dates, summary) and what the built-in search matches (name,
aliases, kind, summary), plus each article's title and dek. It is a script
that assigns the data, not JSON to fetch, so it also loads from ``file://``.

The full-text index made by Pagefind is in ``pagefind.py``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from generator import urls
from generator.markup.markdown import inline_plain
from generator.markup.words import Words
from generator.model import Article, Card, Queries, Rendition, Role
from generator.render.labels import type_label
from generator.resolve.site import CardText, Site

log = logging.getLogger(__name__)



def plain_summary(site: Site, card_id: str) -> str:
    """A card's summary as plain text on one line."""
    return summary_text(site.card_texts[card_id])


def summary_text(text: CardText) -> str:
    """A card's parsed summary as plain text on one line."""
    words = " ".join(inline_plain(t.children or []) for t in text.summary if t.type == "inline")
    return " ".join(words.split())


def site_index(site: Site, words: Words, pagefind: tuple[str, ...]) -> bytes:
    """The script that gives previews and the built-in search their data; ``pagefind``:
    the folders of the Pagefind index's shards, which the search box merges."""
    return index_script(
        [card_entry(words, card, site.card_texts[card.id], thumbnail(site.graph, card))
         for card in sorted(site.cards.values(), key=lambda c: c.id)],
        [article_entry(words, linked.article) for linked in site.articles], pagefind)


def index_script(cards: list[str], articles: list[str], pagefind: tuple[str, ...]) -> bytes:
    """The site index script from each card's and article's entry (JSON)."""
    # Keys in order, as json.dumps(sort_keys=True) would put them.
    text = (f'{{"articles":[{",".join(articles)}],"cards":[{",".join(cards)}],'
            f'"pagefind":{_json(list(pagefind))}}}')
    # Valid JSON is valid JavaScript; "</" is escaped so the data could also sit in a page.
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.explainerIndex={text};\n".encode()


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def thumbnail(graph: Queries | None, card: Card) -> list[Any]:
    """The smallest size of a card's picture for its preview: [path, width, height], or []."""
    if card.image is None or graph is None:
        return []
    made: Rendition = graph("picture", card.image.file)
    small = next((v for v in made.variants if v.mime != "image/webp"), None)
    return [small.path, small.width, small.height] if small else []


def card_entry(words: Words, card: Card, text: CardText,
               picture: list[Any] | None = None) -> str:
    """A card's entry in the site index, as JSON."""
    entry: dict[str, Any] = {
        "id": card.id, "n": card.name, "t": type_label(words, card.type),
        "s": summary_text(text), "u": urls.card_path(card.id)}
    if picture:
        entry["p"] = picture
    if card.aliases:
        entry["a"] = list(card.aliases)
    if card.kind:
        entry["k"] = card.kind
    if card.roles:
        # Dates for certain holding (Role.held_on): the latest a partial start can be, the
        # earliest a partial end can be; a role with no known start from the day it was seen.
        entry["r"] = [[r.title, _held_from(r), r.end.first.isoformat() if r.end else ""]
                      for r in card.roles]
    if card.date:
        entry["d"] = words.date_range(card.date, card.end_date)
    return _json(entry)


def _held_from(role: Role) -> str:
    day = role.start.last if role.start else role.seen
    return day.isoformat() if day else "9999-12-31"


def article_entry(words: Words, article: Article) -> str:
    """An article's entry in the site index, as JSON."""
    return _json({"n": article.title, "s": article.dek, "d": words.date(article.date),
                  "u": urls.article_path(article.id)})


def _index_card_query(graph: Queries, card_id: str) -> str:
    card = graph("card", card_id)
    return card_entry(graph("words"), card, graph("card text", card_id)[0], thumbnail(graph, card))


def _index_article_query(graph: Queries, article_id: str) -> str:
    return article_entry(graph("words"), graph("article", article_id))


def _index_cards_query(graph: Queries) -> list[str]:
    return [graph("index card", c) for c in sorted(graph("card ids"))]


def _index_articles_query(graph: Queries) -> list[str]:
    return [graph("index article", a) for a in graph("article ids")]


def _site_index_query(graph: Queries, pagefind: tuple[str, ...]) -> bytes:
    # In two halves: an edited card makes the cards' list again, not the articles'.
    return index_script(graph("index cards"), graph("index articles"), pagefind)


# The site index as queries of the engine's graph (over the inputs and queries of resolve):
# after an edit only the entries of the cards and articles that changed are made again.
QUERIES: dict[str, Callable[..., object]] = {
    "index card": _index_card_query, "index article": _index_article_query,
    "index cards": _index_cards_query, "index articles": _index_articles_query,
    "site index": _site_index_query,
}
