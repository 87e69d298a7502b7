"""The staging folder: the next site, filled file by file, then swapped in place of the old one.

See ``write.py`` for the swap, the lock and what the tool may delete.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path

from generator.output.write import (
    MARKER,
    MARKER_TEXT,
    OutputRefused,
    checkpoint,
    recover,
    remove_own,
    swap,
)

PENDING = 64  # files handed to the writer thread and not yet written, at most
WRITING = 10  # after this many files, the fault tests' "writing" checkpoint

Signature = tuple[int, int, int]  # a written file's (inode, size, mtime_ns)


class Staging:
    """The next site, filled file by file in a temporary folder next to ``out``, then swapped in.

    Files whose bytes did not change can be hard-linked from the current site
    instead of written (never written through: a linked file is only read).
    Leaving the block without ``commit`` removes the folder; the caller holds
    the build lock.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.tmp = out.parent / f".{out.name}.tmp"
        # The same folders as strings: a cached build links thousands of files, and
        # joining strings costs a fraction of making paths.
        self._out, self._tmp = str(out), str(self.tmp)
        self.written: dict[str, Signature] = {}  # every file in the folder, and its signature
        self.linked = 0  # files taken from the current site
        self._made: set[str] = set()
        # Files are written on a thread, so that the disk works while the next page renders.
        self._writer: tuple[int, ThreadPoolExecutor] | None = None
        self._pending: deque[Future[None]] = deque()

    def __enter__(self) -> Staging:
        checkpoint("before-writing")
        recover(self.out)
        try:
            self.tmp.mkdir()
            # The marker goes first (not on the writer thread), so that a build killed
            # while writing leaves a folder that the next build knows it may delete.
            self._write(MARKER, MARKER_TEXT)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        with suppress(Exception):
            self.flush()
        if self.tmp.exists():
            with suppress(OSError, OutputRefused):
                remove_own(self.tmp)

    def _folder(self, path: str) -> str:
        folder = posixpath.dirname(path)
        if folder and folder not in self._made:
            (self.tmp / folder).mkdir(parents=True, exist_ok=True)
            self._made.add(folder)
        return f"{self._tmp}/{path}"

    def put(self, path: str, data: bytes) -> None:
        """Write one file of the new site (on the writer thread; ``flush`` waits for it)."""
        if self._writer is None or self._writer[0] != os.getpid():  # none yet, or forked
            self._writer = (os.getpid(), ThreadPoolExecutor(1, "explainer-writer"))
            self._pending.clear()
        while len(self._pending) >= PENDING:  # keep only a few pages' bytes in memory
            self._pending.popleft().result()
        self._pending.append(self._writer[1].submit(self._write, path, data))

    def flush(self) -> None:
        """Wait until every file handed to ``put`` is written; raises the first write error.

        The writer thread ends too (a later ``put`` starts another), so that no
        thread is running when the build forks a second process.
        """
        try:
            while self._pending:
                self._pending.popleft().result()
        finally:
            if self._writer is not None and self._writer[0] == os.getpid():
                self._writer[1].shutdown(wait=True)
            self._writer = None

    def _write(self, path: str, data: bytes) -> None:
        target = self._folder(path)
        try:
            with open(target, "xb") as handle:
                handle.write(data)
                handle.flush()
                st = os.fstat(handle.fileno())
        except OSError as exc:  # write() errors do not name the file; say which one failed
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        self.written[path] = (st.st_ino, st.st_size, st.st_mtime_ns)
        if len(self.written) == WRITING:
            checkpoint("writing")

    def link(self, path: str, expected: Signature) -> bool:
        """Take ``path`` unchanged from the current site, if it is the file last written there."""
        source = f"{self._out}/{path}"
        try:
            st = os.lstat(source)
            if (st.st_ino, st.st_size, st.st_mtime_ns) != expected or not stat.S_ISREG(
                    st.st_mode):
                return False
            os.link(source, self._folder(path), follow_symlinks=False)
        except OSError:
            return False
        self.written[path] = expected
        self.linked += 1
        return True

    def adopt(self, path: str) -> None:
        """Count in a file that another program wrote into the folder."""
        st = (self.tmp / path).lstat()
        self.written[path] = (st.st_ino, st.st_size, st.st_mtime_ns)

    def holds(self, path: str, data: bytes) -> bool:
        """Whether the current site's file at ``path`` has exactly these bytes."""
        try:
            with open(self.out / path, "rb") as handle:
                return handle.read(len(data) + 1) == data
        except OSError:
            return False

    def commit(self) -> None:
        """Put the new site in place of the old one, in one step where the system allows."""
        self.flush()
        checkpoint("written")
        swap(self.tmp, self.out)
