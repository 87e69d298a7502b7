"""The pipeline: load -> resolve -> render -> write, stopping between stages on errors."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.engine.options import Options, output_dir
from generator.engine.record import BuildRecord, Scan, scan_inputs, tool_fingerprint
from generator.engine.store import BuildCache, cache_folder, intact
from generator.errors import BuildFailed, Diagnostic, Severity, stop_if_failed
from generator.load.config import build_time, load_config
from generator.output.staging import Signature
from generator.output.write import build_lock, check_output_dir, output_errors
from generator.project import Project
from generator.render import pagefind

if TYPE_CHECKING:
    from generator.engine.produce import Produced
    from generator.output.staging import Staging

__all__ = ["BuildResult", "Options", "build"]
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a finished build did."""

    pages: int
    files: int
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    output: Path
    rendered: int = 0  # pages made and rendered (the others were unchanged)
    changed: int = 0  # files written anew (the others were kept as they were)
    written: Mapping[str, Signature] = field(default_factory=dict)  # every file, as written
    pictures: int = 0  # pictures decoded and made (the others were kept from earlier builds)
    share_cards: int = 0  # share cards drawn (likewise)

    @property
    def warnings(self) -> int:
        """How many warnings the build passed over."""
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


def build(options: Options) -> BuildResult:
    """Build the site into the output folder; raises BuildFailed with every problem found.

    With the build cache (``cache.py``) only the pages that read something that
    changed are made again, and a build with no change at all writes nothing.
    """
    started = time.perf_counter()
    project = Project(options.project.resolve())
    config, diags = load_config(project, options.base_url)
    stop_if_failed(diags, False)
    assert config is not None
    out = output_dir(options, config)
    problems = check_output_dir(project, out)
    if problems:
        from generator.engine.pipeline import load_site

        _site, diags = load_site(options)  # its own problems first, as in a full build
        raise BuildFailed(tuple(diags + problems))
    built = build_time(config.timestamps)
    binary = pagefind.pagefind_binary()  # looked up here, so that tests can hide it
    with output_errors(out), build_lock(out):
        cache = BuildCache(project, out, (options.base_url, options.strict, binary is None))
        tool = tool_fingerprint(binary)
        old = cache.load(tool) if options.cache else None
        inputs = scan_inputs(project, old.inputs if old else None)
        if (old is not None and built is None and old.inputs == inputs
                and intact(out, old.outputs)):
            return BuildResult(old.pages_made, len(old.outputs) - 1, old.diagnostics,
                               time.perf_counter() - started, out, 0, 0, old.outputs)
        if old is not None and not old.readable():
            old = None  # its detail is missing or damaged: a full build
        return _build(options, project, out, cache, tool, old, inputs, built, binary, started)


def _build(options: Options, project: Project, out: Path, cache: BuildCache, tool: bytes,
           old: BuildRecord | None, inputs: Scan, built: dt.datetime | None,
           binary: Path | None, started: float) -> BuildResult:
    """A build that has something to do: the stages, imported only now (a build with
    nothing to do, which only compares the record with the files, does without them)."""
    from generator import urls
    from generator.engine.graph import Graph
    from generator.engine.pictures import PictureStore
    from generator.engine.pipeline import Reuse, load_site, page_maker, produce_site
    from generator.engine.produce import Plan
    from generator.engine.record import changed_keys, site_digests
    from generator.engine.store import Sources
    from generator.load.articles import article_files, load_article
    from generator.load.cards import card_files, load_card
    from generator.output.staging import Staging
    from generator.render.feeds import PUBLISHED
    from generator.render.search import site_index

    sources = Sources(project, inputs, old, keep=options.cache)
    store = PictureStore(project, keep=options.cache)
    site, diags = load_site(options, Reuse(
        card_files(project), sources.wrap(load_card), article_files(project),
        sources.wrap(load_article, lambda article: (Path(article.seed).as_posix(),) if article
                     else ()),
        Graph(changes=False), sources.store, store))
    maker, _ = page_maker(site, built, today=options.today)
    whole, keys, mentions = site_digests(site, maker, inputs)
    plan = (Plan.of(old, changed_keys(old, keys, mentions))
            if old is not None and old.whole == whole else None)
    with Staging(out) as staging:
        produced, problems = produce_site(project, maker, staging, plan, options.progress,
                                          search=binary is not None)
        diags += problems
        stop_if_failed(diags, options.strict)
        found, problems = _search_index(project, staging, binary, old, produced)
        diags += problems
        stop_if_failed(diags, options.strict)
        staging.put(urls.SITE_INDEX, site_index(site, maker.words, pagefind=found))
        cache.forget()
        staging.commit()
    pages = len(produced.made) - len(PUBLISHED)
    if options.cache:
        detail = (keys, mentions, {m.path: (m, produced.arguments.get(m.path, b""))
                                   for m in produced.made}, sources.new, sources.derived)
        cache.save(BuildRecord(tool, inputs, whole, detail, staging.written, pages,
                          tuple(diags)), detail)
    return BuildResult(pages, len(staging.written) - 1, tuple(diags),
                   time.perf_counter() - started, out, produced.rendered,
                   len(staging.written) - staging.linked - 1, staging.written,
                   store.processed, store.drawn)


def _search_index(project: Project, staging: Staging, binary: Path | None,
                  old: BuildRecord | None, produced: Produced,
                  ) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """The Pagefind index in the staging folder, in shards (``output/search.py``): a shard
    whose pages read the same as in the current site is linked from it, the others are
    indexed. The bundle folders, and problems."""
    from generator.output.search import index_shards, plan_shards

    if binary is None:
        _notice(project, "pagefind", "Search: Pagefind is not installed, so the search box "
                "finds names, aliases and summaries only (pip install 'pagefind[bin]' for "
                "full-text search).")
        return (), []
    shards = plan_shards({m.path: m.search for m in produced.made if m.search})
    before = old.outputs if old is not None else {}

    def kept(folder: str) -> bool:
        prefix = folder + "/"
        files = [path for path in before if path.startswith(prefix)]
        return bool(files) and all(staging.link(path, before[path]) for path in files)

    files, problems = index_shards(staging.tmp, binary, shards, kept)
    for path in files:
        staging.adopt(path)
    # A shard Pagefind failed on has no bundle; the search box merges the others.
    return tuple(f"{folder}/" for folder in shards
                 if f"{folder}/pagefind.js" in staging.written), problems


def _notice(project: Project, name: str, text: str) -> None:
    """Log ``text`` the first time a build of this project meets it, later only under -v."""
    try:
        told = cache_folder(project.root) / f"told-{name}"
        first = not told.exists()
        if first:
            told.touch()
    except OSError:  # no cache folder to remember it in: say it every time
        first = True
    log.log(logging.INFO if first else logging.DEBUG, text)
