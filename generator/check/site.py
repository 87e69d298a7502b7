"""``explainer check``: the gate before publishing. Builds in memory, strictly, and checks
the result: links, anchors, assets, reachability, and the editorial audits. Writes nothing."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from generator import urls
from generator.build import Options
from generator.check.audit import audit
from generator.check.links import Problem, check_site, read_folder
from generator.check.wikidata import check_wikidata
from generator.check.wikidata_client import EntitySource, WikidataSettings
from generator.check.wikidata_client import cache_folder as wikidata_cache
from generator.engine.options import output_dir
from generator.engine.pipeline import load_site, render_site
from generator.engine.record import CACHE_DIR
from generator.errors import Diagnostic, Location, Severity, display_path, has_errors
from generator.load.translations import missing_messages
from generator.output.write import check_output_dir
from generator.project import Project
from generator.render.templates import THEME
from generator.resolve.site import Site

LIST_TEMPLATES = {urls.HOME: "home.html", urls.QUOTES: "quotes.html",
                  urls.NOT_FOUND: "404.html"} | {
    path: "timeline.html" if kind == "event" else "index.html"
    for kind, (path, _) in urls.INDEX_PAGES.items()}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check found, and how much it looked at."""

    diagnostics: tuple[Diagnostic, ...]
    pages: int
    files: int
    links: int
    seconds: float

    @property
    def ok(self) -> bool:
        """True when nothing but warnings was found (only Wikidata's stay warnings)."""
        return not has_errors(self.diagnostics)


def strict(diags: Iterable[Diagnostic], ignore: frozenset[str] = frozenset()) -> tuple[
        Diagnostic, ...]:
    """Warnings become errors; codes in ``ignore`` are dropped; sorted by place, except that
    roles that may have ended come first (the facts an editor should re-check first)."""
    kept = (replace(d, severity=Severity.ERROR) for d in diags if d.code not in ignore)
    return tuple(sorted(kept, key=lambda d: (d.code != "roles-stale", d.location, d.code,
                                             d.message)))


def check_project(options: Options, today: dt.date, ignore: frozenset[str] = frozenset(),
                  wikidata: WikidataSettings | None = None, strict_wikidata: bool = False
                  ) -> CheckResult:
    """Load, render in memory and check everything; raises BuildFailed if loading fails.

    With ``wikidata``, the cards are compared with Wikidata too: what differs is a warning
    that does not fail the check unless ``strict_wikidata``.
    """
    started = time.perf_counter()
    options = replace(options, today=today)  # roles now and dated notes judged as of today
    project = Project(options.project.resolve())
    site, diags = load_site(replace(options, strict=False))
    diags += check_output_dir(project, output_dir(options, site.config))
    diags += missing_messages(project, site.config.language)  # the theme's words untranslated
    files, _, problems = render_site(options, site)
    diags += problems
    links = 0
    if not has_errors(problems):
        report = check_site(files, site.config.base_url)
        links = report.links
        sources = _Sources(project, site)
        diags += [sources.locate(p) for p in report.problems]
        diags += audit(site, today, report.linked_from)
    pages = sum(path.endswith(".html") for path in files)
    found = strict(diags, ignore)
    if wikidata is not None:
        source = EntitySource(wikidata, wikidata_cache(project.root, CACHE_DIR),
                              (site.config.language.lower(), site.config.language[:2]))
        compared = check_wikidata(site.cards.values(), source, site.config.location,
                                  strict_wikidata)
        found += tuple(d for d in compared if d.code not in ignore)
    return CheckResult(found, pages, len(files), links, time.perf_counter() - started)


def check_folder(folder: Path, base_url: str, ignore: frozenset[str] = frozenset()) -> CheckResult:
    """Check a site built earlier (links, anchors, assets, reachability)."""
    started = time.perf_counter()
    files = read_folder(folder)
    report = check_site(files, base_url)
    shown = display_path(folder.resolve(), Path.cwd())
    diags = [_diagnostic(p, Location(f"{shown}/{p.page}", p.line, p.col), "") for p in
             report.problems]
    return CheckResult(strict(diags, ignore), report.pages, len(files), report.links,
                       time.perf_counter() - started)


def _diagnostic(problem: Problem, where: Location, hint: str) -> Diagnostic:
    return Diagnostic(problem.severity, problem.code, problem.message, where, hint)


class _Sources:
    """Which source files each built page comes from, to point problems at them."""

    def __init__(self, project: Project, site: Site) -> None:
        self.project = project
        self.texts: dict[Path, str] = {}
        self.origins: dict[str, list[str]] = {}
        for linked in site.articles:
            article = linked.article
            self.origins[urls.article_path(article.id)] = [
                article.seed_location.path, article.location.path,
                *self._templates("article.html")]
        for card in site.cards.values():
            self.origins[urls.card_path(card.id)] = [card.location.path,
                                                     *self._templates("card.html")]
        for path, template in LIST_TEMPLATES.items():
            self.origins[path] = self._templates(template)

    def _templates(self, name: str) -> list[str]:
        found = []
        for template in (name, "base.html", "_macros.html"):
            own = self.project.templates_dir / template
            found.append(self.project.show(own) if own.is_file() else
                         f"<theme>/templates/{template}")
        return found

    def _read(self, shown: str) -> str:
        path = (THEME / shown.removeprefix("<theme>/") if shown.startswith("<theme>/")
                else self.project.root / shown)
        if path not in self.texts:
            try:
                self.texts[path] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self.texts[path] = ""
        return self.texts[path]

    def locate(self, problem: Problem) -> Diagnostic:
        """The problem at the source line that holds its URL, else at the page's source."""
        candidates = self.origins.get(problem.page) or [problem.page]
        built = f"in the built {problem.page}, line {problem.line}" if problem.line else ""
        if problem.page.startswith("static/"):
            own = self.project.static_dir / problem.page.removeprefix("static/")
            candidates = [self.project.show(own) if own.is_file() else
                          "<theme>/" + problem.page]
        for shown in candidates if problem.href else ():
            text = self._read(shown)
            at = text.find(problem.href)
            if at >= 0:
                line = text.count("\n", 0, at) + 1
                return _diagnostic(problem, Location(shown, line, at - text.rfind("\n", 0, at)),
                                   built)
        hint = built + ("; the link may come from a template" if built and problem.href else "")
        return _diagnostic(problem, Location(candidates[0]), hint)


def counts(diags: Iterable[Diagnostic]) -> Mapping[str, int]:
    """How many problems of each code, most frequent first."""
    found: dict[str, int] = {}
    for diag in diags:
        found[diag.code] = found.get(diag.code, 0) + 1
    return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))
