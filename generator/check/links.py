"""Links in a built site: every internal link, #anchor and asset resolves; every page is reachable.

Works on the in-memory site ({output path: bytes}) that ``render_site`` returns,
or on a folder that was built earlier. Pages are read with the standard
library's HTML parser, so a check of a few thousand pages takes about a second.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

from generator import urls
from generator.errors import Severity

# (tag, attribute) pairs whose value is a URL the site must serve.
URL_ATTRS = frozenset({
    ("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
    ("source", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"),
    ("track", "src"), ("iframe", "src"), ("embed", "src"), ("object", "data"),
    ("input", "src"), ("blockquote", "cite"), ("q", "cite"), ("del", "cite"), ("ins", "cite"),
})
NAVIGATION = frozenset({"a", "area"})
# Head tags whose content is an address of this site (previews fetch these).
META_URLS = frozenset({"og:url", "og:image", "twitter:image"})
CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
# Fragments browsers handle without an element of that id.
BUILTIN_FRAGMENTS = frozenset({"", "top"})


@dataclass(frozen=True, slots=True)
class Link:
    """A URL found in a page: where it is, and whether following it navigates."""

    href: str
    line: int
    col: int
    tag: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A broken thing in a built file, at a line and column of that file."""

    severity: Severity
    code: str
    page: str
    line: int
    col: int
    message: str
    href: str = ""


@dataclass(slots=True)
class Report:
    """What the link check found: problems, and which pages each page is linked from."""

    problems: list[Problem] = field(default_factory=list)
    linked_from: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    pages: int = 0
    links: int = 0


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, int] = {}
        self.duplicates: list[tuple[str, int, int]] = []
        self.links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            anchor = values.get(name)
            if anchor is not None and anchor:
                if anchor in self.ids and name == "id":
                    self.duplicates.append((anchor, line, col + 1))
                self.ids.setdefault(anchor, line)
        for name, value in values.items():
            if (tag, name) in URL_ATTRS:
                self.links.append(Link(value.strip(), line, col + 1, tag))
            elif name == "srcset" and tag in ("img", "source"):
                for part in value.split(","):
                    if part.strip():
                        self.links.append(Link(part.split()[0], line, col + 1, tag))
        if tag == "meta" and values.get("property", values.get("name")) in META_URLS:
            self.links.append(Link(values.get("content", "").strip(), line, col + 1, tag))


def parse_page(html: str) -> _Collector:
    """The ids and URLs of an HTML page."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def target_of(href: str, page: str, base_url: str) -> tuple[str | None, str, str]:
    """(output path or None when not ours, fragment, problem) for a URL found in ``page``."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return None, "", "is not a valid URL"
    fragment = unquote(parts.fragment)
    if parts.scheme or parts.netloc:
        if not href.startswith(base_url):
            return None, "", ""  # another site, mailto:, data: ...
        path = unquote(urlsplit(href[len(base_url):]).path)
    elif parts.path.startswith("/"):
        root = urls.site_root(base_url)
        if not parts.path.startswith(root):
            return None, fragment, f"points outside the site (its pages live under {root})"
        path = unquote(parts.path[len(root):])
    elif not parts.path:
        return page, fragment, ""
    else:
        path = posixpath.join(posixpath.dirname(page), unquote(parts.path))
    trailing = path.endswith("/") or path == ""
    path = posixpath.normpath(path) if path else "."
    if path == ".." or path.startswith("../"):
        return None, fragment, "leads out of the site's folder"
    if trailing or path == ".":
        path = posixpath.join(path, urls.HOME) if path != "." else urls.HOME
    return path, fragment, ""


