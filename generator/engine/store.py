"""Where the build cache lives: one signed record per output folder, and the loaded sources.

See ``cache.py`` for what a record holds and how a build uses it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import pickle
import stat
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import fields
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from generator.engine.record import (
    CACHE_DIR,
    BuildRecord,
    Detail,
    Later,
    Loaded,
    Pickled,
    Scan,
    Stored,
    link_digest,
)
from generator.errors import Diagnostic, has_errors
from generator.output.staging import Signature
from generator.project import Project

if TYPE_CHECKING:  # imported where used: a build with nothing to do reads the record only
    from generator.model import Article, Card, SiteConfig
    from generator.resolve.site import KeptStore, Linked, Texted

log = logging.getLogger(__name__)
SIGNATURE = 32  # bytes of HMAC-SHA256 at the start of each signed file


def secret() -> bytes | None:
    """This user's key for signing cache records (made once, kept outside every project).

    A record is a pickle, and unpickling runs code: a record that came with a
    project (from someone else's repository or archive) must never be read.
    Records are signed with a key that only this user can read, and a record
    whose signature does not match is ignored. None (no cache) if there is no
    private place for the key.
    """
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(home) / "explainer"
    path = folder / "cache-key"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "wb") as made:
                made.write(os.urandom(32))
        st = path.lstat()
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
            return None
        key = path.read_bytes()
    except (OSError, RuntimeError):
        return None
    return key if len(key) >= 32 else None


def cache_folder(root: Path) -> Path:
    """The project's cache folder, made if need be with a .gitignore that keeps it out of git."""
    folder = root / CACHE_DIR
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# The build cache of explainer: safe to delete.\n*\n")
    return folder


class BuildCache:
    """The cache record for one output folder of one project."""

    def __init__(self, project: Project, out: Path, settings: Iterable[object]) -> None:
        name = hashlib.blake2b(repr((str(out), *settings)).encode(), digest_size=8).hexdigest()
        self.folder = project.root / CACHE_DIR
        self.path = self.folder / f"build-{name}.pickle"
        self.detail_path = self.folder / f"build-{name}.detail"
        self.key = secret()

    def _usable(self) -> bool:
        """A key, and the cache folder (if there) a real folder, not a link elsewhere."""
        try:
            return self.key is not None and stat.S_ISDIR(self.folder.lstat().st_mode)
        except FileNotFoundError:
            return self.key is not None
        except OSError:
            return False

    def _mac(self) -> hmac.HMAC:
        """A new signature of what it is given, with this user's key."""
        assert self.key is not None
        return hmac.new(self.key, digestmod=hashlib.sha256)

    def load(self, tool: bytes) -> BuildRecord | None:
        """The last build's record, if it is signed by this user and made by this very tool.

        Only the summary is read here; the per-page detail is read (and its
        signature checked) when the build asks for it.
        """
        if not self._usable():
            return None
        try:
            record = pickle.loads(self._signed(self.path.read_bytes()))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError, IndexError):
            return None
        if not isinstance(record, BuildRecord) or record.tool != tool:
            return None
        record.reader = self._detail
        return record

    def _signed(self, data: bytes) -> memoryview:
        """The body of signed ``data``; raises ValueError if the signature is not ours."""
        body = memoryview(data)[SIGNATURE:]
        mac = self._mac()
        mac.update(body)
        if not hmac.compare_digest(data[:SIGNATURE], mac.digest()):
            raise ValueError("not signed by this user")
        return body

    def _detail(self, tag: bytes) -> Detail:
        """The detail, checked and then read through one open file that no one else can
        write. The kept sources stay in the file (``record.Stored``), each read when the
        build asks for it and copied into the next record as it is: a large site's 40 MB
        are never held."""
        source = _DetailFile(os.open(self.detail_path, os.O_RDONLY))
        handle = os.fdopen(os.dup(source.fd), "rb")
        with handle:
            st = os.fstat(handle.fileno())
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                raise ValueError("the detail can be written by others")
            found = handle.read(SIGNATURE)
            mac = self._mac()
            while chunk := handle.read(1 << 20):
                mac.update(chunk)
            if not (hmac.compare_digest(found, mac.digest())
                    and hmac.compare_digest(tag, found)):
                raise ValueError("not signed by this user")
            handle.seek(-INDEX_AT, os.SEEK_END)
            index_at = int.from_bytes(handle.read(INDEX_AT), "little")
            handle.seek(SIGNATURE)
            keys, mentions, pages = pickle.load(handle)
            handle.seek(index_at)
            loaded, derived = (_stored(part, source) for part in pickle.load(handle))
        return keys, mentions, pages, loaded, derived

    def forget(self) -> None:
        """Remove the record (before the output changes)."""
        if not self._usable():
            return
        for path in (self.path, self.detail_path):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                log.debug("cannot remove the build cache: %s", exc)

    def save(self, record: BuildRecord, detail: Detail) -> None:
        """Write the record; a cache that cannot be written only costs the next build time.

        The detail is streamed into its own file (never held as one more copy in
        memory), then the summary, which carries the detail's signature.
        """
        if not self._usable():
            log.info("No build cache: there is no private folder for its key, or %s is not a "
                     "folder; the next build will be a full one.", CACHE_DIR)
            return
        temps = [p.with_name(f".{p.name}.{os.getpid()}.tmp")
                 for p in (self.detail_path, self.path)]
        try:
            cache_folder(self.folder.parent)
            record.detail_tag = self._write(temps[0], partial(_write_detail, detail))
            self._write(temps[1], lambda out: pickle.dump(
                record, out, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temps[0], self.detail_path)
            os.replace(temps[1], self.path)
        except OSError as exc:
            log.info("Could not write the build cache (%s); the next build will be a full one.",
                     exc.strerror or exc)
            for tmp in temps:
                with suppress(OSError):
                    tmp.unlink(missing_ok=True)

    def _write(self, path: Path, fill: Callable[[_Signing], None]) -> bytes:
        """Write a signed file that only this user can read or write: its signature first,
        then what ``fill`` writes."""
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
            handle.write(bytes(SIGNATURE))
            signing = _Signing(handle, self._mac())
            fill(signing)
            tag = signing.mac.digest()
            handle.seek(0)
            handle.write(tag)
        return tag


INDEX_AT = 8  # the detail ends with where its index of kept sources starts


def _write_detail(detail: Detail, out: _Signing) -> None:
    """The detail: the pages' part, then each kept source's pickle as it is (copied from the
    last record, or pickled now: ``record.Later``), then the index of where each is, then
    where that index starts."""
    keys, mentions, pages, loaded, derived = detail
    pickle.dump((keys, mentions, pages), out, protocol=pickle.HIGHEST_PROTOCOL)
    index: list[list[tuple[str, tuple[str, ...], tuple[bytes, ...], int, int]]] = [[], []]
    for kept, part in zip((loaded, derived), index, strict=True):
        for name, (names, hashes, data) in kept.items():
            blob = _pickled(data)
            part.append((name, names, hashes, out.position, len(blob)))
            out.write(blob)
    index_at = out.position
    pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(index_at.to_bytes(INDEX_AT, "little"))


def _stored(part: Iterable[tuple[str, tuple[str, ...], tuple[bytes, ...], int, int]],
            source: _DetailFile) -> Loaded:
    """One part of the detail's index, each source read from ``source`` when asked for."""
    return {name: (names, hashes, Stored(source.read, offset, size))
            for name, names, hashes, offset, size in part}


def _pickled(data: Pickled) -> bytes:
    """A kept value as the record writes it: as in the last record, or pickled now."""
    if isinstance(data, Stored):
        return data.data()
    return pickle.dumps(data.value, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(data: Pickled) -> Any:
    """A kept value: from the last record, or made by this build."""
    return pickle.loads(data.data()) if isinstance(data, Stored) else data.value


class _DetailFile:
    """The last record's detail, open for the build that reads it (still readable once the
    build has replaced it with its own)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self, offset: int, size: int) -> bytes:
        data = os.pread(self.fd, size, offset)
        if len(data) != size:
            raise ValueError("the detail file is shorter than its index says")
        return data

    def __del__(self) -> None:
        with suppress(OSError):
            os.close(self.fd)


class _Signing:
    """A file that signs what is written to it, and knows where it is."""

    def __init__(self, handle: BinaryIO, mac: hmac.HMAC) -> None:
        self.handle, self.mac = handle, mac
        self.position = handle.tell()

    def write(self, data: bytes) -> int:
        self.mac.update(data)
        self.position += len(data)
        return self.handle.write(data)


def intact(out: Path, files: Mapping[str, Signature]) -> bool:
    """Whether ``out`` holds exactly ``files``, each still as it was written.

    It stops at the first difference, and makes no path object (a build with
    nothing to do spends most of its time here, on a large site).
    """
    expected = files.get
    left = len(files)
    stack = [(str(out), "")]
    try:
        while stack:
            folder, prefix = stack.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, f"{prefix}{entry.name}/"))
                        continue
                    st = entry.stat(follow_symlinks=False)
                    if expected(prefix + entry.name) != (st.st_ino, st.st_size, st.st_mtime_ns):
                        return False
                    left -= 1
    except OSError:
        return False
    return left == 0


T = TypeVar("T")
Loader = Callable[..., tuple[T | None, list[Diagnostic]]]


class Sources:
    """Cards and articles as loaded by the last build, reused while their files are the same.

    A result is kept with the files it was read from (an article: its metadata
    and its seed text) and their content hashes; only results without errors
    are kept, so every problem is found again by the loader itself.
    """

    def __init__(self, project: Project, inputs: Scan, old: BuildRecord | None,
                 keep: bool = True) -> None:
        self.project, self.inputs, self.keep = project, inputs, keep
        self.old = old.loaded if old else {}
        self.old_derived = old.derived if old else {}
        self.new: Loaded = {}
        self.derived: Loaded = {}  # articles linked, card texts parsed

    def wrap(self, load: Loader[T], needs: Callable[[T], Iterable[str]] = lambda _: ()
             ) -> Loader[T]:
        """``load``, answering from the last build where its files did not change."""
        def cached(project: Project, path: Path, *rest: Any) -> tuple[T | None, list[Diagnostic]]:
            name = project.show(path)
            known = self.old.pop(name, None)
            if known is not None and known[1] == self._hashes(known[0]):
                with suppress(Exception):  # anything odd: load the file instead
                    result: tuple[T | None, list[Diagnostic]] = _unpickled(known[2])
                    self.new[name] = known  # copied from the last record into the next
                    return result
            result = load(project, path, *rest)
            value, diags = result
            if self.keep and value is not None and not has_errors(diags):
                names = (name, *needs(value))
                hashes = self._hashes(names)
                if all(hashes):
                    self.new[name] = (names, hashes, Later(result))
            return result
        return cached

    def _hashes(self, names: Iterable[str]) -> tuple[bytes, ...]:
        return tuple(self.inputs[n][1] if n in self.inputs else b"" for n in names)

    def store(self, cards: tuple[Card, ...], config: SiteConfig) -> KeptStore:
        """A store of linked articles and parsed card texts for resolve: each kept while
        its files, the cards' names and aliases and the settings are the same."""
        return _Kept(self, link_digest(cards, config))

    def kept(self, key: str, names: tuple[str, ...], context: bytes,
             compute: Callable[[], T]) -> T:
        """What ``compute`` gives, from the last build if ``names`` (files) and ``context``
        are the same."""
        hashes = (context, *self._hashes(names))
        known = self.old_derived.pop(key, None)
        if known is not None and known[:2] == (names, hashes):
            with suppress(Exception):  # anything odd: compute it instead
                value: T = _unpickled(known[2])
                self.derived[key] = known
                return value
        value = compute()
        if self.keep and all(hashes):
            self.derived[key] = (names, hashes, Later(value))
        return value


class _Kept:
    """Resolve's kept store (``resolve.site.KeptStore``) over the record's derived values."""

    def __init__(self, sources: Sources, context: bytes) -> None:
        self.sources, self.context = sources, context

    def linked(self, article: Article, compute: Callable[[], Linked]) -> Linked:
        """The article linked: kept without the article itself, which is loaded anyway."""
        from generator.resolve.site import LinkedArticle

        def linking() -> tuple[dict[str, Any], list[Diagnostic]]:
            linked, diags = compute()
            return {f.name: getattr(linked, f.name) for f in fields(LinkedArticle)
                    if f.name != "article"}, diags

        names = (article.location.path, Path(article.seed).as_posix())
        rest, diags = self.sources.kept(f"article {article.id}", names, self.context, linking)
        return LinkedArticle(article=article, **rest), diags

    def card_text(self, card: Card, compute: Callable[[], Texted]) -> Texted:
        """The card's summary and body parsed."""
        return self.sources.kept(f"card {card.id}", (card.location.path,), self.context,
                                 compute)
