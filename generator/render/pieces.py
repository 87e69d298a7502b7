"""The pieces of pages that many pages show, as queries of the site's graph.

Each is a plain function of the page maker, the graph and plain keys (ids, a
folder, a role); ``PageMaker`` registers them with the graph, which makes each
once and keeps it while what it read holds. Links in a piece are made from a
page in the key's folder: every page of a folder shows the same piece.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from generator import urls
from generator.markup.markdown import body_html
from generator.model import Queries
from generator.render import meta
from generator.render.drawn import keyed
from generator.render.figures import article_figures
from generator.render.related import RELATED_PIECES
from generator.resolve.roles import RoleDates
from generator.resolve.site import LinkedArticle
from generator.resolve.view import outline_site

if TYPE_CHECKING:
    from generator.render.pages import PageMaker


def _page_in(folder: str) -> str:
    """A page path in ``folder``: what links from any page of the folder are made from."""
    return f"{folder}/_" if folder else "_"


def _card_html_piece(maker: PageMaker, graph: Queries, card_id: str, part: str, folder: str,
                     self_id: str) -> Markup:
    graph("matcher"), graph("config")  # what linking the card's text depends on
    text = maker.site.card_texts[card_id]
    return maker._card_text(text.summary if part == "summary" else text.body, _page_in(folder),
                            self_id)


def _card_ref_piece(maker: PageMaker, graph: Queries, card_id: str, folder: str,
                    role: str, today: dt.date) -> dict[str, Any]:
    card = maker.site.cards[card_id]
    return maker._card_ref(card, maker.site.card_texts[card_id], _page_in(folder), role)


def _article_ref_piece(maker: PageMaker, graph: Queries, article_id: str,
                       folder: str) -> dict[str, Any]:
    linked: LinkedArticle = graph("linked", article_id)[0]
    return maker._article_ref(linked, _page_in(folder))


def _figures_piece(maker: PageMaker, graph: Queries, article_id: str,
                   path: str) -> dict[str, Any]:
    return article_figures(outline_site(maker.site), maker.words,
                           graph("linked", article_id)[0], path)


def _article_body_piece(maker: PageMaker, graph: Queries, article_id: str) -> Markup:
    """An article's text as HTML, its mentions linked from its own page."""
    linked: LinkedArticle = graph("linked", article_id)[0]
    page = urls.article_path(article_id)
    return Markup(body_html(linked.article.body, linked.mentions,
                            lambda card: urls.relative(urls.card_path(card), page)))


def _article_subject_piece(maker: PageMaker, graph: Queries, article_id: str) -> meta.Subject:
    """An article's structured data (it names the cards it mentions, not what they say)."""
    return meta.article_subject(outline_site(maker.site), graph("linked", article_id)[0])


def _successor_piece(maker: PageMaker, graph: Queries, title: str, end: object, start: object,
                     org: str) -> str:
    """The name of who took a role over when it ended, if a card says so by its dates."""
    if end is None:
        return ""
    holders: dict[tuple[str, object], list[tuple[str, RoleDates]]] = graph("role holders")
    return next((graph("card", card).name for card, dates in holders.get((title, end), ())
                 if dates != (title, start, end, org)), "")


def _role_holders_piece(maker: PageMaker, graph: Queries,
                        ) -> dict[tuple[str, object], list[tuple[str, RoleDates]]]:
    """Every role by its title and first day, with its holder's card (in card order)."""
    holders: dict[tuple[str, object], list[tuple[str, RoleDates]]] = {}
    for card_id, roles in graph("role dates"):
        for dates in roles:
            holders.setdefault((dates[0], dates[1]), []).append((card_id, dates))
    return holders


# The pieces of pages that the graph makes once and every page that shows them shares:
# queries of the site's graph, bound to the page maker (see ``PageMaker.__init__``).
PIECES: dict[str, Callable[..., Any]] = {
    "card html": _card_html_piece, "card ref": _card_ref_piece,
    "article ref": _article_ref_piece, "figures": _figures_piece,
    "article body": _article_body_piece, "article subject": _article_subject_piece,
    "successor": _successor_piece, "role holders": _role_holders_piece,
    **RELATED_PIECES,
}
def define_pieces(maker: PageMaker, pieces: dict[str, Callable[..., Any]]) -> None:
    """Make ``pieces`` queries of the maker's graph; what more than one page shows is a
    ``Piece`` that knows its key, so that what a macro draws of it is drawn once."""
    for name, piece in pieces.items():
        query = partial(piece, maker)
        maker.graph.define(name, query if name in ONE_PAGE_PIECES else keyed(name, query))


# Pieces that one page alone shows (an article's text, its figures; a card's group of
# mentions in one article): a build lets them go once that page is made.
ONE_PAGE_PIECES = frozenset({"article body", "article subject", "figures", "related coverage",
                             "backlink group"})
