"""The stages in order: load and resolve a project, make and render its pages.

``build`` (with its record on disk) and the live preview (``engine.live``) both
run these; nothing here writes to the output folder itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from markdown_it import MarkdownIt

from generator import urls
from generator.engine.graph import Graph
from generator.engine.options import Options
from generator.engine.pictures import (
    PictureStore,
    emit_pictures,
    make_pictures,
    picture_outputs,
    set_pictures,
)
from generator.engine.produce import Memory, Plan, Produced, Producer, Progress, Sink
from generator.errors import Diagnostic, Location, error, has_errors, stop_if_failed
from generator.load.absent import absent, name_hints, reconcile
from generator.load.articles import ArticleLoader, article_files, load_articles
from generator.load.cards import CardLoader, card_files, load_cards
from generator.load.config import build_time, load_config
from generator.load.notes import note_problems
from generator.load.translations import load_words
from generator.markup.markdown import make_parser
from generator.model import Article, Card, Queries, SiteConfig
from generator.output.write import (
    check_paths,
)
from generator.project import Project
from generator.render.feeds import PUBLISHED, check_image, publish_pages
from generator.render.listings import LISTING_PIECES, make_page, page_list
from generator.render.pages import Page, PageMaker, PageSpec
from generator.render.paging import topic_problems
from generator.render.pieces import define_pieces
from generator.render.search import site_index
from generator.render.templates import Renderer, make_environment, static_files
from generator.resolve.site import KeptStore, Site, resolve
from generator.resolve.view import graph_site

log = logging.getLogger(__name__)


ArticlesLoader = Callable[[Project, MarkdownIt, bool],
                          tuple[tuple[Article, ...], list[Diagnostic]]]


@dataclass(frozen=True, slots=True)
class Reuse:
    """What a live rebuild keeps from earlier builds, so that only changes are redone."""

    card_files: tuple[list[Path], list[Diagnostic]]
    load_card: CardLoader
    article_files: tuple[list[Path], list[Diagnostic]]
    load_article: ArticleLoader
    graph: Graph  # the dependency graph kept from the last build
    # Given the cards and settings, a store of articles linked by earlier builds.
    kept: Callable[[tuple[Card, ...], SiteConfig], KeptStore] | None = None
    pictures: PictureStore | None = None  # the pictures made by earlier builds
    # Every article at once (kept while no article changed), instead of one by one.
    articles: ArticlesLoader | None = None


def load_site(options: Options, reuse: Reuse | None = None) -> tuple[Site, list[Diagnostic]]:
    """Load and resolve the project (no writing); raises BuildFailed on errors."""
    project = Project(options.project.resolve())
    config, diags = load_config(project, options.base_url)
    stop_if_failed(diags, False)
    assert config is not None
    words, problems = load_words(project, config.language)
    diags += problems
    md = make_parser()
    listed_cards = reuse.card_files if reuse else card_files(project)
    cards, card_problems = load_cards(project, listed_cards, reuse.load_card if reuse else None)
    listed_articles = reuse.article_files if reuse else article_files(project)
    if reuse is not None and reuse.articles is not None:
        articles, article_problems = reuse.articles(project, md, config.allow_raw_html)
    else:
        articles, article_problems = load_articles(project, md, config.allow_raw_html,
                                                   listed_articles,
                                                   reuse.load_article if reuse else None)
    diags += card_problems + article_problems
    diags += note_problems(cards, articles, options.today or dt.date.today())
    store = reuse.pictures if reuse and reuse.pictures else PictureStore(project, options.cache)
    pictures, problems = make_pictures(store, cards, articles)
    diags += problems
    # A file with errors is left out and the rest resolved, so that one run reports every
    # problem; references to what was left out are not reported again as unknown ids.
    missing_cards = absent(project, listed_cards[0], (c.location.path for c in cards),
                           card_problems)
    missing_articles = absent(project, listed_articles[0],
                              (a.location.path for a in articles), article_problems)
    kept = reuse.kept(cards, config) if reuse and reuse.kept and not has_errors(
        diags) else None
    graph = reuse.graph if reuse else Graph(changes=False)  # a build in memory (check)
    graph.set(("words",), words)  # the interface's words: what the site index and pages say
    site, problems = resolve(config, cards, articles, md, graph, kept)
    diags += name_hints(reconcile(problems, missing_cards, missing_articles), cards)
    graph.define("topic problems", _topic_problems_query)
    diags += graph("topic problems")
    assert site.graph is not None
    set_pictures(site.graph, store, pictures)
    stop_if_failed(diags, options.strict)
    return site, diags


def _topic_problems_query(graph: Queries) -> list[Diagnostic]:
    """Topics that would share a page (made again only when an article changed)."""
    return topic_problems([a.article for a in graph("all outlines")], graph("config").per_page)


def page_maker(site: Site, built: dt.datetime | None,
               today: dt.date | None = None) -> tuple[PageMaker, bool]:
    """A page maker whose pages are queries of the site's graph: ``graph("page", path)``
    makes the page ``("page spec", path)`` names, and the graph records what it read.
    Also whether what the maker shares with every page changed (every page is made again)."""
    graph = site.graph
    assert graph is not None
    # The parser the site was resolved with (made once a load, not again for the pages).
    maker = PageMaker(graph_site(site), graph("parser").md, built, today,
                      graph("words"))
    define_pieces(maker, LISTING_PIECES)  # what listing pages share, made once by the graph
    # Lazy: a rebuild asks for the pages in the order it chooses (those being looked at first).
    graph.define("page", partial(_page_query, maker), lazy=True)
    graph.define("page list", partial(_page_list_query, maker))
    return maker, maker.changed_shared


def _page_query(maker: PageMaker, graph: Queries, path: str) -> Page:
    graph("shared")  # a page depends on what the maker shares, and on its own spec
    return make_page(maker, graph("page spec", path))


def _page_list_query(maker: PageMaker, graph: Queries) -> list[PageSpec]:
    """Every page (``page_list``); listed again only when what it read changed."""
    graph("shared")
    return page_list(maker)


def render_site(options: Options, site: Site) -> tuple[dict[str, bytes], int, list[Diagnostic]]:
    """Every output file's bytes, and how many of them are pages (nothing is written)."""
    project = Project(options.project.resolve())
    memory = Memory()
    maker, _ = page_maker(site, build_time(site.config.timestamps), today=options.today)
    produced, problems = produce_site(project, maker, memory, None, options.progress)
    memory.written[urls.SITE_INDEX] = site_index(site, maker.words, pagefind=())
    return memory.written, len(produced.made) - len(PUBLISHED), problems


