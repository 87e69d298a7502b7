"""What a live rebuild keeps of templates: fingerprints, and the pieces macros drew.

A template's fingerprint covers its own source and those of the templates it
extends, includes or imports (found with ``jinja2.meta``), recursively. A
template that names another through a variable may use any of them, so its
fingerprint covers every template.

``Fragments`` keeps what ``fragment(m.card_item, card)`` drew, for as long as
the macro and its arguments are the same objects (page contexts are never
changed once made, and PageMaker gives the same dict for the same card).
"""

from __future__ import annotations

import hashlib
import weakref
from typing import Any

import jinja2
import jinja2.meta
import jinja2.runtime

from generator.render.pages import fragment

KEPT = -1  # instead of a page: the macro was seen on two pages
MOST_FRAGMENTS = 200_000  # start afresh past this many (each edit leaves a few behind)


class Fingerprints:
    """The templates' sources and fingerprints, now and at the last good build."""

    def __init__(self) -> None:
        self._sources: dict[str, tuple[str, str]] | None = None
        self._now: dict[str, bytes] = {}
        self._committed: dict[str, bytes] = {}
        self._parsed: dict[str, tuple[str, set[str | None]]] = {}  # source, templates it names

    def refresh(self, env: jinja2.Environment) -> set[str] | None:
        """Read every template's source: the names whose source changed since the last
        refresh, or None if templates came, went or moved (start a new environment)."""
        sources = {name: _source(env, name) for name in env.list_templates()}
        before, self._sources = self._sources, sources
        if before is None or {n: f for n, (f, _) in before.items()} != {
                n: f for n, (f, _) in sources.items()}:
            self._now = {}
            return None
        changed = {name for name in sources if sources[name] != before[name]}
        if changed:
            self._now = {}
        return changed

    def changed(self, env: jinja2.Environment, name: str) -> bool:
        """Whether ``name`` or a template it uses changed since the last commit."""
        return self._fingerprint(env, name, ()) != self._committed.get(name)

    def commit(self, env: jinja2.Environment) -> None:
        """The current fingerprints are those of a good build."""
        self._committed = {name: self._fingerprint(env, name, ()) for name in self._sources or {}}

    def users(self, env: jinja2.Environment, names: set[str]) -> set[str]:
        """``names`` and every template that uses one of them, directly or not."""
        refs = {name: self._references(env, name) for name in self._sources or {}}
        out = set(names)
        while True:
            more = {name for name, used in refs.items()
                    if name not in out and (None in used or used & out)}
            if not more:
                return out
            out |= more

    def _references(self, env: jinja2.Environment, name: str) -> set[str | None]:
        _, source = (self._sources or {}).get(name, ("", ""))
        known = self._parsed.get(name)
        if known is None or known[0] != source:  # parsing is slow: once per source
            try:
                refs = set(jinja2.meta.find_referenced_templates(env.parse(source)))
            except jinja2.TemplateSyntaxError:
                refs = set()
            self._parsed[name] = known = (source, refs)
        return known[1]

    def _fingerprint(self, env: jinja2.Environment, name: str, seen: tuple[str, ...]) -> bytes:
        if name in self._now:
            return self._now[name]
        sources = self._sources or {}
        digest = hashlib.blake2b(digest_size=16)
        filename, source = sources.get(name, ("", "\0missing"))
        digest.update(f"{filename}\0{source}".encode())
        for ref in sorted(self._references(env, name), key=lambda r: r or ""):
            if ref is None:  # a name computed at run time: it may be any template
                for other in sorted(sources):
                    digest.update("\0".join(sources[other]).encode())
            elif ref not in seen:
                digest.update(self._fingerprint(env, ref, (*seen, name)))
        self._now[name] = value = digest.digest()
        return value


def _source(env: jinja2.Environment, name: str) -> tuple[str, str]:
    assert env.loader is not None
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return "", "\0missing"
    except jinja2.TemplateError:  # refused (a link out, a dotfile): the render reports it
        return "", "\0refused"
    return filename or "", source


class Fragments:
    """``fragment(macro, *args)`` for templates, keeping each result (see the module docstring).

    Only the results of a macro seen on two pages are kept: such a macro outlived
    the page it was first called from, so it is one of a template imported without
    context, whose module Jinja keeps and whose macros see only their arguments and
    the globals. A macro of the page's own template, or of one imported with
    context, is made anew for each page and may read it: it is called every time.
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[object, ...], tuple[Any, object]] = {}
        self._first: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()

    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, macro: Any, *args: Any,
                 **kwargs: Any) -> Any:
        if not isinstance(macro, jinja2.runtime.Macro):
            return fragment(macro, *args, **kwargs)  # refused there
        page = id(context.get("page"))  # the same dict in the page's includes and blocks
        first = self._first.setdefault(macro, page)
        if first == page:
            return macro(*args, **kwargs)  # not seen on another page (yet)
        if first != KEPT:
            self._first[macro] = KEPT  # for good: a later page's dict may reuse an old id
        key = (id(macro), *map(id, args), *((k, id(v)) for k, v in sorted(kwargs.items())))
        entry = self._kept.get(key)
        if entry is None:
            if len(self._kept) >= MOST_FRAGMENTS:
                self._kept.clear()
            entry = self._kept[key] = (macro(*args, **kwargs), (macro, args, kwargs))
        return entry[0]

    def clear(self) -> None:
        """Forget everything (templates changed, or every page is made afresh)."""
        self._kept.clear()
        self._first = weakref.WeakKeyDictionary()
