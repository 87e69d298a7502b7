"""Pictures and share cards made once: kept on disk by content hash, and in memory by file.

A picture's key is the hash of how pictures are made (``render.pictures.PROCESS``),
its suffix and its bytes; its sizes are kept under that key in
``.explainer-cache/pictures/``, so an unchanged picture is never decoded again,
by a build or by the live preview, and a changed one always is. Share cards
are kept likewise under the digest of what they show. Every kept file is
signed with this user's cache key (``store.secret``): a cache that came with
someone else's project is never published. ``processed`` and ``drawn`` count
the work really done, for the build's report and the tests.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import stat
import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import Any

from generator.engine.graph import Graph
from generator.engine.parallel import split, workers
from generator.engine.produce import Sink
from generator.engine.record import CACHE_DIR
from generator.engine.store import cache_folder, secret
from generator.errors import Diagnostic, error
from generator.load.schema import slugify
from generator.model import Article, Card, Picture, Queries, Rendition, Variant
from generator.project import Project, read_source
from generator.render.pictures import PROCESS, Made, PictureProblem, process
from generator.render.portraits import SHARE_QUERIES
from generator.render.sharecard import ShareCard, draw

log = logging.getLogger(__name__)
MAC = 32  # bytes of signature in front of every kept file
BATCH = 32  # output files read or drawn at a time
Signature = tuple[int, int, int]


def _real_folders(*folders: Path) -> bool:
    """Whether each folder is a real folder (not a link) or not there yet."""
    for folder in folders:
        try:
            if not stat.S_ISDIR(folder.lstat().st_mode):
                return False
        except FileNotFoundError:
            continue
        except OSError:
            return False
    return True


def output_stem(file: str, key: str) -> str:
    """Where a picture's sizes go: images/<its path, made safe for a URL>-<key>."""
    parts = PurePosixPath(file).with_suffix("").parts[1:]
    return "/".join(["images", *(slugify(p) for p in parts)]) + f"-{key[:10]}"


