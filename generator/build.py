"""The pipeline: load -> resolve -> render -> write, stopping between stages on errors."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator import search, urls
from generator.articles import ArticleLoader, article_files, load_article, load_articles
from generator.cache import (
    Record,
    changed_keys,
    scan_inputs,
    site_digests,
    tool_fingerprint,
)
from generator.cachefile import BuildCache, Sources, intact
from generator.cards import CardLoader, card_files, load_card, load_cards
from generator.config import load_config
from generator.errors import BuildFailed, Diagnostic, Location, Severity, error, has_errors
from generator.feeds import PUBLISHED, check_image, publish_pages
from generator.listing import topic_problems
from generator.markdown import make_parser
from generator.memo import Memo
from generator.meta import build_time
from generator.model import Card, SiteConfig
from generator.pages import PageMaker
from generator.produce import Memory, Plan, Produced, Producer, Progress, Sink
from generator.project import Project
from generator.render import Renderer, make_environment, static_files
from generator.resolve import LinkStore, Site, resolve
from generator.search import PAGEFIND_DIR, pagefind_index, site_index
from generator.staging import Staging
from generator.tracking import Recorder, tracked_site
from generator.write import (
    build_lock,
    check_output_dir,
    check_paths,
    output_errors,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Options:
    """What the user asked for on the command line."""

    project: Path
    output: Path | None = None
    base_url: str | None = None
    strict: bool = False
    cache: bool = True  # use and keep the build cache (.explainer-cache/)
    # Called with (pages rendered, pages in all) while rendering, e.g. for a progress bar.
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)


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

    @property
    def warnings(self) -> int:
        """How many warnings the build passed over."""
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


@dataclass(frozen=True, slots=True)
class Reuse:
    """What a live rebuild keeps from earlier builds, so that only changes are redone."""

    card_files: tuple[list[Path], list[Diagnostic]]
    load_card: CardLoader
    article_files: tuple[list[Path], list[Diagnostic]]
    load_article: ArticleLoader
    memo: Memo
    # Given the cards and settings, a store of articles linked by earlier builds.
    links: Callable[[tuple[Card, ...], SiteConfig], LinkStore] | None = None


def _stop_if_failed(diags: list[Diagnostic], strict: bool) -> None:
    if has_errors(diags) or (strict and diags):
        raise BuildFailed(tuple(diags))


def load_site(options: Options, reuse: Reuse | None = None) -> tuple[Site, list[Diagnostic]]:
    """Load and resolve the project (no writing); raises BuildFailed on errors."""
    project = Project(options.project.resolve())
    config, diags = load_config(project, options.base_url)
    _stop_if_failed(diags, False)
    assert config is not None
    md = make_parser()
    cards, problems = (load_cards(project, reuse.card_files, reuse.load_card) if reuse
                       else load_cards(project))
    diags += problems
    articles, problems = (
        load_articles(project, md, config.allow_raw_html, reuse.article_files,
                      reuse.load_article) if reuse
        else load_articles(project, md, config.allow_raw_html))
    diags += problems
    _stop_if_failed(diags, False)
    links = reuse.links(cards, config) if reuse and reuse.links else None
    site, problems = resolve(config, cards, articles, md, reuse.memo if reuse else None, links)
    diags += problems + topic_problems(articles, config.per_page)
    _stop_if_failed(diags, options.strict)
    return site, diags


def output_dir(options: Options, config: SiteConfig) -> Path:
    """The output folder: --output, else site.yaml's output_dir under the project."""
    return (options.output or options.project / config.output_dir).resolve()


def tracked_maker(site: Site, built: dt.datetime | None) -> tuple[PageMaker, Recorder]:
    """A page maker whose pages record what they read of the site (for the build cache)."""
    recorder = Recorder()
    return PageMaker(tracked_site(site, recorder), make_parser(), built), recorder


def render_site(options: Options, site: Site) -> tuple[dict[str, bytes], int, list[Diagnostic]]:
    """Every output file's bytes, and how many of them are pages (nothing is written)."""
    project = Project(options.project.resolve())
    memory = Memory()
    maker, recorder = tracked_maker(site, build_time(site.config.timestamps))
    produced, problems = produce_site(project, maker, recorder, memory, None, options.progress)
    found = search.pagefind_binary() is not None
    memory.written[urls.SITE_INDEX] = site_index(site, pagefind=found)
    return memory.written, len(produced.made) - len(PUBLISHED), problems


