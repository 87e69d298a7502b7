"""Which parts of a resolved site each page reads, and which parts a rebuild changed.

A page's dependencies are keys such as ("card", "keir-starmer") or
("article", "*") (it went through every article). ``tracked_site`` wraps a
site so that page methods record the keys they read; ``changed_keys``
compares two resolved sites and returns the keys whose values differ. A page
must be remade when one of its keys changed, or when it read a whole table
("*") and anything in that table changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, ItemsView, Iterator, Mapping, ValuesView
from contextlib import contextmanager
from typing import TypeVar

from generator.resolve.site import LinkedArticle, Site

V = TypeVar("V")
Key = tuple[str, str]


class Recorder:
    """Collects the keys read while one page is being made."""

    def __init__(self) -> None:
        self.keys: set[Key] | None = None

    def add(self, table: str, key: str) -> None:
        """Note that ``table[key]`` was read (ignored outside ``page``)."""
        if self.keys is not None:
            self.keys.add((table, key))

    @contextmanager
    def page(self) -> Iterator[set[Key]]:
        """Record the keys read inside the block into the set it yields."""
        keys: set[Key] = set()
        self.keys = keys
        try:
            yield keys
        finally:
            self.keys = None


class _TrackedMap(Mapping[str, V]):
    __slots__ = ("_data", "_recorder", "_table")

    def __init__(self, data: Mapping[str, V], table: str, recorder: Recorder) -> None:
        self._data, self._table, self._recorder = data, table, recorder

    def __getitem__(self, key: str) -> V:
        self._recorder.add(self._table, key)
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        self._recorder.add(self._table, str(key))
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        self._recorder.add(self._table, "*")
        return iter(self._data)

    def __len__(self) -> int:
        self._recorder.add(self._table, "*")
        return len(self._data)

    def values(self) -> ValuesView[V]:
        self._recorder.add(self._table, "*")
        return self._data.values()

    def items(self) -> ItemsView[str, V]:
        self._recorder.add(self._table, "*")
        return self._data.items()


class _TrackedArticles(tuple[LinkedArticle, ...]):
    recorder: Recorder
    source: tuple[LinkedArticle, ...]

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        item = super().__getitem__(index)
        if isinstance(item, LinkedArticle):
            self.recorder.add("article", item.article.id)
        else:
            self.recorder.add("article", "*")
        return item

    def __iter__(self) -> Iterator[LinkedArticle]:
        self.recorder.add("article", "*")
        return super().__iter__()

    def __len__(self) -> int:
        self.recorder.add("article", "*")
        return super().__len__()


def tracked_site(site: Site, recorder: Recorder) -> Site:
    """The same site, recording into ``recorder`` what is read from it."""
    articles = _TrackedArticles(site.articles)
    articles.recorder, articles.source = recorder, site.articles
    return Site(
        config=site.config,
        cards=_TrackedMap(site.cards, "card", recorder),
        card_texts=_TrackedMap(site.card_texts, "card", recorder),
        articles=articles,
        backlinks=_TrackedMap(site.backlinks, "backlinks", recorder),
        related=_TrackedMap(site.related, "related", recorder),
        quotes_by_speaker=_TrackedMap(site.quotes_by_speaker, "quotes", recorder),
        matcher=site.matcher,
    )


def untracked(value: object) -> object:
    """What a tracked table wraps (the value itself if it is not one), read without a trace."""
    if isinstance(value, _TrackedMap):
        return value._data
    if isinstance(value, _TrackedArticles):
        return value.source
    return value


def changed_keys(old: Site, new: Site) -> set[Key]:
    """The keys whose values differ between two sites (config and matcher aside)."""
    changed: set[Key] = set()
    for card_id in old.cards.keys() | new.cards.keys():
        if (old.cards.get(card_id) is not new.cards.get(card_id)
                or old.card_texts.get(card_id) is not new.card_texts.get(card_id)):
            changed.add(("card", card_id))
    old_articles = {a.article.id: a for a in old.articles}
    new_articles = {a.article.id: a for a in new.articles}
    touched: set[str] = set()  # cards named or quoted in changed articles
    for article_id in old_articles.keys() | new_articles.keys():
        before, after = old_articles.get(article_id), new_articles.get(article_id)
        if before is not after:
            changed.add(("article", article_id))
            for linked in (before, after):
                if linked is not None:
                    touched.update(m.card for m in linked.mentions)
                    touched.update(q.quote.speaker for q in linked.quotes)
    if old.backlinks is not new.backlinks:
        changed |= _differ("backlinks", old.backlinks, new.backlinks, touched)
        changed |= _differ("quotes", old.quotes_by_speaker, new.quotes_by_speaker, touched)
    changed |= _differ("related", old.related, new.related, old.related.keys() | new.related)
    return changed


def _differ(table: str, old: Mapping[str, object], new: Mapping[str, object],
            keys: Collection[str]) -> set[Key]:
    return {(table, key) for key in keys if old.get(key) != new.get(key)}


class Dependencies:
    """Which keys each page read, and which pages read each key."""

    def __init__(self) -> None:
        self.of: dict[str, set[Key]] = {}
        self._pages: dict[Key, set[str]] = defaultdict(set)

    def update(self, page: str, keys: set[Key] | None) -> None:
        """Replace what ``page`` read (None: the page is gone)."""
        if keys is not None and self.of.get(page) == keys:
            return  # read the same as before (most pages made again do)
        for key in self.of.pop(page, ()):
            self._pages[key].discard(page)
        if keys is not None:
            self.of[page] = keys
            for key in keys:
                self._pages[key].add(page)

    def stale(self, changed: Collection[Key]) -> set[str]:
        """The pages that read a changed key, or went through a table with a change."""
        out: set[str] = set()
        for key in changed:
            out |= self._pages.get(key, set())
        for table in {table for table, _ in changed}:
            out |= self._pages.get((table, "*"), set())
        return out
