"""The Pagefind index in shards, each made again only when what it indexes changed.

Pagefind has no way to update an index, so one index of the whole site would be
made again after every edit (about 20 s at 5,000 articles). Instead the pages
worth finding (those with ``data-pagefind-body``: articles and cards) are split
into shards by a hash of their path, and each shard is a Pagefind bundle of its
own in ``pagefind/<key>/``, which the search box merges in the browser with
Pagefind's ``mergeIndex``. A shard's key is a digest of what Pagefind reads of
its pages (``search_digest``), so a shard whose pages say the same is the same
folder: the next build links it from the current site instead of indexing it.

Editing a card's summary changes what Pagefind reads on that card's page only
(other pages show the summary outside what is indexed, or in a part marked
``data-pagefind-ignore``), so one shard of cards is indexed again.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.errors import Diagnostic
from generator.render.pagefind import PAGEFIND_DIR, pagefind_index

# Pages a shard holds at most, by top folder: cards are edited more often than articles,
# so their shards are smaller (quicker to index again); other folders take the default.
SHARD_PAGES = {"cards": 250, "articles": 1000}
DEFAULT_SHARD_PAGES = 500
SCHEME = "shards 1"  # changing how pages are split or digested changes this, and every key
SOURCES = ".search-pages"  # in the staging folder while indexing: the pages of one shard

BODY = "data-pagefind-body"
IGNORE = "data-pagefind-ignore"
OPEN_TAG_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*\Z")
HTML_TAG_RE = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
# Where a plain scan of tags could be wrong (a tag name inside a comment, a script or a
# raw-text element), the whole page counts as what Pagefind reads.
OPAQUE_RE = re.compile(r"<!--|<!\[CDATA\[|<(?:script|style|textarea|template|xmp|iframe|noembed"
                       r"|noframes|noscript|plaintext)\b", re.IGNORECASE)


def search_digest(html: str) -> bytes:
    """A digest of what Pagefind reads of a page: its ``<html>`` tag (the language) and its
    ``data-pagefind-body`` element, without the parts marked ``data-pagefind-ignore``;
    empty for a page with no such element (Pagefind leaves it out).

    Where the page's markup is not plain enough to find those parts for sure, the digest
    covers more (the whole element, or the whole page): it may change when the index
    would not, never the other way round.
    """
    at = html.find(BODY)
    if at < 0:
        return b""
    region = _element_at(html, at)
    region = html if region is None else _without_ignored(region)
    found = HTML_TAG_RE.search(html)
    head = found.group(0) if found else ""
    return hashlib.blake2b(f"{head}\0{region}".encode(), digest_size=16).digest()


def _element_at(html: str, at: int) -> str | None:
    """The whole element whose start tag holds position ``at``, or None if unsure."""
    start = html.rfind("<", 0, at)
    opened = OPEN_TAG_RE.match(html, start, at) if start >= 0 else None
    if opened is None:
        return None
    name = opened.group(1).lower()
    tags = re.compile(rf"<(/?){name}\b[^>]*>", re.IGNORECASE)
    depth = 0
    for tag in tags.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            region = html[start:tag.end()]
            return None if OPAQUE_RE.search(region) else region
    return None


def _without_ignored(region: str) -> str:
    """``region`` with each element marked ``data-pagefind-ignore`` cut out."""
    parts = []
    done = 0
    while (at := region.find(IGNORE, done)) >= 0:
        element = _element_at(region, at)
        if element is None:  # not inside a tag (text that says the word): keep it
            parts.append(region[done:at + len(IGNORE)])
            done = at + len(IGNORE)
            continue
        start = region.rfind("<", 0, at)
        parts.append(region[done:start])
        done = start + len(element)
    parts.append(region[done:])
    return "".join(parts)


def plan_shards(found: Mapping[str, bytes]) -> dict[str, list[str]]:
    """The shards of the pages worth finding (output path: digest), by bundle folder
    (``pagefind/<key>``), each with its pages in path order."""
    groups: dict[str, list[str]] = defaultdict(list)
    for path in sorted(found):
        groups[path.split("/", 1)[0] if "/" in path else ""].append(path)
    shards: dict[str, list[str]] = {}
    for group, paths in sorted(groups.items()):
        count = _shard_count(len(paths), SHARD_PAGES.get(group, DEFAULT_SHARD_PAGES))
        buckets: list[list[str]] = [[] for _ in range(count)]
        for path in paths:
            spot = hashlib.blake2b(path.encode(), digest_size=4).digest()
            buckets[int.from_bytes(spot, "big") % count].append(path)
        for members in buckets:
            if members:
                key = hashlib.blake2b(repr((SCHEME, [(p, found[p]) for p in members])).encode(),
                                      digest_size=8).hexdigest()
                shards[f"{PAGEFIND_DIR}/{key}"] = members
    return shards


def _shard_count(pages: int, most: int) -> int:
    """Shards for ``pages`` pages of at most ``most`` each, rounded up to a power of two
    (so that adding a few pages seldom moves every page to another shard)."""
    count = 1
    while count * most < pages:
        count *= 2
    return count


def index_shards(site: Path, binary: Path, shards: Mapping[str, list[str]],
                 kept: Callable[[str], bool]) -> tuple[list[str], list[Diagnostic]]:
    """Each shard's bundle in ``site`` (the staging folder, which holds the pages): kept
    where ``kept(folder)`` could take it from the current site, else indexed by Pagefind
    from a folder of the shard's pages (two at a time). The files written, and problems."""
    todo = [folder for folder in shards if not kept(folder)]
    sources = site / SOURCES
    files: list[str] = []
    problems: list[Diagnostic] = []

    def index(folder: str) -> tuple[list[Path], list[Diagnostic]]:
        pages = sources / folder.rsplit("/", 1)[1]
        for path in shards[folder]:
            target = pages / path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / path, target)
            except OSError:
                shutil.copyfile(site / path, target)
        try:
            return pagefind_index(pages, site / folder, binary)
        finally:
            shutil.rmtree(pages, ignore_errors=True)

    try:
        with ThreadPoolExecutor(2) as threads:
            for written, found in threads.map(index, todo):
                files += [path.relative_to(site).as_posix() for path in written]
                problems += found
    finally:
        shutil.rmtree(sources, ignore_errors=True)
    return sorted(files), list(dict.fromkeys(problems))

