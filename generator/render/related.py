"""What a page says about other articles: related coverage, backlinks, then and now.

These read the site through the page maker (so a live rebuild sees the reads)
and keep their costly parts in its memo.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from functools import partial
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from generator import urls
from generator.markup.text import plural, snippet
from generator.model import Card, Mention
from generator.resolve.site import LinkedArticle

if TYPE_CHECKING:
    from generator.render.pages import PageMaker

RELATED_COVERAGE = 5  # other articles listed under an article
BACKLINK_GROUPS = 10  # articles shown on a card page; the rest are on its mentions pages


def related_coverage(maker: PageMaker, linked: LinkedArticle, cards: list[str],
                     page: str) -> list[dict[str, Any]]:
    """The articles sharing the most cards with this one; ties: the newest first."""
    naming = tuple(maker.site.backlinks.get(c, ()) for c in cards)
    order = maker.order
    top = maker.remember(("related_coverage", id(linked), id(order), *map(id, naming)),
                         lambda: _most_shared(maker, linked, cards), (linked, order, naming))
    return [maker.article_ref(maker.site.articles[i], page) | {
        "shared": plural(n, "card")} for i, n in top]


def _most_shared(maker: PageMaker, linked: LinkedArticle,
                 cards: list[str]) -> list[tuple[int, int]]:
    at = maker.article_at
    naming = map(partial(_naming, maker), cards)
    found = sorted(map(at.__getitem__, chain.from_iterable(naming)))
    counts = Counter(found)  # counted in article order, which the stable sort keeps
    counts.pop(at[linked.article.id], None)
    return sorted(counts.items(), key=itemgetter(1), reverse=True)[:RELATED_COVERAGE]


def _naming(maker: PageMaker, card_id: str) -> tuple[str, ...]:
    """The ids of the articles that name a card."""
    found = maker.site.backlinks.get(card_id, ())
    return maker.remember(("naming", id(found)),
                          lambda: tuple({m.article: None for m in found}), found)


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
    chars = maker.site.config.snippet_chars
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article].append(mention)
    folder = posixpath.dirname(page)
    out = []
    for linked in maker.in_article_order(by_article):
        found = tuple(by_article[linked.article.id])
        out.append(maker.remember(  # the same while the article and its mentions are
            ("backlinks", id(linked), *map(id, found), folder, chars),
            partial(_backlink, maker, linked, found, page, chars), (linked, found)))
    return out


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
            "count": plural(len(items), "mention")}
