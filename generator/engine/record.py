"""The on-disk build cache: what the last build read and wrote, so the next one redoes only changes.

``.explainer-cache/`` in the project holds one record per output folder (and
base URL and strictness). A record keeps: a fingerprint of the tool itself
(its version, every file of the package, the library versions), each input
file's signature and content hash, one digest of everything that every page
depends on (site.yaml, templates, the card ids, names and aliases, the order
of the articles), a digest per card, article, related-cards list and card's
roles as dates (who held what when), each page's template, head tags and the
site keys it read, and each output file's signature as written.

A build with a record whose fingerprint and global digest match remakes only
the pages that read a changed key, and takes every other page's file from
the current site by hard link (if that file is still exactly as the last
build wrote it); with nothing changed at all it writes nothing. Any doubt
means a full build: a missing, unreadable or foreign record, another tool
version, a changed template or site.yaml. The record is removed before the
new site is swapped in and written after, so a build killed in between
leaves no record that could describe the wrong site.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import stat
import sys
from collections.abc import Callable, Hashable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import generator
from generator.errors import Diagnostic
from generator.output.staging import Signature
from generator.project import Project

if TYPE_CHECKING:  # imported where used: a build with nothing to do reads the record only
    from generator.model import Card, SiteConfig
    from generator.render.pages import Page, PageMaker
    from generator.resolve.site import Site

CACHE_DIR = ".explainer-cache"
FORMAT = 1
LIBRARIES = ("jinja2", "markdown-it-py", "mdit-py-plugins", "PyYAML", "MarkupSafe", "pillow")
log = logging.getLogger(__name__)

Key = tuple[str, str]  # a table of the site and an entry's id, or "*" for the whole table
Scan = dict[str, tuple[tuple[int, int, int], bytes]]  # input path -> (signature, hash)


def digest(*parts: object) -> bytes:
    """A short hash of the ``repr`` of ``parts`` (plain values only: no object addresses)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


def tool_fingerprint(pagefind: Path | None) -> bytes:
    """What identifies this tool's behaviour: its version, its files, its libraries."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT} {generator.__version__} {sys.version}".encode())
    package = os.path.dirname(generator.__file__)
    for root, folders, files in os.walk(package):  # strings, not paths: half the time
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        where = os.path.relpath(root, package).replace(os.sep, "/")
        for name in sorted(files):
            with open(os.path.join(root, name), "rb") as handle:
                h.update(posixpath.normpath(f"{where}/{name}").encode() + b"\0" + handle.read())
    for installed in library_versions():
        h.update(installed.encode() + b"\0")
    if pagefind is not None:
        st = pagefind.stat()
        h.update(f"{pagefind} {st.st_size} {st.st_mtime_ns}".encode())
    return h.digest()


def library_versions() -> list[str]:
    """``name version`` of each installed distribution of ``LIBRARIES``, from the names
    of their ``.dist-info`` folders on ``sys.path``.

    Read from folder names rather than with ``importlib.metadata``, whose import
    alone costs a build with nothing to do a seventh of its time.
    """
    wanted = {_canonical(name) for name in LIBRARIES}
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem, dot, suffix = name.rpartition(".")
            if dot and suffix in ("dist-info", "egg-info"):
                project, _, version = stem.partition("-")
                if _canonical(project) in wanted:
                    found.add(f"{_canonical(project)} {version}")
    return sorted(found)


def _canonical(name: str) -> str:
    return "".join("_" if c in "-_." else c for c in name.lower())


def scan_inputs(project: Project, previous: Scan | None) -> Scan:
    """Every source file's signature and content hash (hashes reused where nothing changed).

    Hidden files and editor backups are left out, as the loaders leave them out;
    links to folders are not followed; FIFOs and devices are never read.
    """
    found: Scan = {}
    known = previous or {}
    skip = len(str(project.root)) + 1
    stack = [str(project.site_file), *map(str, project.source_dirs())]
    while stack:
        path = stack.pop()
        try:
            st = os.lstat(path)
            if stat.S_ISDIR(st.st_mode):
                with os.scandir(path) as entries:
                    stack.extend(entry.path for entry in entries
                                 if not entry.name.startswith((".", "#"))
                                 and not entry.name.endswith("~"))
                continue
            if stat.S_ISLNK(st.st_mode):
                st = os.stat(path)
        except OSError:
            continue
        name = path[skip:].replace(os.sep, "/")  # every path here starts with the root
        sig = (st.st_mtime_ns, st.st_size, st.st_ino)
        old = known.get(name)
        if old is not None and old[0] == sig:
            found[name] = old
        elif not stat.S_ISREG(st.st_mode):  # a folder link, FIFO or device: never read
            found[name] = (sig, os.urandom(16))
        else:
            try:
                with open(path, "rb") as handle:
                    found[name] = (sig, hashlib.file_digest(handle, _blake).digest())
            except OSError:
                found[name] = (sig, os.urandom(16))  # unreadable: the build will say why
    return found


def _blake() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=16)


class Made(NamedTuple):
    """What a build keeps of a page it made: the feed, sitemap and cache read only this.

    A named tuple rather than a dataclass: thousands are read back from the
    cache on every build, and tuples unpickle several times faster.
    """

    path: str
    template: str
    head: Mapping[str, Any] | None
    keys: tuple[Key, ...]  # what it read, each once (a tuple: a quarter of a set's memory)
    search: bytes = b""  # what Pagefind reads of the page, digested (``output.search``)

    def page(self) -> Page:
        """A stand-in page with only the head tags, for the feed and the sitemap."""
        from generator.render.pages import Page

        return Page(self.path, self.template, {"head": self.head})


class Later:
    """A value the record keeps, pickled only as the record is written: a build holds the
    value anyway, and 30 MB of pickles besides it at 5,000 articles would add to its peak."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


