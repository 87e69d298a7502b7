"""The pipeline: load -> resolve -> render -> write, stopping between stages on errors."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator import urls
from generator.articles import ArticleLoader, load_articles
from generator.cards import CardLoader, load_cards
from generator.config import load_config
from generator.errors import BuildFailed, Diagnostic, Location, Severity, error, has_errors
from generator.feeds import check_image, publish_pages
from generator.listing import topic_problems
from generator.markdown import make_parser
from generator.memo import Memo
from generator.meta import build_time
from generator.pages import Page, PageMaker
from generator.parallel import make_and_render
from generator.project import Project
from generator.render import make_environment, render_pages, static_files
from generator.resolve import Site, resolve
from generator.search import pagefind_binary, pagefind_bundle, site_index
from generator.write import check_output_dir, check_paths, write_output


@dataclass(frozen=True, slots=True)
class Options:
    """What the user asked for on the command line."""

    project: Path
    output: Path | None = None
    base_url: str | None = None
    strict: bool = False
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
    site, problems = resolve(config, cards, articles, md, reuse.memo if reuse else None)
    diags += problems + topic_problems(articles, config.per_page)
    _stop_if_failed(diags, options.strict)
    return site, diags


def output_dir(options: Options, site: Site) -> Path:
    """The output folder: --output, else site.yaml's output_dir under the project."""
    return (options.output or options.project / site.config.output_dir).resolve()


def render_site(options: Options, site: Site) -> tuple[dict[str, bytes], int, list[Diagnostic]]:
    """Every output file's bytes, and how many of them are pages."""
    project = Project(options.project.resolve())
    env, diags = make_environment(project)
    maker = PageMaker(site, make_parser(), build_time(site.config.timestamps))
    forked = make_and_render(project, env, maker, options.progress)
    if forked is None:
        pages = list(maker.pages())
        html, problems = render_pages(project, env, _reporting(
            pages + publish_pages(maker, pages), options.progress))
    else:
        html, pages, problems = forked
        more, others = render_pages(project, env, publish_pages(maker, pages))
        html.update(more)
        problems = list(dict.fromkeys(problems + others))  # each error once, as in one process
        if options.progress is not None:
            options.progress(len(pages), len(pages))
    diags += problems + duplicate_pages(pages)
    files, problems = static_files(project)
    diags += problems
    files.update((path, text.encode("utf-8")) for path, text in html.items())
    files[urls.SITE_INDEX] = site_index(site, pagefind=pagefind_binary() is not None)
    diags += check_paths(files) + check_image(site.config, files)
    return files, len(pages), diags


def duplicate_pages(pages: Sequence[Page]) -> list[Diagnostic]:
    """Two pages at one path (page 2 of card a's mentions, and card a-2's) would overwrite."""
    seen: set[str] = set()
    diags = []
    for page in pages:
        if page.path in seen:
            diags.append(error("output-collision", f"two pages would be written to "
                               f"{page.path!r}", Location(page.path),
                               "rename one of the cards, articles or topics"))
        seen.add(page.path)
    return diags


def _reporting(pages: Sequence[Page], progress: Callable[[int, int], None] | None,
               ) -> Iterator[Page]:
    for done, page in enumerate(pages):
        if progress is not None:
            progress(done, len(pages))
        yield page
    if progress is not None:
        progress(len(pages), len(pages))


def build(options: Options) -> BuildResult:
    """Build the site into the output folder; raises BuildFailed with every problem found."""
    started = time.perf_counter()
    site, diags = load_site(options)
    out = output_dir(options, site)
    diags += check_output_dir(Project(options.project.resolve()), out)
    files, pages, problems = render_site(options, site)
    diags += problems
    _stop_if_failed(diags, options.strict)
    bundle, problems = pagefind_bundle(files)
    diags += problems
    files.update(bundle)
    if not bundle:
        files[urls.SITE_INDEX] = site_index(site, pagefind=False)
    _stop_if_failed(diags, options.strict)
    try:
        write_output(out, files)
    except BuildFailed as failed:  # keep the warnings found so far with the write error
        raise BuildFailed(tuple(diags) + failed.diagnostics) from None
    return BuildResult(pages, len(files), tuple(diags), time.perf_counter() - started, out)
