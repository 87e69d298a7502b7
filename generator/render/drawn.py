"""What macros drew, kept by the values they drew: templates just call their macros.

A piece that many pages show (a card in a list, an entry of the A to Z) is a
query of the site's graph; its result is a ``Piece``, a dict that knows the
query's key. When a template calls a macro with pieces and plain values
(``{{ m.card_item(card) }}``), the environment's ``Drawn`` looks the call up by
those keys and values: a macro is drawn once for a piece and the result spliced
into every page that shows it, in a build as in the preview, where what was
drawn is kept from rebuild to rebuild while the templates stay the same.

What is kept can never be stale. A kept result is used only for arguments equal
to those it was drawn with (a piece made again after an edit has the same key
but other values, and is drawn again), and only for macros whose output depends
on their arguments and the environment alone: those of a template imported
without context, which Jinja makes once and keeps. A macro seen on two pages is
one of those; a macro of the page's own template, or of one imported with
context, is made anew for each page and may read it, so it is called every time.
Calls with anything other than pieces and plain values (a list, a dict made on
the page, a ``{% call %}`` block) are drawn every time.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import Any

import jinja2.runtime
from markupsafe import Markup

MOST_KEPT = 50_000  # results kept before starting afresh (the preview leaves a few per edit)
KEPT = -1  # instead of a page number: the macro was seen on two pages
PLAIN = frozenset({str, Markup, int, float, bool, type(None)})  # types kept with values


class Piece(dict[str, Any]):
    """A dict of a piece many pages show, with the key of the query that made it (its name
    and arguments, kept apart: a build holds tens of thousands of pieces)."""

    __slots__ = ("_args", "_name")

    def __init__(self, name: str, args: tuple[Any, ...], values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self._name, self._args = name, args

    @property
    def _key(self) -> tuple[Any, ...]:
        return (self._name, *self._args)


def keyed(name: str, query: Callable[..., Any]) -> Callable[..., Any]:
    """``query`` with its dict results made pieces keyed by ``(name, *args)``."""

    def piece(graph: Any, *args: Any) -> Any:
        value = query(graph, *args)
        return Piece(name, args, value) if type(value) is dict else value

    return piece


class Drawn:
    """The macros' results, by macro and by the keys and values of their arguments."""

    def __init__(self) -> None:
        self.page = 0  # the page being rendered, counted
        self._first: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
        self._kept: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], _Kept]] = (
            weakref.WeakKeyDictionary())
        self._count = 0

    def call(self, macro: jinja2.runtime.Macro, args: tuple[Any, ...],
             kwargs: dict[str, Any]) -> Any:
        """``macro(*args, **kwargs)``, drawn once for the same arguments where that is sure."""
        key = _key(args, kwargs)
        if key is None:
            return macro(*args, **kwargs)
        first = self._first.setdefault(macro, self.page)
        if first == self.page:
            return macro(*args, **kwargs)  # not seen on another page (yet)
        if first != KEPT:
            self._first[macro] = KEPT  # for good
        kept = self._kept.get(macro)
        entry = None if kept is None else kept.get(key)
        if entry is not None and entry.holds(args, kwargs):
            return entry.value
        if self._count >= MOST_KEPT:
            self._kept, self._count, kept = weakref.WeakKeyDictionary(), 0, None
        if kept is None:
            kept = self._kept[macro] = {}
        value = macro(*args, **kwargs)
        kept[key] = _Kept(args, kwargs, value)
        self._count += 1
        return value


class _Kept:
    __slots__ = ("args", "kwargs", "value")

    def __init__(self, args: tuple[Any, ...], kwargs: dict[str, Any], value: Any) -> None:
        self.args, self.kwargs, self.value = args, kwargs, value

    def holds(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        """Whether it was drawn with these values (the keys are equal already)."""
        return all(a is b or a == b for a, b in zip(self.args, args, strict=True)) and all(
            v is kwargs[k] or v == kwargs[k] for k, v in self.kwargs.items())


def _key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...] | None:
    """The arguments as keys (a piece's query key; a plain value with its type, as ``"<b>"``
    and ``Markup("<b>")`` draw differently), or None if one is neither."""
    out: list[Any] = []
    for name, value in (*((None, a) for a in args), *sorted(kwargs.items())):
        kind = type(value)
        if kind is Piece:
            out.append((name, value._key))
        elif kind in PLAIN:
            out.append((name, kind, value))
        else:
            return None
    return tuple(out)
