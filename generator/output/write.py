"""Atomic output: write everything to a temporary folder, then swap it into place.

A failed or interrupted build leaves the previous site whole. The tool only
ever deletes folders it marked as its own output, refuses output folders that
hold (or are) the project's sources, and refuses two pages at one path.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import logging
import os
import posixpath
import shutil
import signal
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BuildFailed, Diagnostic, Location, error
from generator.project import Project, inside

MARKER = ".explainer-output"
MARKER_TEXT = b"This folder is written by explainer and replaced on every build.\n"
log = logging.getLogger(__name__)
RENAME_EXCHANGE = 2


def check_output_dir(project: Project, out: Path) -> list[Diagnostic]:
    """Problems that make ``out`` unsafe to replace."""
    where = Location("site.yaml")
    out = out.resolve()
    root = project.root.resolve()
    forbidden = {Path("/").resolve(), Path.home().resolve()}
    if out in forbidden or out == root or inside(root, out):
        return [error("output-dir", f"refusing to use {out} as the output folder: it holds the "
                      "project (or your home folder)", where,
                      "use a folder of its own, e.g. output_dir: public")]
    for source in project.source_dirs():
        if inside(out, source) or inside(source, out):
            return [error("output-dir", f"refusing to write the site into {project.show(out)}: "
                          "it holds sources", where, "use a folder of its own, e.g. public")]
    if out.exists() and not out.is_dir():
        return [error("output-dir", f"{out} exists and is not a folder", where)]
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        return [error("output-dir", f"{out} is not empty and was not made by explainer; "
                      "refusing to replace it", where,
                      "move its files away, or choose another output_dir")]
    return []


def check_paths(files: Mapping[str, bytes]) -> list[Diagnostic]:
    """Output paths must be relative, inside the output, and distinct once case-folded."""
    diags = []
    seen: dict[str, str] = {}
    for path in files:
        norm = posixpath.normpath(path)
        if path.startswith("/") or norm.startswith("..") or norm != path or "\x00" in path:
            diags.append(error("output-path", f"unsafe output path {path!r}", Location(path)))
            continue
        key = unicodedata.normalize("NFC", path).casefold()
        if key in seen:
            diags.append(error("output-collision", f"two pages would be written to the same "
                               f"file: {seen[key]!r} and {path!r}", Location(path),
                               "rename one of them: names that differ only in letter case or "
                               "in Unicode form (NFC/NFD) are one file on macOS and Windows"))
        seen[key] = path
    return diags


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock so that two builds never write the same output at once."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("Waiting for another build of %s to finish...", out)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_own(folder: Path) -> bool:
    """Whether ``folder`` is one this tool made (it holds the marker) or an empty folder."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    return (folder / MARKER).is_file() or not any(folder.iterdir())


def remove_own(folder: Path) -> None:
    """Delete a folder this tool made, its marker last: a half-deleted folder stays marked."""
    if not (folder.exists() or folder.is_symlink()):
        return
    if not is_own(folder):
        raise OutputRefused(f"{folder} was not made by explainer; refusing to delete it")
    for attempt in range(5):  # a program of a killed build may still be ending its writes
        try:
            for child in folder.iterdir():
                if child.name == MARKER:
                    continue
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink(missing_ok=True)
            break
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.ENOENT) or attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


class OutputRefused(Exception):
    """A folder in the output's place that the tool did not make."""


def recover(out: Path) -> None:
    """Undo a swap that was interrupted between its two renames; drop stale temp folders."""
    old = out.parent / f".{out.name}.old"
    if not out.exists() and (old / MARKER).exists():
        os.rename(old, out)
    for leftover in (out.parent / f".{out.name}.tmp", old):
        remove_own(leftover)


@contextmanager
def output_errors(out: Path) -> Iterator[None]:
    """Turn a refused folder or a disk error while writing into BuildFailed."""
    try:
        yield
    except OutputRefused as exc:
        raise BuildFailed((error("output-dir", str(exc), Location("site.yaml"),
                                 "move it away, then build again"),)) from None
    except OSError as exc:
        target = f" ({exc.filename})" if exc.filename else ""
        raise BuildFailed((error(
            "io", f"cannot write the site: {exc.strerror or exc}{target}", Location(str(out)),
            "the previous site was left as it was; free some space or fix the folder's "
            "permissions, then build again"),)) from None


def swap(tmp: Path, out: Path) -> None:
    if out.exists() and _exchange(tmp, out):
        checkpoint("swapped")
        remove_own(tmp)  # now the previous site
        return
    old = out.parent / f".{out.name}.old"
    if out.exists():
        os.rename(out, old)
    checkpoint("between-renames")
    try:
        os.rename(tmp, out)
    except OSError:
        if old.exists() and not out.exists():
            os.rename(old, out)
        raise
    checkpoint("swapped")
    remove_own(old)


STOP_AT = "EXPLAINER_STOP_AT"


def checkpoint(stage: str) -> None:
    """Where the fault tests stop a build to kill it: with ``EXPLAINER_STOP_AT=stage`` in
    its environment the process stops itself (SIGSTOP) here; otherwise nothing happens."""
    if os.environ.get(STOP_AT) == stage:
        os.kill(os.getpid(), signal.SIGSTOP)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where that is not available."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE)
    return bool(result == 0)


def update_output(out: Path, files: Mapping[str, bytes], removed: Iterable[str]) -> None:
    """Write ``files`` into ``out`` in place, each atomically, and delete ``removed``.

    For the live preview, whose folder is its own: a reader never sees a
    half-written file, though it may see some files of the new build before
    others.
    """
    out.mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    for path in sorted(files):
        target = out / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(files[path])
        os.replace(tmp, target)
    for path in removed:
        (out / path).unlink(missing_ok=True)
        folder = (out / path).parent
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