class Stored:
    """A value as pickled in the last record's detail file, read from there when asked for:
    a build holds neither the file's 40 MB (at 5,000 articles) nor pickles it again."""

    __slots__ = ("offset", "read", "size")

    def __init__(self, read: Callable[[int, int], bytes], offset: int, size: int) -> None:
        self.read, self.offset, self.size = read, offset, size

    def data(self) -> bytes:
        """The pickled bytes."""
        return self.read(self.offset, self.size)


# A value as the record keeps it: pickled in the last record, or not pickled yet.
Pickled = Later | Stored
# A loaded source file: the files it was read from, their hashes, and the loader's result.
Loaded = dict[str, tuple[tuple[str, ...], tuple[bytes, ...], Pickled]]
Detail = tuple[dict[Key, bytes], dict[str, tuple[str, ...]], dict[str, tuple[Made, bytes]],
               Loaded, Loaded]


class BuildRecord:
    """What one successful build read, made and wrote.

    The per-page detail (keys read, head tags) is pickled on its own and read
    back only when a build needs it: a build with nothing changed reads just
    the input and output lists.
    """

    def __init__(self, tool: bytes, inputs: Scan, whole: bytes, detail: Detail,
                 outputs: dict[str, Signature], pages_made: int,
                 diagnostics: tuple[Diagnostic, ...]) -> None:
        self.tool, self.inputs, self.whole, self.outputs = tool, inputs, whole, outputs
        self.pages_made, self.diagnostics = pages_made, diagnostics
        self._detail: Detail | None = detail
        self.reader: Callable[[bytes], Detail] | None = None  # reads the detail from its file
        self.detail_tag = b""  # the signature of the detail's file

    def __getstate__(self) -> tuple[object, ...]:
        return (self.tool, self.inputs, self.whole, self.outputs, self.pages_made,
                self.diagnostics, self.detail_tag)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        (self.tool, self.inputs, self.whole, self.outputs, self.pages_made,
         self.diagnostics, self.detail_tag) = state
        self._detail, self.reader = None, None

    def readable(self) -> bool:
        """Whether the detail can be read (it is read now, once)."""
        try:
            self._read()
        except Exception:  # a missing, damaged or foreign file: a full build, not a crash
            return False
        return True

    def _read(self) -> Detail:
        if self._detail is None:
            if self.reader is None:
                raise ValueError("no detail")
            self._detail = self.reader(self.detail_tag)
        return self._detail

    @property
    def keys(self) -> dict[Key, bytes]:
        """Each key's digest."""
        return self._read()[0]

    @property
    def mentions(self) -> dict[str, tuple[str, ...]]:
        """Each article's cards (named or quoted)."""
        return self._read()[1]

    @property
    def pages(self) -> dict[str, tuple[Made, bytes]]:
        """Each page, and the digest of its listing arguments."""
        return self._read()[2]

    @property
    def loaded(self) -> Loaded:
        """Each card and article file as its loader read it."""
        return self._read()[3]

    @property
    def derived(self) -> Loaded:
        """Each article as linked (its mentions and quotes) and each card's text as parsed,
        by ``article ID`` and ``card ID``."""
        return self._read()[4]


def link_digest(cards: tuple[Card, ...], config: SiteConfig) -> bytes:
    """What linking an article depends on besides its files: the card ids, names, aliases
    and role aliases, and the settings."""
    return digest(config, [(c.id, c.all_names,
                            [(r.aliases, r.start, r.end, r.seen) for r in c.roles])
                           for c in cards])