def produce_site(project: Project, maker: PageMaker, recorder: Recorder, sink: Sink,
                 plan: Plan | None, progress: Progress) -> tuple[Produced, list[Diagnostic]]:
    """Every page (made, rendered and handed to ``sink``, or kept) and the static files.

    Nothing reaches the sink when an output path is unsafe or taken twice; the
    templates are still all tried, so every problem is reported in one run.
    """
    env, diags = make_environment(project)
    jobs = maker.page_list()
    statics, static_problems = static_files(project)
    paths = dict.fromkeys([path for path, _ in jobs] + list(PUBLISHED), b"") | statics
    paths[urls.SITE_INDEX] = b""
    path_problems = (duplicate_pages([path for path, _ in jobs]), check_paths(paths),
                     check_image(maker.site.config, paths))
    blocked = any(path_problems)
    producer = Producer(Renderer(project, env), recorder, Memory() if blocked else sink, plan)
    produced = producer.run(jobs, progress)
    for page in publish_pages(maker, [made.page() for made in produced.made]):
        produced.made.append(producer.emit(page, produced))
    for path, data in statics.items():
        producer.put(path, data, produced)
    sink.flush()
    diags += list(dict.fromkeys(produced.diags + producer.renderer.diags))
    diags += path_problems[0] + static_problems + path_problems[1] + path_problems[2]
    return produced, diags


def duplicate_pages(paths: Sequence[str]) -> list[Diagnostic]:
    """Two pages at one path (page 2 of card a's mentions, and card a-2's) would overwrite."""
    seen: set[str] = set()
    diags = []
    for path in paths:
        if path in seen:
            diags.append(error("output-collision", f"two pages would be written to "
                               f"{path!r}", Location(path),
                               "rename one of the cards, articles or topics"))
        seen.add(path)
    return diags


def build(options: Options) -> BuildResult:
    """Build the site into the output folder; raises BuildFailed with every problem found.

    With the build cache (``cache.py``) only the pages that read something that
    changed are made again, and a build with no change at all writes nothing.
    """
    started = time.perf_counter()
    project = Project(options.project.resolve())
    config, diags = load_config(project, options.base_url)
    _stop_if_failed(diags, False)
    assert config is not None
    out = output_dir(options, config)
    problems = check_output_dir(project, out)
    if problems:
        site, diags = load_site(options)  # its own problems first, as in a full build
        raise BuildFailed(tuple(diags + problems))
    built = build_time(config.timestamps)
    binary = search.pagefind_binary()
    with output_errors(out), build_lock(out):
        cache = BuildCache(project, out, (options.base_url, options.strict, binary is None))
        tool = tool_fingerprint(binary)
        old = cache.load(tool) if options.cache else None
        inputs = scan_inputs(project, old.inputs if old else None)
        if (old is not None and built is None and old.inputs == inputs
                and intact(out, old.outputs)):
            return BuildResult(old.pages_made, len(old.outputs) - 1, old.diagnostics,
                               time.perf_counter() - started, out, 0, 0)
        if old is not None and not old.readable():
            old = None  # its detail is missing or damaged: a full build
        sources = Sources(project, inputs, old, keep=options.cache)
        site, diags = load_site(options, Reuse(
            card_files(project), sources.wrap(load_card), article_files(project),
            sources.wrap(load_article, lambda article: (Path(article.seed).as_posix(),) if article
                         else ()),
            Memo(), sources.links))
        maker, recorder = tracked_maker(site, built)
        whole, keys, mentions = site_digests(site, maker, inputs)
        plan = (Plan.of(old, changed_keys(old, keys, mentions))
                if old is not None and old.whole == whole else None)
        with Staging(out) as staging:
            produced, problems = produce_site(project, maker, recorder, staging, plan,
                                              options.progress)
            diags += problems
            _stop_if_failed(diags, options.strict)
            found, problems = _search_index(staging, binary, old if plan else None, produced)
            diags += problems
            _stop_if_failed(diags, options.strict)
            staging.put(urls.SITE_INDEX, site_index(site, pagefind=found))
            cache.forget()
            staging.commit()
        pages = len(produced.made) - len(PUBLISHED)
        if options.cache:
            detail = (keys, mentions, {m.path: (m, produced.arguments.get(m.path, b""))
                                       for m in produced.made}, sources.new, sources.linked)
            cache.save(Record(tool, inputs, whole, detail, staging.written, pages,
                              tuple(diags)), detail)
    return BuildResult(pages, len(staging.written) - 1, tuple(diags),
                       time.perf_counter() - started, out, produced.rendered,
                       len(staging.written) - staging.linked - 1)


def _search_index(staging: Staging, binary: Path | None, old: Record | None,
                  produced: Produced) -> tuple[bool, list[Diagnostic]]:
    """The Pagefind index in the staging folder: kept when no page changed, else made anew."""
    if binary is None:
        log.info("Search: Pagefind is not installed, so the search box finds names, aliases "
                 "and summaries only (pip install 'pagefind[bin]' for full-text search).")
        return False, []
    prefix = PAGEFIND_DIR + "/"
    if old is not None and produced.html_changed == 0 and _html(old.outputs) == _html(
            staging.written):
        bundle = [path for path in old.outputs if path.startswith(prefix)]
        if bundle and all(staging.link(path, old.outputs[path]) for path in bundle):
            return True, []
        shutil.rmtree(staging.tmp / PAGEFIND_DIR, ignore_errors=True)
        for path in bundle:
            staging.written.pop(path, None)
    files, problems = pagefind_index(staging.tmp, binary)
    for path in files:
        staging.adopt(path)
    return bool(files), problems


def _html(files: Mapping[str, object]) -> set[str]:
    return {path for path in files if path.endswith(".html")}
