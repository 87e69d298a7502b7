"""The files a published site needs besides its pages: 404 page, Atom feed, sitemap, robots.txt.

Everything here is derived from content dates, never from the clock, so two
builds of the same input give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from generator import urls
from generator.errors import Diagnostic, error
from generator.model import SiteConfig
from generator.render.notes import last_changed
from generator.render.pages import Page, PageMaker
from generator.resolve.site import Site

PUBLISHED = (urls.NOT_FOUND, urls.FEED, urls.SITEMAP, urls.ROBOTS)  # what publish_pages makes


def publish_pages(maker: PageMaker, pages: Sequence[Page]) -> list[Page]:
    """The 404 page, the Atom feed of articles, sitemap.xml and robots.txt."""
    config = maker.site.config
    words = maker.words
    not_found = Page(urls.NOT_FOUND, "404.html", maker.common(
        urls.NOT_FOUND, words.gettext("Page not found"),
        words.gettext("There is no page at this address.")))
    return [
        not_found,
        Page(urls.FEED, "feed.xml", feed_context(maker.site)),
        Page(urls.SITEMAP, "sitemap.xml", {"pages": sitemap_entries(pages)}),
        Page(urls.ROBOTS, "robots.txt", {"sitemap": urls.absolute(config.base_url,
                                                                  urls.SITEMAP)}),
    ]


def sitemap_entries(pages: Sequence[Page]) -> list[dict[str, str]]:
    """Every indexable page's canonical URL and, where content gives one, its last change."""
    entries = []
    for page in sorted(pages, key=lambda p: (p.path != urls.HOME, p.path)):
        head = page.context.get("head")
        if page.path.endswith(".html") and head and not head["noindex"]:
            entries.append({"url": head["canonical"], "modified": head["modified"]})
    return entries


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def tag_uri(base_url: str, day: dt.date, name: str) -> str:
    """A tag: URI (RFC 4151): stays the same when the site moves to another sub-path."""
    host = urlsplit(base_url).hostname or "localhost"
    return f"tag:{host},{day.isoformat()}:{name}"


def feed_context(site: Site) -> dict[str, Any]:
    """The Atom feed: the newest articles, newest first; an entry's updated is its newest
    correction or update, the feed's the newest of those."""
    config = site.config
    newest = site.articles[:config.feed_entries]
    dates = [last_changed(a.article, a.article.date) for a in newest]
    entries = []
    for linked in newest:
        article = linked.article
        entries.append({
            "title": article.title, "summary": article.dek,
            "url": urls.absolute(config.base_url, urls.article_path(article.id)),
            "id": tag_uri(config.base_url, article.date, f"article:{article.id}"),
            "published": _stamp(article.date),
            "updated": _stamp(last_changed(article, article.date)),
            "author": article.credit or config.author or config.title,
            "topics": list(article.topics),
        })
    return {
        "feed": {
            "title": config.title, "subtitle": config.description,
            "language": config.language, "id": config.base_url,
            "home": config.base_url, "self": urls.absolute(config.base_url, urls.FEED),
            "updated": _stamp(max(dates) if dates else dt.date(1970, 1, 1)),
            "author": config.author or config.title,
            "icon": urls.absolute(config.base_url, urls.FAVICON),
        },
        "entries": entries,
    }


def check_image(config: SiteConfig, files: Mapping[str, bytes]) -> list[Diagnostic]:
    """site.yaml's preview image must be a file of the built site."""
    if not config.image or config.image in files:
        return []
    return [error("image-missing", f"image '{config.image}' is not a file of the site",
                  config.location, "put the picture in static/ and write e.g. "
                  "image: static/share.png")]