def site_digests(site: Site, maker: PageMaker, inputs: Scan,
                 ) -> tuple[bytes, dict[Key, bytes], dict[str, tuple[str, ...]]]:
    """The digest of what every page depends on, the per-key digests and each article's cards."""
    from generator.resolve.roles import role_dates

    def file_hash(location: str) -> bytes:
        found = inputs.get(location)
        return found[1] if found else os.urandom(16)  # not a known file: always changed

    shared = maker.shared()
    templates = sorted((p, h) for p, (_, h) in inputs.items() if p.startswith("templates/"))
    # The card ids, names, aliases and role aliases: what links the articles and card texts.
    names = link_digest(tuple(site.cards.values()), site.config)
    whole = digest(site.config, templates, names, shared, file_hash("site.yaml"))
    keys: dict[Key, bytes] = {}
    for card in site.cards.values():
        keys["card", card.id] = file_hash(card.location.path)
        keys["roles", card.id] = digest(role_dates(card))
    for card_id, related in site.related.items():
        keys["related", card_id] = digest(related)
    if site.graph is not None:
        for file, made in site.graph("pictures").items():
            keys["picture", file] = digest(made)
    mentions: dict[str, tuple[str, ...]] = {}
    for linked in site.articles:
        article = linked.article
        keys["article", article.id] = digest(file_hash(article.location.path),
                                             file_hash(Path(article.seed).as_posix()))
        mentions[article.id] = tuple(sorted({m.card for m in linked.mentions}
                                            | {q.quote.speaker for q in linked.quotes}))
    return whole, keys, mentions


def changed_keys(old: BuildRecord, keys: Mapping[Key, bytes],
                 mentions: Mapping[str, tuple[str, ...]]) -> set[Key]:
    """The keys whose digests differ, and the backlinks and quotes of cards in changed articles."""
    changed = {key for key in old.keys.keys() | keys.keys() if old.keys.get(key) != keys.get(key)}
    for table, name in list(changed):
        if table == "article":
            for card in (*old.mentions.get(name, ()), *mentions.get(name, ())):
                changed.update({("backlinks", card), ("quotes", card)})
    return changed


def stale(made: Made, changed: set[Key], tables: set[str]) -> bool:
    """Whether a page read a changed key, or went through a table in which something changed."""
    return not changed.isdisjoint(made.keys) or (
        bool(tables) and any(key[1] == "*" and key[0] in tables for key in made.keys))


# What a page's reads in the graph are to the record: the tables of the site whose entries
# the record keeps digests of (a card, an article, a card's backlinks, quotes and related
# cards, its roles' dates), and ``*`` for a read of a whole table. Reads of the shared
# pieces of pages (a card's reference, related coverage...) count as what those pieces
# read. Reads of anything else (the page's spec, what the maker shares, the settings, the
# matcher and what it is made of) are in the record's digest of what every page depends
# on, or in the digest of the page's spec.
ENTRY_READS = {"card": "card", "card outline": "card", "card text": "card", "has card": "card",
               "linked": "article", "article outline": "article",
               "backlinks": "backlinks", "quotes by": "quotes",
               "related": "related", "picture": "picture"}
TABLE_READS = {"all cards": ("card",), "card ids": ("card",), "all linked": ("article",),
               "all outlines": ("article",),
               "article ids": ("article",), "mentioned": ("backlinks", "quotes"),
               "related map": ("related",), "role dates": ("roles",)}
IN_THE_WHOLE = frozenset({"shared", "words", "page spec", "config", "matcher", "names",
                          "known cards", "role aliases", "held roles", "link settings", "parser",
                          "kept store", "language"})
GraphKey = tuple[Hashable, ...]


def record_keys(reads: Callable[[GraphKey], tuple[GraphKey, ...]], read_here: Iterable[GraphKey],
                known: dict[GraphKey, tuple[Key, ...]]) -> tuple[Key, ...]:
    """The record's keys for what a query read (``read_here``), through the shared pieces
    it read (``reads`` says what each read in the graph); ``known`` keeps each piece's keys
    for the next page."""
    out: set[Key] = set()
    for read in read_here:
        name = str(read[0])
        if name in ENTRY_READS:
            out.add((ENTRY_READS[name], str(read[1])))
        elif name in TABLE_READS:
            out.update((table, "*") for table in TABLE_READS[name])
        elif name not in IN_THE_WHOLE:
            found = known.get(read)
            if found is None:
                found = known[read] = record_keys(reads, reads(read), known)
            out.update(found)
    return tuple(out)  # each once; a tuple is a quarter of a set's memory
