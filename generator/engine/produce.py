"""Making, rendering and writing every page, one at a time, straight into the output.

Pages are made lazily from the page list, rendered and handed to a sink as
soon as they are ready, so a build never holds every page's context or HTML
at once. The sink is the staging folder of a build (``staging.Staging``) or,
for ``explainer check``, a dictionary (``Memory``). With the record of the
previous build (``cache.Plan``) a page that read nothing that changed is not
made at all: its file is taken from the current site. On large sites a
forked child does the second half of the page list (``parallel.split``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from generator.engine.graph import Graph
from generator.engine.parallel import split
from generator.engine.record import BuildRecord, Key, Made, digest, record_keys, stale
from generator.errors import Diagnostic
from generator.output.search import search_digest
from generator.output.staging import Signature
from generator.render.pages import Page, PageSpec
from generator.render.pieces import ONE_PAGE_PIECES
from generator.render.templates import Renderer

Progress = Callable[[int, int], None] | None
HEAD_KEYS = ("canonical", "modified", "noindex")  # what the sitemap reads of a page's head


class Sink(Protocol):
    """Where finished files go."""

    written: dict[str, Any]

    def put(self, path: str, data: bytes) -> None:
        """Add a file."""

    def link(self, path: str, expected: Signature) -> bool:
        """Take a file unchanged from the current site, if it is still as written."""

    def holds(self, path: str, data: bytes) -> bool:
        """Whether the current site's file at ``path`` has these bytes."""

    def flush(self) -> None:
        """Wait until every file handed over is in place."""


class Memory:
    """A sink that keeps every file's bytes (for checking a site without writing it)."""

    def __init__(self) -> None:
        self.written: dict[str, bytes] = {}

    def put(self, path: str, data: bytes) -> None:
        """Keep the file."""
        self.written[path] = data

    def link(self, path: str, expected: Signature) -> bool:
        """There is no current site to take files from."""
        return False

    def holds(self, path: str, data: bytes) -> bool:
        """There is no current site."""
        return False

    def flush(self) -> None:
        """Nothing is pending."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What the previous build left that this one may reuse."""

    old: BuildRecord
    changed: set[Key]
    tables: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, old: BuildRecord, changed: set[Key]) -> Plan:
        """A plan that keeps every page that read none of the ``changed`` keys."""
        return cls(old, changed, {table for table, _ in changed})


@dataclass(slots=True)
class Produced:
    """Every page's record, in page-list order, with what making them found."""

    made: list[Made] = field(default_factory=list)
    arguments: dict[str, bytes] = field(default_factory=dict)
    diags: list[Diagnostic] = field(default_factory=list)
    rendered: int = 0  # pages of the page list made and rendered (the others were kept)
    html_changed: int = 0  # pages written with new bytes
    written: dict[str, Any] = field(default_factory=dict)


class Producer:
    """Makes, renders and hands over pages, keeping what the previous build did where it can."""

    def __init__(self, renderer: Renderer, graph: Graph, sink: Sink,
                 plan: Plan | None, search: bool = False) -> None:
        self.renderer, self.graph, self.sink, self.plan = renderer, graph, sink, plan
        self.search = search  # keep each page's search digest (for the Pagefind index)
        self._keys: dict[Key, Key] = {}  # one object per key, so the record pickles small
        self._pieces: dict[tuple[Hashable, ...], tuple[Key, ...]] = {}  # what pieces read

    def run(self, jobs: Sequence[PageSpec], progress: Progress) -> Produced:
        """Every job done: kept pages linked here, the others made on two processes if many."""
        out = Produced()
        kept: dict[str, Made] = {}
        todo: list[PageSpec] = []
        for job in jobs:
            out.arguments[job.path] = args = digest(job.args)
            found = self._kept(job.path, args)
            if found is None:
                todo.append(job)
                self.graph.set(("page spec", job.path), job)
            else:
                kept[job.path] = found
        total = len(todo)
        self.sink.flush()  # no write in flight while a child is forked
        parts = split(todo, lambda share, here: self._share(
            share, progress if here else None, total, 1 if len(share) == total else 2))
        made: dict[str, Made] = {}
        for part in parts:
            made.update((m.path, m) for m in part.made)
            out.diags = list(dict.fromkeys(out.diags + part.diags))  # each template error once
            out.rendered += part.rendered
            out.html_changed += part.html_changed
            self.sink.written.update(part.written)
        out.made = [kept.get(job.path) or made[job.path] for job in jobs]
        if progress is not None:
            progress(total, total)
        return out

    def _share(self, jobs: Sequence[PageSpec], progress: Progress, total: int,
               step: int) -> Produced:
        out = Produced()
        for done, job in enumerate(jobs):
            if progress is not None:
                progress(min(total, done * step), total)
            # A build holds one page's context at a time, and the pieces only it shows.
            page, reads = self.graph.once("page", job.path)
            keys = record_keys(self.graph.reads, reads, self._pieces)
            for piece in self.graph.release(r for r in reads if r[0] in ONE_PAGE_PIECES):
                self._pieces.pop(piece, None)
            out.made.append(self.emit(page, out, tuple(self._keys.setdefault(k, k)
                                                       for k in keys)))
            out.rendered += 1
        self.sink.flush()
        out.diags = list(self.renderer.diags)
        out.written = self.sink.written
        return out

    def _kept(self, path: str, args: bytes) -> Made | None:
        if self.plan is None:
            return None
        old = self.plan.old.pages.get(path)
        sig = self.plan.old.outputs.get(path)
        if (old is None or sig is None or old[1] != args
                or stale(old[0], self.plan.changed, self.plan.tables)):
            return None
        return old[0] if self.sink.link(path, sig) else None

    def emit(self, page: Page, out: Produced, keys: tuple[Key, ...] = ()) -> Made:
        """Render one page and hand its file to the sink."""
        html = self.renderer.render(page)
        if html is not None:
            self.put(page.path, html.encode("utf-8"), out)
        head = page.context.get("head")
        return Made(page.path, page.template,
                    {k: head[k] for k in HEAD_KEYS if k in head} if head else None, keys,
                    search_digest(html) if html is not None and self.search else b"")

    def put(self, path: str, data: bytes, out: Produced) -> None:
        """Hand over a file, linking the current one instead where the bytes are the same."""
        old = self.plan.old.outputs.get(path) if self.plan else None
        if old is not None and self.sink.holds(path, data) and self.sink.link(path, old):
            return
        self.sink.put(path, data)
        out.html_changed += path.endswith(".html")
