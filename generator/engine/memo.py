"""Results of pure computations, kept from one build to the next.

A key holds everything a result depends on: plain values, or the ``id()`` of
objects that are compared by identity. Those objects are passed as ``keep``
and held by the entry, so that their ids cannot be reused while it exists.
Entries not used by a build are dropped after the next one, so the memo never
grows past two builds' worth.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """A two-generation cache of pure results (see the module docstring)."""

    def __init__(self) -> None:
        self._previous: dict[Hashable, Any] = {}
        self._current: dict[Hashable, Any] = {}
        self._children: dict[str, Memo] = {}

    def child(self, name: str) -> Memo:
        """A memo of its own, for results used only when a result of this one is computed.

        It moves to its next build only when told, so that its entries outlive the
        builds that reuse the parent's result instead of computing it.
        """
        return self._children.setdefault(name, Memo())

    def get(self, key: Hashable, compute: Callable[[], T], keep: object = None) -> T:
        """The result for ``key``, computed only if neither this build nor the last had it."""
        entry = self._current.get(key)
        if entry is None:
            entry = self._previous.get(key)
            if entry is None:
                entry = (compute(), keep)
            self._current[key] = entry
        value: T = entry[0]
        return value

    def next_build(self) -> None:
        """Start a new build: forget entries the last build did not use."""
        self._previous, self._current = self._current, {}