class PictureStore:
    """The pictures and share cards of one project, made at most once per content."""

    def __init__(self, project: Project, keep: bool = True) -> None:
        self.project = project
        self.folder = project.root / CACHE_DIR / "pictures"
        # Without ``keep`` (--no-cache) nothing is read from or written to the cache folder.
        # Nor through a cache folder that is a link elsewhere (as ``store.BuildCache``).
        self.secret = secret() if keep and _real_folders(
            project.root / CACHE_DIR, self.folder) else None
        self.processed = 0  # pictures decoded and made by this store (not found kept)
        self.drawn = 0  # share cards drawn by this store
        # file -> (its signature, and what it made or why it could not); what the preview keeps
        self._known: dict[str, tuple[Signature, Rendition | PictureProblem]] = {}
        self._outputs: dict[str, tuple[str, str]] = {}  # output path -> (kept name, key)
        self._memory: dict[str, bytes] = {}  # made by this build, until written out
        self._live: dict[str, bytes] = {}  # the preview's bytes, by output path
        self._lock = threading.Lock()

    # -- pictures ----------------------------------------------------------------

    def update(self, pictures: Iterable[Picture]) -> tuple[dict[str, Rendition],
                                                           list[Diagnostic]]:
        """Each named picture made (or found kept), and the problems, one per mention."""
        wanted = sorted({p.file for p in pictures})
        todo: list[tuple[str, Signature]] = []
        for file in wanted:
            sig = self._signature(file)
            known = self._known.get(file)
            if known is None or known[0] != sig:
                todo.append((file, sig))
        pool = workers() if len(todo) > 1 else 1
        with ThreadPoolExecutor(pool) as threads:  # Pillow lets the other thread run
            for (file, sig), made in zip(todo, threads.map(self._make, [f for f, _ in todo]),
                                         strict=True):
                self._known[file] = (sig, made)
        out: dict[str, Rendition] = {}
        diags: list[Diagnostic] = []
        for pic in pictures:
            found = self._known[pic.file][1]
            if isinstance(found, PictureProblem):
                diags.append(error(found.code, f"{pic.file}: {found.message}", pic.location,
                                   found.hint))
            else:
                out[pic.file] = found
        return out, list(dict.fromkeys(diags))

    def _signature(self, file: str) -> Signature:
        try:
            st = os.stat(self.project.root / file)
        except OSError:
            return (0, 0, 0)
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _make(self, file: str) -> Rendition | PictureProblem:
        path = self.project.root / file
        data, problems = read_source(self.project, path, text=False)
        if data is None:
            return PictureProblem("picture-path", problems[0].message if problems
                                  else "cannot be read")
        suffix = path.suffix.lower()
        key = hashlib.blake2b(f"{PROCESS} {suffix}".encode() + b"\0" + data,
                              digest_size=16).hexdigest()
        stem = output_stem(file, key)
        kept = self._kept(key)
        if kept is None:
            try:
                kept = process(data, suffix, "p")
            except PictureProblem as problem:
                return problem
            with self._lock:  # two threads make pictures
                self.processed += 1
            self._keep(key, kept)
        variants = []
        for name, width, height, mime, _ in kept.files:
            variant = Variant(stem + name[1:], width, height, mime)
            self._outputs[variant.path] = (name, key)
            variants.append(variant)
        return Rendition(file, key, kept.width, kept.height, tuple(variants))

    def _kept(self, key: str) -> Made | None:
        """The sizes kept for ``key``, if there is a signed manifest for them."""
        if self.secret is None:
            return None
        try:
            raw = (self.folder / key / "manifest.json").read_bytes()
            manifest = json.loads(self._verified(raw, f"{key}/manifest"))
            return Made(manifest["width"], manifest["height"],
                        tuple((n, w, h, m, b"") for n, w, h, m in manifest["files"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _keep(self, key: str, made: Made) -> None:
        """Keep the sizes on disk; in memory until written out only where that fails (so that
        a cold build does not hold every picture's bytes at once)."""
        if self.secret is None:
            self._remember(key, made)
            return
        try:
            cache_folder(self.project.root)  # made with its .gitignore
            folder = self.folder / key
            folder.mkdir(parents=True, exist_ok=True)
            for name, _, _, _, data in made.files:
                self._write(folder / name, f"{key}/{name}", data)
            manifest = json.dumps({"width": made.width, "height": made.height,
                                   "files": [f[:4] for f in made.files]}).encode()
            self._write(folder / "manifest.json", f"{key}/manifest", manifest)
        except OSError as exc:  # no cache: the next build makes it again
            log.debug("cannot keep picture %s: %s", key, exc)
            self._remember(key, made)

    def _remember(self, key: str, made: Made) -> None:
        for name, _, _, _, data in made.files:
            self._memory[f"{key}/{name}"] = data

    # -- kept files ----------------------------------------------------------------

    def _sign(self, name: str, data: bytes) -> bytes:
        assert self.secret is not None
        return hmac.new(self.secret, name.encode() + b"\0" + data, hashlib.sha256).digest()

    def _verified(self, raw: bytes, name: str) -> bytes:
        data = raw[MAC:]
        if not hmac.compare_digest(raw[:MAC], self._sign(name, data)):
            raise ValueError(f"{name}: not signed by this user")
        return data

    def _write(self, path: Path, name: str, data: bytes) -> None:
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_bytes(self._sign(name, data) + data)
        os.replace(tmp, path)

    # -- output ----------------------------------------------------------------------

    def read(self, path: str, shares: Mapping[str, ShareCard]) -> bytes:
        """The bytes of an output picture or share card."""
        if path in shares:
            return self._share(shares[path])
        name, key = self._outputs[path]
        memo = self._memory.get(f"{key}/{name}")
        if memo is not None:
            return memo
        try:
            return self._verified((self.folder / key / name).read_bytes(), f"{key}/{name}")
        except (OSError, ValueError):
            # Kept files gone or not ours: make the picture again (it was checked before).
            file = next(r.file for _, r in self._known.values()
                        if isinstance(r, Rendition) and r.key == key)
            data = (self.project.root / file).read_bytes()
            made = process(data, Path(file).suffix, "p")
            self.processed += 1
            self._keep(key, made)
            return next(f[4] for f in made.files if f[0] == name)

    def _share(self, card: ShareCard) -> bytes:
        name = f"share-{card.key}"
        path = self.folder / f"{name}.png"
        if self.secret is not None:
            try:
                return self._verified(path.read_bytes(), name)
            except (OSError, ValueError):
                pass
        picture = None
        if card.picture:
            picture = self.read(card.picture, {})
        data = draw(card, picture)
        with self._lock:
            self.drawn += 1
        if self.secret is not None:
            try:
                cache_folder(self.project.root)
                self.folder.mkdir(exist_ok=True)
                self._write(path, name, data)
            except OSError as exc:
                log.debug("cannot keep share card %s: %s", name, exc)
        return data

    def files(self, paths: Iterable[str], shares: Mapping[str, ShareCard]) -> dict[str, bytes]:
        """Every output file's bytes, kept in memory from one call to the next (the preview:
        a path names its content, so the same path is the same bytes)."""
        out = {path: self._live.get(path) or self.read(path, shares) for path in paths}
        self._live = out
        self._memory.clear()
        return out

    def written(self) -> None:
        """Forget the bytes made for this build (they are in the output now)."""
        self._memory.clear()


def make_pictures(store: PictureStore, cards: Iterable[Card], articles: Iterable[Article],
                  ) -> tuple[dict[str, Rendition], list[Diagnostic]]:
    """Every picture the cards and articles name, made (or found kept), and the problems."""
    return store.update([c.image for c in cards if c.image]
                        + [a.image for a in articles if a.image])


def set_pictures(graph: Queries, store: PictureStore, made: dict[str, Rendition]) -> None:
    """Set each picture as an input of the graph (``("picture", file)``), with the store and
    the whole set for the output."""
    for file, rendition in made.items():
        graph.set(("picture", file), rendition)
    graph.set(("pictures",), made)
    graph.set(("picture store",), store)


def picture_outputs(graph: Graph) -> tuple[list[str], dict[str, ShareCard]]:
    """Every output path of the pictures and share cards, and the share cards by path."""
    for name, query in SHARE_QUERIES.items():
        graph.define(name, query)
    made: dict[str, Rendition] = graph("pictures")
    shares: dict[str, ShareCard] = graph("share cards")
    paths = sorted({v.path for r in made.values() for v in r.variants})
    return paths + sorted(shares), shares


def emit_pictures(graph: Queries, paths: Iterable[str], shares: Mapping[str, ShareCard],
                  sink: Sink, old: Mapping[str, Signature] | None) -> None:
    """Hand every picture and share card to ``sink``: a file of the current site with the
    same path is the same bytes (a path names its content), so it is linked, not read."""
    store: PictureStore = graph("picture store")
    todo = [path for path in paths
            if (sig := old.get(path) if old is not None else None) is None
            or not sink.link(path, sig)]
    sink.flush()  # no write in flight while a child is forked
    for written, drawn, processed in split(todo, partial(_emit, store, shares, sink)):
        sink.written.update(written)
        store.drawn += drawn
        store.processed += processed
    store.written()


def _emit(store: PictureStore, shares: Mapping[str, ShareCard], sink: Sink,
          todo: Sequence[str], here: bool) -> tuple[dict[str, Any], int, int]:
    """Hand ``todo`` to ``sink``; from a forked child, also what it wrote and how many
    share cards it drew and pictures it made (this process's counts are the store's)."""
    start, drawn, processed = len(sink.written), store.drawn, store.processed
    # Drawn (and kept files read) on two threads too: Pillow's drawing and compressing
    # let the other one run. A few at a time, so that little is held in memory.
    with ThreadPoolExecutor(workers()) as threads:
        for begin in range(0, len(todo), BATCH):
            batch = todo[begin:begin + BATCH]
            for path, data in zip(batch, threads.map(partial(store.read, shares=shares), batch),
                                  strict=True):
                sink.put(path, data)
    sink.flush()
    if here:
        return {}, 0, 0
    return (dict(islice(sink.written.items(), start, None)), store.drawn - drawn,
            store.processed - processed)
