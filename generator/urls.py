"""Where each page lives in the output, and relative links between pages."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from urllib.parse import urlsplit

INDEX_PAGES = {
    # card type -> (output file, heading)
    "person": ("people.html", "Who's who"),
    "organisation": ("organisations.html", "Organisations"),
    "place": ("places.html", "Places"),
    "concept": ("glossary.html", "Glossary"),
    "event": ("timeline.html", "Timeline"),
}
HOME = "index.html"
QUOTES = "quotes.html"
CORRECTIONS = "corrections.html"
STYLE = "static/style.css"
FAVICON = "static/favicon.svg"
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SEARCH = "search.html"
SITE_INDEX = "static/site-index.js"
SCRIPT = "static/explainer.js"


def card_path(card_id: str) -> str:
    """The output path of a card's page."""
    return f"cards/{card_id}.html"


def article_path(article_id: str) -> str:
    """The output path of an article's page."""
    return f"articles/{article_id}.html"


def relative(target: str, page: str) -> str:
    """A link from output file ``page`` to output path ``target`` (may carry #fragment)."""
    path, _, fragment = target.partition("#")
    here = posixpath.dirname(page)
    rel = _relpath(path, here or ".") if path else posixpath.basename(page)
    return rel + (f"#{fragment}" if fragment else "")


def absolute(base_url: str, path: str) -> str:
    """The public address of output path ``path``: the home page is the base URL itself."""
    return base_url + ("" if path == HOME else path)


def site_root(base_url: str) -> str:
    """The path part of the base URL, e.g. ``/explainers/``, for links from any depth."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def linker(page: str, base_url: str) -> Callable[[str], str]:
    """Links from ``page``: relative, except on the 404 page, which is served at any depth."""
    if page == NOT_FOUND:
        return lambda target: site_root(base_url) + target
    return lambda target: relative(target, page)


@functools.lru_cache(maxsize=1 << 16)
def _relpath(path: str, start: str) -> str:
    # A pure function called for every link of every page: worth remembering.
    return posixpath.relpath(path, start)
