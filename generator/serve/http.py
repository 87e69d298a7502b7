"""The live preview's web application: the built site, livereload, and its safeguards.

Built on tornado and the livereload package's handlers, with what they lack
for a preview that may run next to a browser visiting other sites:

- only files inside the output folder are served (tornado 6.6.1 or later
  refuses ``..``, encoded traversal and symbolic links out of its root; we
  check the resolved path again);
- requests whose ``Host`` is not this server (DNS rebinding) get 403;
- the livereload websocket accepts only pages of this server (livereload
  accepts any origin), and its reload messages name site paths, never files
  on disk;
- while the last edit is broken, pages show the build's errors instead.

Each listening page says which address it shows (livereload's ``info``
message); the preview makes and writes the pages being looked at first.
"""

from __future__ import annotations

import html
import ipaddress
import json
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from tornado import web

from generator.errors import Diagnostic, Severity


def allowed_host(header: str, names: frozenset[str], port: int) -> bool:
    """Whether a ``Host`` header names this server: a known name or an IP, and our port."""
    try:
        parts = urlsplit(f"//{header}")
        host, given = (parts.hostname or ""), parts.port
    except ValueError:
        return False
    if (given or 80) != port or not host:
        return False
    if host in names:
        return True
    try:
        ipaddress.ip_address(host)  # an address cannot be rebound to another server
    except ValueError:
        return False
    return True


def error_page(diagnostics: Sequence[Diagnostic]) -> bytes:
    """The page shown while the last edit does not build: every problem, escaped."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR] or list(diagnostics)
    items = "\n".join(f"<li><code>{html.escape(d.format())}</code></li>" for d in errors)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Build failed · explainer</title>\n<style>body{font:16px/1.5 system-ui,"
        "sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code{white-space:"
        "pre-wrap}li{margin:.5rem 0}</style>\n</head>\n<body>\n<h1>The site does not build"
        "</h1>\n<p>The preview shows the last good build again as soon as these are fixed; "
        "this page reloads by itself.</p>\n"
        f"<ul class=\"diagnostics\">\n{items}\n</ul>\n</body>\n</html>\n"
    ).encode()


def page_of(url: object) -> str:
    """The output file a browser at ``url`` shows ("" if none can be told)."""
    if not isinstance(url, str):
        return ""
    path = unquote(urlsplit(url).path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path if path.endswith(".html") and "\0" not in path else ""


class Views:
    """The listening browsers and the page each shows: set by the server, read by the
    builder."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pages: dict[object, str] = {}

    def show(self, browser: object, page: str) -> None:
        """``browser`` shows ``page`` now."""
        with self._lock:
            self._pages[browser] = page

    def close(self, browser: object) -> None:
        """``browser`` is gone."""
        with self._lock:
            self._pages.pop(browser, None)

    def pages(self) -> list[str]:
        """The pages being looked at, each once."""
        with self._lock:
            return [page for page in dict.fromkeys(self._pages.values()) if page]

    def listening(self) -> list[tuple[Any, str]]:
        """Each listening browser and the page it shows ("" if it could not be told)."""
        with self._lock:
            return list(self._pages.items())


class Settings:
    """What the handlers need from the preview, read at each request."""

    def __init__(self, root: Path, names: frozenset[str], port: int,
                 errors: Callable[[], tuple[Diagnostic, ...]], views: Views) -> None:
        self.root = root
        self.names = names
        self.port = port
        self.errors = errors
        self.views = views


class _Guarded(web.RequestHandler):
    preview: Settings

    def initialize(self, preview: Settings, **kwargs: Any) -> None:
        self.preview = preview
        super().initialize(**kwargs)

    def prepare(self) -> None:
        if not allowed_host(self.request.host, self.preview.names, self.preview.port):
            raise web.HTTPError(403, "unknown Host header")


class SiteFiles(_Guarded, web.StaticFileHandler):
    """The output folder, nothing outside it; the error page while the build is broken."""

    def initialize(  # type: ignore[override]
        self, preview: Settings, path: str, default_filename: str | None = None
    ) -> None:
        self.preview = preview
        web.StaticFileHandler.initialize(self, path, default_filename)

    def prepare(self) -> None:
        super().prepare()
        errors = self.preview.errors()
        path = self.path_args[0] if self.path_args else ""
        if errors and (path == "" or path.endswith(("/", ".html"))):
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(error_page(errors))

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        path = super().validate_absolute_path(root, absolute_path)
        if path is not None:
            real, base = os.path.realpath(path), os.path.realpath(root)
            if os.path.commonpath([real, base]) != base:
                raise web.HTTPError(403)
        return path

    def should_return_304(self) -> bool:
        return False  # a preview page must never come from the browser's cache

    # A rebuild may replace a file between the size Tornado sends and the bytes it
    # reads: the file is read once, and its size and bytes are those of that read.
    def _bytes(self) -> bytes:
        data: bytes | None = getattr(self, "_data", None)
        if data is None:
            try:
                data = self._data = Path(self.absolute_path or "").read_bytes()
            except OSError as exc:
                raise web.HTTPError(404) from exc
        return data

    def get_content_size(self) -> int:
        return len(self._bytes())

    def compute_etag(self) -> str | None:
        return None  # never cached (and Tornado's version cache outlives a rebuild)

    def get_content(self, abspath: str, start: int | None = None,  # type: ignore[override]
                    end: int | None = None) -> bytes:
        return self._bytes()[start:end]

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")


class ReloadScript(_Guarded, LiveReloadJSHandler):  # type: ignore[misc]
    """livereload.js, as the package ships it."""


class ReloadSocket(LiveReloadHandler):  # type: ignore[misc]
    """The livereload websocket, for pages of this server only."""

    def initialize(self, preview: Settings) -> None:
        self.preview = preview

    def prepare(self) -> None:
        if not allowed_host(self.request.host, self.preview.names, self.preview.port):
            raise web.HTTPError(403, "unknown Host header")

    def check_origin(self, origin: str) -> bool:
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc == self.request.host

    def on_message(self, message: str | bytes) -> None:
        try:
            data = json.loads(message)
            command = data.get("command")
        except (ValueError, AttributeError):
            return
        if command == "info":  # the page listens: keep it in this server's own set
            self.preview.views.show(self, page_of(data.get("url")))
        elif command == "hello":
            super().on_message(message)

    def on_close(self) -> None:
        self.preview.views.close(self)


def make_app(settings: Settings) -> web.Application:
    """The tornado application of the preview."""
    script = f'<script src="/livereload.js?port={settings.port}"></script>'.encode()

    class Inject(LiveScriptInjector):  # type: ignore[misc]
        pass

    Inject.script = script
    args = {"preview": settings}
    return web.Application([
        (r"/livereload", ReloadSocket, args),
        (r"/livereload\.js", ReloadScript, args),
        (r"/(.*)", SiteFiles, {**args, "path": str(settings.root),
                               "default_filename": "index.html"}),
    ], transforms=[Inject], websocket_max_message_size=64 * 1024)
