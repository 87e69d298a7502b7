"""Incremental rebuilds for the live preview: redo only what a change touches.

``BuildState`` keeps, between rebuilds, each source file's loaded card or
article (until the file changes: ``sources.py``), the dependency graph
(``graph.py``), each template's fingerprint, and a digest of every file
written. A rebuild reloads changed files and sets them
as inputs of the graph; every page is a query of the graph, so asking for
every page redoes only those whose reads a change reached (the matcher, card
texts, linked articles, backlinks, shared pieces and the pages themselves are
kept while what they read holds, and an unchanged result stops the change
there). It renders pages whose context or template changed, and writes files
whose bytes changed. The result is the same as a full build's, byte for
byte; a failed rebuild changes nothing.

The pages being looked at (``first``) are made, rendered and written before
the others, and the browsers showing them told at once; should the rest of
the rebuild fail, those files are put back as they were.

Templates and static files are read again only when a change is in their
folder; a change of the interface's words (a catalogue, or the site's language)
makes the templates afresh and renders every page again; the sitemap is redone
only when a page came, went or changed its address or date.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from generator import urls
from generator.engine.fingerprints import Fingerprints
from generator.engine.graph import Graph
from generator.engine.options import Options
from generator.engine.pictures import PictureStore, picture_outputs
from generator.engine.pipeline import duplicate_pages, load_site, page_maker
from generator.engine.sources import SourceFiles
from generator.errors import BuildFailed, Diagnostic, has_errors
from generator.load.config import build_time
from generator.markup.words import Words
from generator.output.write import MARKER, MARKER_TEXT, check_paths, update_output
from generator.project import Project
from generator.render.feeds import check_image, publish_pages, sitemap_entries
from generator.render.pages import Page, PageMaker, PageSpec
from generator.render.search import QUERIES as SEARCH_QUERIES
from generator.render.templates import make_environment, render_pages, static_files


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What one rebuild did."""

    pages: int
    rendered: int
    written: tuple[str, ...]
    removed: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    shown: tuple[str, ...] = ()  # files written before the rest (pages being looked at)
    shown_seconds: float = 0.0  # how long after the start of the rebuild they were


