"""What a live rebuild keeps of templates: their fingerprints.

A template's fingerprint covers its own source and those of the templates it
extends, includes or imports (found with ``jinja2.meta``), recursively. A
template that names another through a variable may use any of them, so its
fingerprint covers every template.
"""

from __future__ import annotations

import hashlib

import jinja2
import jinja2.meta


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