def check_site(files: Mapping[str, bytes], base_url: str, home: str = urls.HOME) -> Report:
    """Check every link, anchor and asset in ``files``, and that every page is reachable."""
    report = Report()
    parsed = {path: parse_page(data.decode("utf-8", "replace"))
              for path, data in sorted(files.items()) if path.endswith(".html")}
    report.pages = len(parsed)
    for page, found in parsed.items():
        for anchor, line, col in found.duplicates:
            report.problems.append(Problem(Severity.WARNING, "id-duplicate", page, line, col,
                                           f"id '{anchor}' is used more than once in {page}"))
        for link in found.links:
            report.links += 1
            _check_link(files, parsed, page, link, base_url, report)
    for path in sorted(p for p in files if p.endswith(".css")):
        for link in _css_links(files[path].decode("utf-8", "replace")):
            report.links += 1
            _check_link(files, parsed, path, link, base_url, report)
    for path in (urls.FEED, urls.SITEMAP):
        if path in files and (problem := xml_problem(path, files[path])):
            report.problems.append(problem)
    reached = _reachable(home, parsed, report.linked_from)
    for page in parsed:
        if page not in reached and page != urls.NOT_FOUND:
            report.problems.append(Problem(
                Severity.ERROR, "page-unreachable", page, 0, 0,
                f"{page} cannot be reached from the home page by following links"))
    return report


def xml_problem(path: str, data: bytes) -> Problem | None:
    """An error if ``data`` (the feed, the sitemap) is not well-formed XML."""
    parser = expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return Problem(Severity.ERROR, "xml-invalid", path, exc.lineno, exc.offset + 1,
                       f"{path} is not well-formed XML: {expat.ErrorString(exc.code)}")
    return None


def _check_link(files: Mapping[str, bytes], parsed: Mapping[str, _Collector], page: str,
                link: Link, base_url: str, report: Report) -> None:
    if link.href.startswith("/") and not link.href.startswith("//") \
            and page != urls.NOT_FOUND and not page.endswith(".css"):
        report.problems.append(Problem(
            Severity.WARNING, "link-root-relative", page, link.line, link.col,
            f"{page} links to '{link.href}', which starts at the server's root: it breaks "
            "from file:// and when the site moves; use a relative link", link.href))
    target, fragment, problem = target_of(link.href, page, base_url)
    if problem:
        report.problems.append(Problem(Severity.ERROR, "link-outside", page, link.line,
                                       link.col, f"{page} links to '{link.href}', which "
                                       f"{problem}", link.href))
        return
    if target is None:
        return
    if target not in files:
        report.problems.append(Problem(Severity.ERROR, "link-broken", page, link.line,
                                       link.col, f"{page} links to '{link.href}', but the "
                                       f"site has no file {target}", link.href))
        return
    if link.tag in NAVIGATION and target != page:
        report.linked_from[target].add(page)
    ids = parsed.get(target)
    if ids is not None and fragment not in BUILTIN_FRAGMENTS and fragment not in ids.ids \
            and not fragment.startswith(":~:"):
        report.problems.append(Problem(Severity.ERROR, "anchor-missing", page, link.line,
                                       link.col, f"{page} links to '{link.href}', but "
                                       f"{target} has no element with id '{fragment}'",
                                       link.href))


def _css_links(css: str) -> list[Link]:
    links = []
    for match in CSS_URL_RE.finditer(css):
        href = (match.group(2) or match.group(4) or "").strip()
        if href and not href.startswith("#"):
            line = css.count("\n", 0, match.start()) + 1
            col = match.start() - css.rfind("\n", 0, match.start())
            links.append(Link(href, line, col, "css"))
    return links


def _reachable(home: str, parsed: Mapping[str, _Collector],
               linked_from: Mapping[str, set[str]]) -> set[str]:
    links_to: dict[str, set[str]] = defaultdict(set)
    for target, sources in linked_from.items():
        for source in sources:
            links_to[source].add(target)
    seen = {home} if home in parsed else set()
    queue = deque(seen)
    while queue:
        for target in links_to[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def read_folder(folder: Path) -> dict[str, bytes]:
    """A built site's files, by output path (hidden files left out)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in relative.split("/")):
            files[relative] = path.read_bytes()
    return files