class BuildState:
    """A project being previewed: what it knows from the last rebuild."""

    def __init__(self, options: Options, out: Path) -> None:
        self.options = options
        self.project = Project(options.project.resolve())
        self.out = out
        self.graph = Graph()  # cards, articles and what resolving derives from them
        for name, query in SEARCH_QUERIES.items():  # the site index, entry by entry
            self.graph.define(name, query)
        self.templates = Fingerprints()
        self._env: jinja2.Environment | None = None
        self._words: Words | None = None  # what the templates' gettext says
        self.sources = SourceFiles(self.project)  # each file as loaded, until it changes
        self._pages: dict[str, Page] = {}
        self._specs: list[str] = []  # the pages' paths, in page-list order
        self._listed: list[PageSpec] | None = None  # the page list they came from
        self._digests: dict[str, bytes] = {}
        self._env_diags: tuple[Diagnostic, ...] = ()
        self._templates_dirty = True  # fingerprints read but not yet committed
        self._static: tuple[dict[str, bytes], tuple[Diagnostic, ...]] | None = None
        self._files: dict[str, bytes] = {}  # the static files of the last good build
        self._published_pages: dict[str, Page] = {}  # the 404 page, feed, sitemap, robots.txt
        self.pictures = PictureStore(self.project)  # pictures made once, kept by content

    def _environment(self, changed: Collection[Path] | None, words: Words,
                     ) -> tuple[jinja2.Environment, list[Diagnostic]]:
        if words != self._words:  # other words: every template says something else
            self._env, self._words = None, words
            self.templates = Fingerprints()
        if self._env is not None and not _touches(changed, self.project.templates_dir):
            return self._env, list(self._env_diags)  # no template changed: nothing to look at
        env, diags = make_environment(self.project, words)
        changed_names = self.templates.refresh(env)
        if changed_names is None or self._env is None:
            self._env = env  # templates came or went: compile afresh
        elif changed_names and self._env.cache is not None:
            # A template that imports a changed one holds its old macros: compile both again.
            # (What the old macros drew is not used again: it is kept by macro.)
            stale = self.templates.users(env, changed_names)
            for key in [k for k in self._env.cache if k[1] in stale]:
                del self._env.cache[key]  # the others stay compiled
        self._env_diags = tuple(diags)
        self._templates_dirty = True
        return self._env, diags

    def _statics(self, changed: Collection[Path] | None,
                 ) -> tuple[dict[str, bytes], list[Diagnostic]]:
        if self._static is None or _touches(changed, self.project.static_dir):
            files, diags = static_files(self.project)
            self._static = files, tuple(diags)
        return dict(self._static[0]), list(self._static[1])

    # -- the rebuild -----------------------------------------------------------

    def rebuild(self, changed: Collection[Path] | None = None, first: Collection[str] = (),
                early: Callable[[list[str]], None] | None = None) -> Rebuilt:
        """Bring the output up to date; raises BuildFailed (changing nothing) on errors.

        ``first``: output paths of pages being looked at. Unless loading found errors,
        those that changed are made, rendered and written before the rest (with the other
        files that changed), and ``early`` is told which files were written; should the
        rest then fail, they are put back as they were.
        """
        started = time.perf_counter()
        self.sources.forget(changed)
        site, diags = load_site(self.options, self.sources.reuse(self.graph, self.pictures))
        env, problems = self._environment(changed, self.graph("words"))
        diags += problems
        maker, fresh = page_maker(site, build_time(site.config.timestamps), self.options.today)
        fresh = fresh or not self._pages
        specs = self.graph("page list")  # the same list while nothing it read changed
        listed = specs is not self._listed
        paths = [spec.path for spec in specs] if listed else self._specs
        if len(set(paths)) < len(paths):
            diags += duplicate_pages(paths)
        same_pages = not fresh and len(paths) == len(self._pages) and all(
            map(self._pages.__contains__, paths))
        for spec in specs if listed else ():
            self.graph.set(("page spec", spec.path), spec)
        gone = [] if same_pages else [p for p in self._specs if p not in set(paths)]
        for path in gone:
            self.graph.remove(("page spec", path))
        self.graph.forget(("page", path) for path in gone)
        statics, problems = self._statics(changed)
        diags += problems
        statics[urls.SITE_INDEX] = self.graph("site index", ())
        pictures, shares = picture_outputs(self.graph)
        statics.update(self.pictures.files(pictures, shares))
        redrawn = self._changed_templates(env)
        shown: dict[str, bytes | None] = {}  # the files written first: what they were
        shown_seconds = 0.0
        html: dict[str, str] = {}
        if early is not None and first and not (
                has_errors(diags) or (self.options.strict and diags)):
            pages = set(paths)
            shown, html = self._show_first(env, [p for p in first if p in pages], redrawn,
                                           statics)
            if shown:
                shown_seconds = time.perf_counter() - started
                early(sorted(shown))
        try:
            rebuilt = self._rest(started, env, maker, paths, same_pages, statics, redrawn,
                                 html, shown.keys(), diags)
        except BaseException:
            update_output(self.out, {p: b for p, b in shown.items() if b is not None},
                          [p for p, b in shown.items() if b is None])
            raise
        self._listed = specs
        return replace(rebuilt, shown=tuple(sorted(shown)), shown_seconds=shown_seconds)

    def _show_first(self, env: jinja2.Environment, first: list[str], redrawn: set[str],
                    statics: dict[str, bytes]) -> tuple[dict[str, bytes | None], dict[str, str]]:
        """Make, render and write the pages ``first`` names, with the other files that
        changed (the site index their search reads, pictures, style sheets); what each file
        written held before (None: nothing), and the pages' HTML. Nothing is written if a
        page does not render or none changed."""
        pages = [self.graph("page", path) for path in first]
        pages = [page for page in pages if page.template in redrawn
                 or _redraw(page, self._pages.get(page.path))]
        html, problems = render_pages(self.project, env, pages)
        if problems:
            return {}, {}  # the rest of the rebuild reports them
        files = {path: text.encode("utf-8") for path, text in html.items()}
        files = {path: data for path, data in files.items()
                 if self._digests.get(path) != _digest(data)}
        if not files:
            return {}, html
        files.update((path, data) for path, data in statics.items()
                     if self._files.get(path) is not data
                     and self._digests.get(path) != _digest(data))
        before = {path: _read(self.out / path) for path in files}
        update_output(self.out, files, ())
        return before, html

    def _rest(self, started: float, env: jinja2.Environment, maker: PageMaker,
              paths: list[str], same_pages: bool, statics: dict[str, bytes],
              redrawn: set[str], first_html: dict[str, str], written: Collection[str],
              diags: list[Diagnostic]) -> Rebuilt:
        """Every page after those rendered first (``first_html``; their files and the
        others ``written`` already); checks, renders, writes, commits."""
        made: dict[str, Page] = {}
        for path in paths:  # each page is made again only if something it read changed
            page = self.graph("page", path)
            if page is not self._pages.get(path):
                made[path] = page
        if same_pages:
            pages = self._pages.copy()
            pages.update(made)
        else:
            pages = {path: made.get(path) or self._pages[path] for path in paths}
        published = {p.path: p for p in self._published(maker, pages, made, same_pages)}
        to_render = [page for page in self._to_render(env, pages, list(made), published,
                                                      redrawn) if page.path not in first_html]
        html, problems = render_pages(self.project, env, to_render)
        html.update(first_html)
        diags += problems
        if not same_pages or statics.keys() != self._files.keys():
            diags += check_paths({**dict.fromkeys([*pages, *published], b""), **statics})
        image = self.graph("config").image
        diags += check_image(self.graph("config"), {image: b""} if image in pages
                             or image in published or image in statics else {})
        if has_errors(diags) or (self.options.strict and diags):
            raise BuildFailed(tuple(diags))
        files = {path: text.encode("utf-8") for path, text in html.items()}
        files.update((path, data) for path, data in statics.items()
                     if self._files.get(path) is not data)  # unchanged: the very same bytes
        files[MARKER] = MARKER_TEXT
        digests = {path: _digest(data) for path, data in files.items()}
        writes = {path: data for path, data in files.items()
                  if self._digests.get(path) != digests[path]}
        removed = [] if same_pages and statics.keys() == self._files.keys() else sorted(
            set(self._digests) - set(pages) - set(published) - set(statics) - {MARKER})
        update_output(self.out, {p: d for p, d in writes.items() if p not in written}, removed)
        # Success: commit what this build knows.
        for path in removed:
            del self._digests[path]
        self._digests.update((path, digests[path]) for path in writes)
        self._pages, self._specs = pages, paths
        self._published_pages, self._files = published, statics
        if self._templates_dirty:
            self.templates.commit(env)
            self._templates_dirty = False
        return Rebuilt(len(pages) + len(published), len(to_render) + len(first_html),
                       tuple(sorted(writes)), tuple(removed), tuple(diags),
                       time.perf_counter() - started)

    def _published(self, maker: PageMaker, pages: dict[str, Page], made: dict[str, Page],
                   same_pages: bool) -> list[Page]:
        """The 404 page, feed, sitemap and robots.txt; the sitemap is redone only when a
        page came, went, or changed what it tells the sitemap."""
        sitemap = self._published_pages.get(urls.SITEMAP)
        if sitemap is None or not same_pages or any(
                sitemap_entries([page]) != sitemap_entries([self._pages[path]])
                for path, page in made.items()):
            return publish_pages(maker, list(pages.values()))
        return [sitemap if page.path == urls.SITEMAP else page
                for page in publish_pages(maker, [])]

    def _changed_templates(self, env: jinja2.Environment) -> set[str]:
        """The templates that changed (or one they use) since the last good build."""
        if not self._templates_dirty:
            return set()
        return {name for name in env.list_templates() if self.templates.changed(env, name)}

    def _to_render(self, env: jinja2.Environment, pages: dict[str, Page], made: list[str],
                   published: dict[str, Page], changed: set[str]) -> list[Page]:
        """Pages that are new or changed, and those whose template (or one it uses) changed."""
        redrawn = set(changed)
        if self._templates_dirty:  # a page whose template is gone is rendered (and fails)
            known = set(env.list_templates())
            redrawn.update(p.template for p in pages.values() if p.template not in known)
        old = {**self._pages, **self._published_pages}
        out = [pages[path] for path in made if _redraw(pages[path], old.get(path))] if (
            not redrawn) else [page for path, page in pages.items() if page.template in redrawn
                               or (path in made and _redraw(page, old.get(path)))]
        return out + [page for path, page in published.items()
                      if page.template in redrawn or _redraw(page, old.get(path))]


def _redraw(page: Page, old: Page | None) -> bool:
    """Whether a page that was made again must be rendered: it is new or it changed."""
    return old is None or (page is not old and (
        page.context != old.context or page.template != old.template))


def _touches(changed: Collection[Path] | None, folder: Path) -> bool:
    """Whether a change may be in ``folder`` (None: anything may have changed)."""
    if changed is None:
        return True
    real = Path(os.path.realpath(folder))
    return any(p.is_relative_to(folder) or p.is_relative_to(real)
               or folder.is_relative_to(p) for p in changed)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()
