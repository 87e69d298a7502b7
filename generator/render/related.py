"""What a page says about other articles: related coverage, backlinks, then and now.

These read the site through the page maker (so a live rebuild sees the reads)
and keep their costly parts in its memo.
"""

from __future__ import annotations

import heapq
import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from generator import urls
from generator.markup.text import snippet
from generator.model import Card, Mention, Queries
from generator.resolve.site import LinkedArticle

if TYPE_CHECKING:
    from generator.render.pages import PageMaker

RELATED_COVERAGE = 5  # other articles listed under an article
BACKLINK_GROUPS = 10  # articles shown on a card page; the rest are on its mentions pages


def related_coverage(maker: PageMaker, linked: LinkedArticle, cards: list[str],
                     page: str) -> list[dict[str, Any]]:
    """The articles sharing the most cards with this one; ties: the newest first."""
    top: list[tuple[int, int]] = maker.graph("related coverage", linked.article.id,
                                             tuple(cards))
    return [maker.article_ref(maker.site.articles[i], page) | {
        "shared": maker.words.ngettext("%(num)s card in common", "%(num)s cards in common", n)}
        for i, n in top]


def _related_coverage_piece(maker: PageMaker, graph: Queries, article_id: str,
                            cards: tuple[str, ...]) -> list[tuple[int, int]]:
    graph("shared")  # the order of the articles
    counts = Counter(chain.from_iterable(graph("naming", card) for card in cards))
    counts.pop(article_id, None)
    if not counts:
        return []
    # Only the articles sharing as many cards as the fifth best can be among the five (a
    # card that thousands of articles name makes thousands of candidates, not a sort).
    least = heapq.nlargest(RELATED_COVERAGE, counts.values())[-1]
    at = maker.article_at
    best = [(at[a], n) for a, n in counts.items() if n >= least]
    best.sort()  # in article order (the newest first), then by cards in common
    best.sort(key=itemgetter(1), reverse=True)
    return best[:RELATED_COVERAGE]


def _naming_piece(maker: PageMaker, graph: Queries, card_id: str) -> tuple[str, ...]:
    """The ids of the articles that name a card."""
    return tuple({m.article: None for m in maker.site.backlinks.get(card_id, ())})


def then_and_now(maker: PageMaker, card: Card, page: str) -> list[dict[str, Any]]:
    """For each article naming a person: the roles held then, and which have ended."""
    if not card.roles:
        return []
    seen = (m.article for m in maker.site.backlinks.get(card.id, ()))
    out = []
    for linked in maker.in_article_order(seen)[:BACKLINK_GROUPS]:
        article = linked.article
        held = card.roles_on(article.date)
        out.append({
            "article": maker.article_ref(linked, page),
            "roles": [maker.role_view(r, page) for r in held],
            "ended": [maker.role_view(r, page) for r in held if r.ended_by(maker.today)],
        })
    return out


def backlinks(maker: PageMaker, mentions: tuple[Mention, ...], page: str) -> list[dict[str, Any]]:
    """Mentions grouped by article, newest article first, each with a snippet."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article].append(mention)
    folder = posixpath.dirname(page)
    # Each group is the same dict while the article and its mentions are.
    return [maker.graph("backlink group", linked.article.id, tuple(by_article[linked.article.id]),
                        folder)
            for linked in maker.in_article_order(by_article)]


def _backlink_piece(maker: PageMaker, graph: Queries, article_id: str,
                    found: tuple[Mention, ...], folder: str) -> dict[str, Any]:
    linked = graph("linked", article_id)[0]
    chars = graph("config").snippet_chars
    return _backlink(maker, linked, found, f"{folder}/_" if folder else "_", chars)


def _backlink(maker: PageMaker, linked: LinkedArticle, found: tuple[Mention, ...], page: str,
              chars: int) -> dict[str, Any]:
    items = []
    for mention in found:
        text = linked.article.paragraphs[mention.paragraph - 1].text
        before, match, after = snippet(text, mention.start, mention.end, chars)
        target = urls.article_path(linked.article.id) + f"#p{mention.paragraph}"
        items.append({"url": urls.relative(target, page), "before": before,
                      "match": match, "after": after, "paragraph": mention.paragraph})
    return {"article": maker.article_ref(linked, page), "mentions": items,
            "count": len(items)}


# Pieces the graph makes once for every page that shows them (see ``pages.PIECES``).
RELATED_PIECES: dict[str, Callable[..., Any]] = {
    "related coverage": _related_coverage_piece, "naming": _naming_piece,
    "backlink group": _backlink_piece,
}
