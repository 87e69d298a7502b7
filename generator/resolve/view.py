"""The resolved site read through the engine's graph, so that what a page reads is recorded.

``graph_site`` gives a ``Site`` whose tables answer from the graph's inputs and
queries (those of ``site.QUERIES``), never from a copy: a page made inside a
query of the graph depends on exactly the cards, articles, backlinks, quotes
and related lists it looked at, and is right whenever the graph runs it.
Going through a whole table reads the query that stands for all of it, which
changes when any entry does.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar, overload

from generator.model import Queries
from generator.resolve.site import LinkedArticle, Site

V = TypeVar("V")


class _Table(Mapping[str, V]):
    """One table of the site: entries and the whole read through the graph."""

    __slots__ = ("_entry", "_has", "_keys")

    def __init__(self, keys: Callable[[], Collection[str]], entry: Callable[[str], V],
                 has: Callable[[str], bool]) -> None:
        self._keys, self._entry, self._has = keys, entry, has

    def __getitem__(self, key: str) -> V:
        if not self._has(key):
            raise KeyError(key)
        return self._entry(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._has(key)

    def get(self, key: str, default: Any = None) -> Any:
        return self._entry(key) if self._has(key) else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())


class _Articles(Sequence[LinkedArticle]):
    """The linked articles in the site's order (or their outlines: ``site.py``,
    ``_article_outline_query``); an article read by position reads it only."""

    __slots__ = ("_all", "_graph", "_outlines")

    def __init__(self, graph: Queries, outlines: bool = False) -> None:
        self._graph, self._outlines = graph, outlines
        self._all = "all outlines" if outlines else "all linked"

    @overload
    def __getitem__(self, index: int) -> LinkedArticle: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[LinkedArticle]: ...

    def __getitem__(self, index: int | slice) -> LinkedArticle | Sequence[LinkedArticle]:
        if isinstance(index, slice):
            everything: tuple[LinkedArticle, ...] = self._graph(self._all)
            return everything[index]
        article_id = self._graph("article ids")[index]
        if self._outlines:
            outline: LinkedArticle = self._graph("article outline", article_id)
            return outline
        linked: LinkedArticle = self._graph("linked", article_id)[0]
        return linked

    def __iter__(self) -> Iterator[LinkedArticle]:
        return iter(self._graph(self._all))

    def __len__(self) -> int:
        return len(self._graph("article ids"))


def graph_site(site: Site) -> Site:
    """``site``, read from the graph it was resolved in (its reads recorded there)."""
    graph = site.graph
    if graph is None:
        raise ValueError("the site was not resolved in a graph")

    def has_card(key: str) -> bool:
        return bool(graph("has card", key))

    def card_ids() -> Collection[str]:
        graph("all cards")  # a whole table read: any card's change reaches the reader
        ids: tuple[str, ...] = graph("card ids")
        return ids

    def mentioned() -> Mapping[str, object]:
        found: Mapping[str, object] = graph("mentioned")[0]
        return found

    def quoted() -> Mapping[str, object]:
        found: Mapping[str, object] = graph("mentioned")[1]
        return found

    return Site(
        config=site.config,
        cards=_Table(card_ids, lambda k: graph("card", k), has_card),
        card_texts=_Table(card_ids, lambda k: graph("card text", k)[0], has_card),
        articles=_Articles(graph),
        backlinks=_Table(mentioned, lambda k: graph("backlinks", k),
                         lambda k: bool(graph("backlinks", k))),
        related=_Table(lambda: graph("related map"), lambda k: graph("related", k),
                       lambda k: bool(graph("related", k))),
        quotes_by_speaker=_Table(quoted, lambda k: graph("quotes by", k),
                                 lambda k: bool(graph("quotes by", k))),
        matcher=site.matcher,
        graph=graph,
    )


def outline_site(site: Site, articles: bool = False) -> Site:
    """``site`` (read from its graph) whose cards are their outlines: the cards without
    their summary and body, for what shows none of these (a diagram, an index by name);
    with ``articles``, the articles too: without their title, dek, credit and address, for
    what shows none of these (the site's order, topics, dates)."""
    graph = site.graph
    if graph is None:
        raise ValueError("the site was not resolved in a graph")
    ids: Callable[[], Collection[str]] = lambda: graph("card ids")  # noqa: E731
    # The settings as the graph has them now: a piece made again before the page maker is
    # (while the site resolves) reads them through the graph, not from the last site.
    cards = _Table(ids, lambda k: graph("card outline", k), lambda k: bool(graph("has card", k)))
    return replace(site, config=graph("config"), cards=cards,
                   articles=_Articles(graph, outlines=True) if articles else site.articles)
