"""The dependency graph: named computations over inputs, recomputed only where inputs changed.

Every value is a node named by a key: a query name and its arguments, all
plain values (``("card", "keir-starmer")``, ``("linked", "paris-meeting")``).
*Inputs* are set from outside (a loaded card, the site settings). *Queries*
are pure functions registered under a name; when one runs, the graph records
every node it reads, so that nobody has to declare dependencies by hand.

Between two runs the caller sets the inputs that changed. A change marks the
queries that read the input as *dirty*; before the next value is read from
outside, the graph brings every dirty query up to date, lowest first (a
query is higher than everything it read). A query run again whose value is
equal to the old one keeps it and stops the change there ("early cutoff"):
its readers are not touched, so an edited article that names the same cards
leaves every card's backlinks, and so the card pages, alone. Only a value
that really changed marks its own readers dirty in turn. The work after an
edit is therefore what the edit really changed and what read it directly,
whatever the size of the site (in the spirit of Salsa's red-green algorithm
and Hugo's change sets, pushed rather than pulled).

A dirty query that fails when it is run again (it read an input that is
gone) is dropped; it fails again, where it is asked for, if anyone asks.

A query defined as *lazy* (a page, which no other query reads) is not run
again when the graph settles: it stays dirty until someone asks for it, so
that the caller chooses the order (the page being looked at first). One that
another query reads is run as any other.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from itertools import count
from typing import Any

Key = tuple[Hashable, ...]
Query = Callable[..., Any]


@dataclass(slots=True)
class _Node:
    key: Key  # the one tuple of its key that the graph keeps: every read of it names this one
    value: Any
    changed_at: int  # the revision in which the value last became different
    height: int = 0  # inputs 0; a query one more than the highest node it read
    deps: tuple[Key, ...] = ()  # what a query read, in order (inputs read nothing)
    is_input: bool = False


@dataclass(slots=True)
class _Frame:
    reads: dict[Key, None] = field(default_factory=dict)  # in order, each once


class CycleError(RuntimeError):
    """A query asked, directly or not, for its own result."""


class Graph:
    """Inputs, queries and the recorded dependencies between them (see the module docstring)."""

    def __init__(self, changes: bool = True) -> None:
        """``changes=False``: a graph whose inputs, once read, never change (a build's). It
        keeps no edge from a value back to what read it (a tenth of a large build's memory),
        only which inputs were read, and refuses to change one of those rather than go
        stale."""
        self.changes = changes
        self._read_inputs: set[Key] = set()  # without readers: the inputs a query read
        self.revision = 1
        self._nodes: dict[Key, _Node] = {}
        self._queries: dict[str, Query] = {}
        self._lazy: set[str] = set()  # queries run again only when asked for
        self._readers: dict[Key, set[Key]] = {}  # node -> the queries that read it
        self._dirty: set[Key] = set()  # queries that read something that changed
        self._queue: list[tuple[int, int, Key]] = []  # the dirty queries, lowest first
        self._order = count()  # ties in the queue, in the order they were marked
        self._frames: list[_Frame] = []
        self._running: set[Key] = set()
        self.computed = 0  # queries run since the graph was made (for tests and benchmarks)

    # -- defining ---------------------------------------------------------------

    def define(self, name: str, function: Query, lazy: bool = False) -> None:
        """Register ``function(graph, *args)`` as the query ``name`` (or replace it).

        A replacement must compute the same values from the same reads (e.g. the same
        function bound to a new page maker): results already kept stay valid. A ``lazy``
        query is run again only when asked for, not when the graph settles.
        """
        self._queries[name] = function
        if lazy:
            self._lazy.add(name)
        else:
            self._lazy.discard(name)

    # -- inputs -------------------------------------------------------------------

    def set(self, key: Key, value: Any) -> bool:
        """Set an input; returns whether it changed (an equal value changes nothing)."""
        node = self._nodes.get(key)
        if node is not None:
            if not node.is_input:
                raise ValueError(f"{key!r} is a query, not an input")
            if node.value is value or _equal(node.value, value):
                return False
            if key in self._read_inputs:
                raise RuntimeError(f"input {key!r} changed in a graph made not to change")
        self._changing()
        self._nodes[key] = _Node(node.key if node else key, value, self.revision,
                                 is_input=True)
        self._mark_readers(key)
        return True

    def remove(self, key: Key) -> bool:
        """Remove an input (reading it again is an error until it is set)."""
        if key not in self._nodes:
            return False
        if key in self._read_inputs:
            raise RuntimeError(f"input {key!r} removed from a graph made not to change")
        self._changing()
        del self._nodes[key]
        self._mark_readers(key)
        return True

    def _changing(self) -> None:
        if self._frames:
            raise RuntimeError("an input cannot change while a query runs")
        self.revision += 1

    def _mark_readers(self, key: Key) -> None:
        for reader in self._readers.get(key, ()):
            if reader not in self._dirty:
                node = self._nodes.get(reader)
                self._dirty.add(reader)
                heapq.heappush(self._queue, (node.height if node else 0, next(self._order),
                                             reader))

    # -- reading ------------------------------------------------------------------

    def __call__(self, name: str, *args: Hashable) -> Any:
        """The value of input or query ``(name, *args)``, brought up to date."""
        key = (name, *args)
        if self._queue and not self._frames:  # dirty queries not yet run (lazy ones wait)
            self.settle()
        node = self._nodes.get(key)
        # The reader records the read as the node's own key where there is one (a large build
        # keeps 150,000 reads: one tuple each would be 8 MB at 5,000 articles), and records
        # a read that failed too, so that it runs again once what it read is set.
        try:
            if node is None:
                if name not in self._queries:
                    raise KeyError(f"no input or query {key!r}")
                node = self._compute(key, None)
            elif key in self._dirty:
                node = self._compute(key, node)
        finally:
            if self._frames:
                self._frames[-1].reads[key if node is None else node.key] = None
        return node.value

    def settle(self) -> None:
        """Run every dirty query again, lowest first, as far as the changes really reach."""
        while self._queue:
            _, _, key = heapq.heappop(self._queue)
            if key not in self._dirty:
                continue
            node = self._nodes.get(key)
            if node is None:
                self._dirty.discard(key)
                continue
            if key[0] in self._lazy and not self._readers.get(key):
                continue  # stays dirty: run again where it is asked for
            # (A lazy query that another query reads is run now: had it waited, its
            # readers would not know whether it changed, and would stay as they were.)
            try:
                self._compute(key, node)
            except Exception:  # it read what is gone: asked for again, it fails there
                self._mark_readers(key)
                self.forget([key])

    def once(self, name: str, *args: Hashable) -> tuple[Any, tuple[Key, ...]]:
        """Run query ``(name, *args)`` and keep nothing of it: its value and what it read.

        For a caller that asks for each result once and then lets it go (a build's
        pages): the queries it reads are kept as usual, but no edge leads back to it.
        """
        if self._frames:
            raise RuntimeError("once() is asked from outside, not by a query")
        if self._queue:
            self.settle()
        return self._run((name, *args))

    def _run(self, key: Key) -> tuple[Any, tuple[Key, ...]]:
        if key in self._running:
            raise CycleError(f"query {key!r} depends on itself")
        self._running.add(key)
        self._frames.append(_Frame())
        try:
            value = self._queries[str(key[0])](self, *key[1:])
        finally:
            frame = self._frames.pop()
            self._running.discard(key)
        if not self.changes:
            nodes = self._nodes
            self._read_inputs.update(read for read in frame.reads
                                     if (node := nodes.get(read)) is not None and node.is_input)
        self.computed += 1
        return value, tuple(frame.reads)

    def _compute(self, key: Key, old: _Node | None) -> _Node:
        value, deps = self._run(key)
        same = old is not None and old.deps == deps  # read the same: its edges stay
        if old is not None and not same:
            for dep in old.deps:
                readers = self._readers.get(dep)
                if readers is not None:
                    readers.discard(key)
        height = 0
        for dep in deps:
            if self.changes and not same:
                self._readers.setdefault(dep, set()).add(key)
            found = self._nodes.get(dep)
            if found is not None and found.height >= height:
                height = found.height + 1
        self._dirty.discard(key)
        if old is not None and (old.value is value or _equal(old.value, value)):
            # Early cutoff: the same value keeps its revision, and its readers stay as they are.
            node = _Node(old.key, old.value, old.changed_at, height, deps)
            self._nodes[key] = node
            return node
        node = _Node(old.key if old is not None else key, value, self.revision, height, deps)
        self._nodes[key] = node
        if old is not None:
            self._mark_readers(key)
        return node

    def reads(self, key: Key) -> tuple[Key, ...]:
        """What query ``key`` read when it last ran, in order (nothing if it never ran)."""
        node = self._nodes.get(key)
        return node.deps if node is not None else ()

    def dirty(self) -> frozenset[Key]:
        """The queries that read something that changed and have not run again yet."""
        return frozenset(self._dirty)

    def forget(self, keys: Iterable[Key]) -> None:
        """Drop queries nobody asks for any more (a removed page), and their edges."""
        for key in keys:
            node = self._nodes.get(key)
            if node is None or node.is_input:
                continue
            del self._nodes[key]
            for dep in node.deps:
                readers = self._readers.get(dep)
                if readers is not None:
                    readers.discard(key)
                    if not readers:
                        del self._readers[dep]  # a set keeps its size when emptied
            self._dirty.discard(key)

    def release(self, keys: Iterable[Key]) -> list[Key]:
        """Forget those of ``keys`` that no kept query reads (in a graph made not to change,
        which keeps no readers, all of them); returns them."""
        unread = []
        for key in keys:
            node = self._nodes.get(key)
            if node is not None and not node.is_input and not self._readers.get(key):
                unread.append(key)
        self.forget(unread)
        return unread


def _equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # values that cannot be compared count as different
        return False
