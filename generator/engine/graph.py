"""The dependency graph: named computations over inputs, recomputed only where inputs changed.

Every value is a node named by a key: a query name and its arguments, all
plain values (``("card", "keir-starmer")``, ``("linked", "paris-meeting")``).
*Inputs* are set from outside (a loaded card, the site settings). *Queries*
are pure functions registered under a name; when one runs, the graph records
every node it reads, so that nobody has to declare dependencies by hand.

Between two runs the caller sets the inputs that changed; each change starts
a new *revision*. Asking for a query then works as in Salsa's red-green
algorithm: a result whose recorded inputs did not change since it was last
checked is returned as it is; otherwise its inputs are brought up to date
first, and it is computed again only if one of them really changed. A result
computed again that equals the old one keeps its old revision ("early
cutoff"), so what depends on it is not redone: an edited article that names
the same cards leaves every card's backlinks, and so the card pages, alone.

Checking is bounded by what a change can reach: setting an input marks every
node that read it, transitively, as *unsure*; a node that is not unsure is
known to be current without looking at its inputs. A rebuild after one edit
therefore touches the edit's cone, not the whole graph.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

Key = tuple[Hashable, ...]
Query = Callable[..., Any]


@dataclass(slots=True)
class _Node:
    value: Any
    changed_at: int  # the revision in which the value last became different
    verified_at: int  # the revision in which the value was last known to be current
    deps: tuple[Key, ...] = ()  # what a query read, in order (inputs read nothing)
    is_input: bool = False


@dataclass(slots=True)
class _Frame:
    reads: dict[Key, None] = field(default_factory=dict)  # in order, each once


class CycleError(RuntimeError):
    """A query asked, directly or not, for its own result."""


class Graph:
    """Inputs, queries and the recorded dependencies between them (see the module docstring)."""

    def __init__(self) -> None:
        self.revision = 1
        self._nodes: dict[Key, _Node] = {}
        self._queries: dict[str, Query] = {}
        self._readers: dict[Key, set[Key]] = {}  # node -> the queries that read it
        self._unsure: set[Key] = set()  # queries a change may reach, not yet checked
        self._frames: list[_Frame] = []
        self._running: set[Key] = set()
        self.computed = 0  # queries run since the graph was made (for tests and benchmarks)

    # -- defining ---------------------------------------------------------------

    def define(self, name: str, function: Query) -> None:
        """Register ``function(graph, *args)`` as the query ``name`` (or replace it).

        A replacement must compute the same values from the same reads (e.g. the same
        function bound to a new page maker): results already kept stay valid.
        """
        self._queries[name] = function

    # -- inputs -------------------------------------------------------------------

    def set(self, key: Key, value: Any) -> bool:
        """Set an input; returns whether it changed (an equal value changes nothing)."""
        node = self._nodes.get(key)
        if node is not None:
            if not node.is_input:
                raise ValueError(f"{key!r} is a query, not an input")
            if node.value is value or _equal(node.value, value):
                return False
        self._new_revision(key)
        self._nodes[key] = _Node(value, self.revision, self.revision, is_input=True)
        return True

    def remove(self, key: Key) -> bool:
        """Remove an input (reading it again is an error until it is set)."""
        if key not in self._nodes:
            return False
        self._new_revision(key)
        del self._nodes[key]
        return True

    def inputs(self, name: str) -> list[Key]:
        """The keys of the inputs named ``name`` that are set."""
        return [k for k, n in self._nodes.items() if n.is_input and k[0] == name]

    def _new_revision(self, key: Key) -> None:
        if self._frames:
            raise RuntimeError("an input cannot change while a query runs")
        self.revision += 1
        stack = list(self._readers.get(key, ()))
        unsure = self._unsure
        while stack:
            reader = stack.pop()
            if reader not in unsure:
                unsure.add(reader)
                stack.extend(self._readers.get(reader, ()))

    # -- reading ------------------------------------------------------------------

    def __call__(self, name: str, *args: Hashable) -> Any:
        """The value of input or query ``(name, *args)``, brought up to date."""
        key = (name, *args)
        if self._frames:
            self._frames[-1].reads[key] = None
        node = self._nodes.get(key)
        if node is None or key in self._unsure:
            node = self._refresh(key, node)
        return node.value

    def _refresh(self, key: Key, node: _Node | None) -> _Node:
        if node is None:
            if key[0] not in self._queries:
                raise KeyError(f"no input or query {key!r}")
            return self._compute(key, None)
        if node.is_input:
            self._unsure.discard(key)
            return node
        if self._current(node):
            node.verified_at = self.revision
            self._unsure.discard(key)
            return node
        return self._compute(key, node)

    def _current(self, node: _Node) -> bool:
        """Whether none of what ``node`` read has changed since it was last checked."""
        since = node.verified_at
        for dep in node.deps:
            found = self._nodes.get(dep)
            if found is None:
                return False  # an input that was removed
            if dep in self._unsure:
                found = self._refresh(dep, found)
            if found.changed_at > since:
                return False
        return True

    def _compute(self, key: Key, old: _Node | None) -> _Node:
        if key in self._running:
            raise CycleError(f"query {key!r} depends on itself")
        self._running.add(key)
        self._frames.append(_Frame())
        try:
            value = self._queries[str(key[0])](self, *key[1:])
        finally:
            frame = self._frames.pop()
            self._running.discard(key)
        self.computed += 1
        deps = tuple(frame.reads)
        if old is not None:
            for dep in old.deps:
                readers = self._readers.get(dep)
                if readers is not None:
                    readers.discard(key)
        for dep in deps:
            self._readers.setdefault(dep, set()).add(key)
        if old is not None and (old.value is value or _equal(old.value, value)):
            # Early cutoff: the same value keeps its revision, so its readers stay current.
            node = _Node(old.value, old.changed_at, self.revision, deps)
        else:
            node = _Node(value, self.revision, self.revision, deps)
        self._nodes[key] = node
        self._unsure.discard(key)
        return node

    def reads(self, key: Key) -> tuple[Key, ...]:
        """What query ``key`` read when it last ran, in order (nothing if it never ran)."""
        node = self._nodes.get(key)
        return node.deps if node is not None else ()

    def changed_now(self, key: Key) -> bool:
        """Whether ``key``'s value became different in the current revision."""
        node = self._nodes.get(key)
        return node is not None and node.changed_at == self.revision

    def unsure(self) -> frozenset[Key]:
        """The queries a change may have reached that nobody has asked for since."""
        return frozenset(self._unsure)

    def forget(self, keys: Iterable[Key]) -> None:
        """Drop queries nobody asks for any more (a removed page), and their edges."""
        for key in keys:
            node = self._nodes.pop(key, None)
            if node is None or node.is_input:
                continue
            for dep in node.deps:
                readers = self._readers.get(dep)
                if readers is not None:
                    readers.discard(key)
            self._unsure.discard(key)


def _equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # values that cannot be compared count as different
        return False
