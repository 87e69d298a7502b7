"""``explainer serve``: build, serve, watch the sources, rebuild what changed, reload.

Threads: the asyncio/tornado loop serves requests; watcher threads (watchfiles,
on inotify or the platform's equivalent) put batches of changed paths on a
queue; one builder thread takes everything queued, rebuilds once, and asks the
loop to tell the browsers. A burst of saves becomes one rebuild; a save made
during a rebuild is picked up by the next one, so no edit is ever dropped.

The preview is written to a folder of its own (in memory where the system
offers one), never to the project's output folder, and removed on exit.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import queue
import shutil
import tempfile
import threading
import webbrowser
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

import watchfiles
from tornado import httpserver, netutil

from generator.build import Options
from generator.engine.live import BuildState, Rebuilt
from generator.errors import BuildFailed, Diagnostic
from generator.project import Project
from generator.serve.http import Settings, Views, make_app

log = logging.getLogger(__name__)
SOURCE_NAMES = ("site.yaml", "content", "seeds", "templates", "static", "translations")
# Wake up every 200 ms even without changes: the first wake-up says the watch is set up.
WAKE: dict[str, Any] = {"rust_timeout": 200, "yield_on_timeout": True}
IDLE = 0.3  # seconds without a change after which the rebuilds' garbage is collected
SEND = 0.05  # seconds a rebuild waits at most for the first browsers to be told


def preview_folder() -> Path:
    """A new private folder for the preview: in memory ($XDG_RUNTIME_DIR, /dev/shm) if we can."""
    for place in (os.environ.get("XDG_RUNTIME_DIR", ""), "/dev/shm"):
        if place and os.path.isdir(place) and os.access(place, os.W_OK):
            return Path(tempfile.mkdtemp(prefix="explainer-serve-", dir=place))
    return Path(tempfile.mkdtemp(prefix="explainer-serve-"))


class _Either:
    """Set when either of two events is (what watchfiles polls to stop)."""

    def __init__(self, a: threading.Event, b: threading.Event) -> None:
        self.a, self.b = a, b

    def is_set(self) -> bool:
        return self.a.is_set() or self.b.is_set()


class _Replaced:
    """Set when ``stop`` or ``moved`` is, or when ``folder`` is gone or another folder.

    The identity is a cheap first sign only: a new folder may get the old one's inode.
    """

    def __init__(self, stop: threading.Event, moved: threading.Event, folder: Path) -> None:
        self.stop, self.moved, self.folder = stop, moved, folder
        self.identity = _identity(folder)

    def is_set(self) -> bool:
        return (self.stop.is_set() or self.moved.is_set()
                or _identity(self.folder) != self.identity)


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        st = folder.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


class Preview:
    """A live preview of one project."""

    def __init__(self, options: Options, host: str = "127.0.0.1", port: int = 8000,
                 step_ms: int = 5) -> None:
        self.options = options
        self.project = Project(options.project.resolve())
        self.host = host
        self.port = port
        self.step_ms = step_ms
        self.out = preview_folder()
        self.state = BuildState(options, self.out)
        self.errors: tuple[Diagnostic, ...] = ()
        self.last: Rebuilt | None = None
        self.rebuilds = 0
        self._changes: queue.Queue[set[Path] | None] = queue.Queue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped: asyncio.Event | None = None
        self._views = Views()  # the listening browsers and the page each shows
        self._restart = threading.Event()
        self._watching = (threading.Event(), threading.Event(), threading.Event())
        self._moved = threading.Event()  # the project folder was deleted, made or moved
        self._gc = gc.isenabled()  # whether the collector was on before we started
        self._owed = False  # rebuilds made garbage that is not collected yet

    @property
    def url(self) -> str:
        """Where the preview is served."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    # -- building --------------------------------------------------------------

    def build(self, changed: set[Path] | None) -> None:
        """Rebuild; on failure keep the last good site and remember the errors.

        The garbage collector is off from here until the builder is idle (see
        ``_builder``): a rebuild makes many short-lived objects, and collecting
        them during the rebuild, or just after it while the browsers reload,
        would only delay the new page.
        """
        gc.disable()
        self._owed = True
        self._build(changed)

    def _collect(self) -> None:
        """Collect what the rebuilds since the last collection left, and turn the collector on."""
        gc.collect(1)
        if self._gc:
            gc.enable()
        self._owed = False

    def _build(self, changed: set[Path] | None) -> None:
        shown: list[str] = []  # the pages being looked at, written before the rest

        def early(paths: list[str]) -> None:
            shown.extend(paths)
            sent = threading.Event()
            if self._reload(paths, only=set(paths), sent=sent):
                # Let the server's thread tell the browsers now, not once the rest is made.
                sent.wait(SEND)

        try:
            self.last = self.state.rebuild(
                changed, first=() if self.errors else self._views.pages(), early=early)
        except BuildFailed as failed:
            log.error("Build failed:\n%s", "\n".join(d.format() for d in failed.diagnostics))
            failed_before, self.errors = self.errors, failed.diagnostics
            self._reload(["*"] if failed.diagnostics != failed_before or shown else [])
            self.rebuilds += 1
            return
        was_broken, self.errors = bool(self.errors), ()
        log.info("Rebuilt in %.0f ms: %d page(s) rendered, %d file(s) changed",
                 self.last.seconds * 1000, self.last.rendered,
                 len(self.last.written) + len(self.last.removed))
        paths = [p for p in self.last.written if not p.startswith(".") and p not in shown]
        paths += list(self.last.removed)
        if was_broken and not paths:
            paths = ["*"]
        # A browser that reloaded its page early needs no second reload for other pages.
        self._reload(paths, skip=set(shown) if all(p.endswith(".html") for p in paths)
                     else set())
        self.rebuilds += 1

    def _builder(self) -> None:
        while True:
            try:
                batch = self._changes.get(timeout=IDLE if self._owed else None)
            except queue.Empty:
                self._collect()
                continue
            if batch is None:
                return
            while not self._changes.empty():  # take everything queued: one rebuild
                more = self._changes.get()
                if more is None:
                    return
                batch |= more
            self.build(batch)

    def _reload(self, paths: list[str], only: set[str] | None = None,
                skip: Iterable[str] = (), sent: threading.Event | None = None) -> bool:
        """Tell the browsers (those showing a page of ``only``, if given; not those showing
        one of ``skip``) that ``paths`` changed; ``sent`` is set once they are told.
        Whether anything is sent."""
        if not paths or self._loop is None:
            return False
        if all(p.endswith(".css") for p in paths):
            messages = ["/" + p for p in paths]  # livereload swaps style sheets in place
        else:
            messages = ["/" + next((p for p in paths if p.endswith(".html")), paths[0])
                        .lstrip("*")]
        self._loop.call_soon_threadsafe(self._send, messages, only, set(skip), sent)
        return True

    def _send(self, paths: list[str], only: set[str] | None = None,
              skip: Collection[str] = (), sent: threading.Event | None = None) -> None:
        try:
            self._tell(paths, only, skip)
        finally:
            if sent is not None:
                sent.set()

    def _tell(self, paths: list[str], only: set[str] | None, skip: Collection[str]) -> None:
        for waiter, page in self._views.listening():
            if (only is not None and page not in only) or page in skip:
                continue
            for path in paths:
                try:
                    waiter.write_message({
                        "command": "reload", "path": path, "liveCSS": True, "liveImg": True})
                except Exception:  # a closed socket: forget it
                    self._views.close(waiter)

    # -- watching --------------------------------------------------------------

    def _relevant(self, change: watchfiles.Change, path: str) -> bool:
        name = Path(path).name
        return not name.startswith(".") and not name.endswith(("~", ".swp", ".tmp"))

    def _watch_root(self) -> None:
        """site.yaml, and source folders appearing or going (the root, not below it).

        A project deleted and made again (a checkout, a restore) is a new folder: the
        watch of the old one ends, so watch the new one once it is there, and look at
        every file again (edits made in between were seen by no watch).
        """
        root = self.project.root
        missed = False  # whether the root was replaced: changes may have gone unseen
        while not self._stop.is_set():
            if not root.is_dir():
                self._watching[0].set()
                self._stop.wait(0.05)
                missed = True
                continue
            self._moved.clear()
            for changes in watchfiles.watch(root, recursive=False,
                                            stop_event=_Replaced(self._stop, self._moved, root),
                                            step=self.step_ms, debounce=1000,
                                            raise_interrupt=False, **WAKE):
                if missed:  # the new watch is set: look again at everything
                    missed = False
                    self._changes.put({root})
                    self._restart.set()
                self._watching[0].set()
                paths = {Path(p) for _, p in changes if Path(p).name in SOURCE_NAMES}
                if paths:
                    self._changes.put(paths)
                    if any(p.name != "site.yaml" for p in paths):
                        self._restart.set()
            missed = True

    def _watch_parent(self) -> None:
        """The folder that holds the project: the project deleted, made again or moved.

        A watch of a deleted folder may neither end nor report anything more (and
        the new folder may even get the old one's inode): only the parent sees it.
        """
        root = self.project.root
        for changes in watchfiles.watch(root.parent, recursive=False, stop_event=self._stop,
                                        step=self.step_ms, debounce=1000,
                                        raise_interrupt=False, **WAKE):
            self._watching[2].set()
            if any(Path(p) == root for _, p in changes):
                self._moved.set()

    def _watch_sources(self) -> None:
        """Everything under the source folders; a folder replaced is watched anew.

        Between the end of one watch and the start of the next, files may change
        unseen (``rm -rf seeds && mv s2 seeds``, then an edit): once the new watch is
        set, the folders are queued as changed, and the rebuild looks at every file.
        """
        missed = False
        while not self._stop.is_set():
            self._restart.clear()
            folders = [self.project.root / n for n in SOURCE_NAMES[1:]]
            folders = [f for f in folders if f.is_dir()]
            if not folders:
                self._watching[1].set()
                self._stop.wait(0.2)
                missed = True
                continue
            started = False
            for changes in watchfiles.watch(
                    *folders, stop_event=_Either(self._stop, self._restart),
                    watch_filter=self._relevant, step=self.step_ms, debounce=1000,
                    raise_interrupt=False, **WAKE):
                if not started and missed:
                    self._changes.put(set(folders))
                started = True
                self._watching[1].set()
                if changes:
                    self._changes.put({Path(p) for _, p in changes})
            missed = True

    # -- serving ---------------------------------------------------------------

    def _thread(self, target: object, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)  # type: ignore[arg-type]
        thread.start()
        self._threads.append(thread)

    async def serve(self, ready: threading.Event | None = None, open_browser: bool = False,
                    ) -> None:
        """Build, serve and watch until ``stop`` is called (or the task is cancelled)."""
        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        server = None
        try:
            # Watch first, then build: an edit made during the first build is not lost.
            for target, name in ((self._watch_root, "watch-root"),
                                 (self._watch_sources, "watch"),
                                 (self._watch_parent, "watch-parent")):
                self._thread(target, name)
            for watching in self._watching:
                watching.wait(10)
            self.build(None)
            gc.collect()  # the first build's garbage goes, what is left stays
            gc.freeze()  # the loaded site lives long: keep the collector from rescanning it
            self._collect()
            sockets = netutil.bind_sockets(self.port, self.host)
            self.port = sockets[0].getsockname()[1]
            names = frozenset({"localhost", self.host.lower()})
            settings = Settings(self.out, names, self.port, lambda: self.errors, self._views)
            server = httpserver.HTTPServer(make_app(settings))
            server.add_sockets(sockets)
            self._thread(self._builder, "build")  # takes what was queued during the build
            if open_browser:
                webbrowser.open(self.url)
            if ready is not None:
                ready.set()
            await self._stopped.wait()
        finally:
            if self._gc:
                gc.enable()
            self._stop.set()
            self._changes.put(None)
            if server is not None:
                server.stop()
                await server.close_all_connections()
            for thread in self._threads:
                thread.join(timeout=5)
            shutil.rmtree(self.out, ignore_errors=True)

    def stop(self) -> None:
        """Stop serving (from any thread)."""
        if self._loop is not None and self._stopped is not None:
            self._loop.call_soon_threadsafe(self._stopped.set)

    def changed(self, paths: Iterable[Path]) -> None:
        """Queue a rebuild for these paths, as the watcher does."""
        self._changes.put(set(paths))