def produce_site(project: Project, maker: PageMaker, sink: Sink, plan: Plan | None,
                 progress: Progress, search: bool = False) -> tuple[Produced, list[Diagnostic]]:
    """Every page (made, rendered and handed to ``sink``, or kept) and the static files;
    with ``search``, each page's record keeps what Pagefind would read of it.

    Nothing reaches the sink when an output path is unsafe or taken twice; the
    templates are still all tried, so every problem is reported in one run.
    """
    env, diags = make_environment(project, maker.words)
    jobs = page_list(maker)
    statics, static_problems = static_files(project)
    site = maker.site
    graph = site.graph
    assert isinstance(graph, Graph)
    pictures, shares = picture_outputs(graph)
    paths = dict.fromkeys([job.path for job in jobs] + list(PUBLISHED) + pictures,
                          b"") | statics
    paths[urls.SITE_INDEX] = b""
    path_problems = (duplicate_pages([job.path for job in jobs]), check_paths(paths),
                     check_image(maker.site.config, paths))
    blocked = any(path_problems)
    producer = Producer(Renderer(project, env), graph, Memory() if blocked else sink, plan,
                        search)
    produced = producer.run(jobs, progress)
    for page in publish_pages(maker, [made.page() for made in produced.made]):
        produced.made.append(producer.emit(page, produced))
    for path, data in statics.items():
        producer.put(path, data, produced)
    if not blocked:
        emit_pictures(graph, pictures, shares, sink, plan.old.outputs if plan else None)
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


