"""The resolved site read through the engine's graph, so that what a page reads is recorded.

``graph_site`` gives a ``Site`` whose tables answer from the graph's inputs and
queries (those of ``site.QUERIES``): a page made inside a query of the graph
depends on exactly the cards, articles, backlinks, quotes and related lists it
looked at. Going through a whole table (iterating, ``len``) reads the query
that stands for all of it, which changes when any entry does.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, Mapping, ValuesView
from typing import Any, TypeVar

from generator.model import Queries
from generator.resolve.site import LinkedArticle, Site

V = TypeVar("V")


class _Table(Mapping[str, V]):
    """One table of the site: entries and the whole read through the graph."""

    __slots__ = ("_data", "_entry", "_has", "_whole")

    def __init__(self, data: Mapping[str, V], entry: Callable[[str], V],
                 has: Callable[[str], bool], whole: Callable[[], object]) -> None:
        self._data, self._entry, self._has, self._whole = data, entry, has, whole

    def __getitem__(self, key: str) -> V:
        if not self._has(key):
            raise KeyError(key)
        return self._entry(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._has(key)

    def get(self, key: str, default: Any = None) -> Any:
        return self._entry(key) if self._has(key) else default

    def __iter__(self) -> Iterator[str]:
        self._whole()
        return iter(self._data)

    def __len__(self) -> int:
        self._whole()
        return len(self._data)

    def values(self) -> ValuesView[V]:
        self._whole()
        return self._data.values()

    def items(self) -> ItemsView[str, V]:
        self._whole()
        return self._data.items()


class _Articles(tuple[LinkedArticle, ...]):
    """The linked articles in the site's order; an article read by position reads it only."""

    graph: Queries
    source: tuple[LinkedArticle, ...]

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        item = super().__getitem__(index)
        if isinstance(item, LinkedArticle):
            self.graph("linked", item.article.id)
        else:
            self.graph("all linked")
        return item

    def __iter__(self) -> Iterator[LinkedArticle]:
        self.graph("all linked")
        return super().__iter__()

    def __len__(self) -> int:
        self.graph("all linked")
        return super().__len__()


def graph_site(site: Site) -> Site:
    """``site``, its reads recorded by the graph it was resolved in."""
    graph = site.graph
    if graph is None:
        raise ValueError("the site was not resolved in a graph")
    articles = _Articles(site.articles)
    articles.graph, articles.source = graph, site.articles

    def has_card(key: str) -> bool:
        return bool(graph("has card", key))

    def mentioned(key: str) -> bool:
        return bool(graph("backlinks", key))

    def quoted(key: str) -> bool:
        return bool(graph("quotes by", key))

    def related(key: str) -> bool:
        return bool(graph("related", key))

    return Site(
        config=site.config,
        cards=_Table(site.cards, lambda k: graph("card", k), has_card,
                     lambda: graph("all cards")),
        card_texts=_Table(site.card_texts, lambda k: graph("card text", k)[0], has_card,
                          lambda: graph("all cards")),
        articles=articles,
        backlinks=_Table(site.backlinks, lambda k: graph("backlinks", k), mentioned,
                         lambda: graph("mentioned")),
        related=_Table(site.related, lambda k: graph("related", k), related,
                       lambda: graph("related map")),
        quotes_by_speaker=_Table(site.quotes_by_speaker, lambda k: graph("quotes by", k),
                                 quoted, lambda: graph("mentioned")),
        matcher=site.matcher,
        graph=graph,
    )


def untracked(value: object) -> object:
    """What a table of ``graph_site`` stands for (the value itself if it is not one),
    without recording a read."""
    if isinstance(value, _Table):
        return value._data
    if isinstance(value, _Articles):
        return value.source
    return value
