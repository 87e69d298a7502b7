"""Real-browser fixtures: the summit test site built once, served on a free local port,
and opened in Debian's Chromium through Playwright.

Every page a test opens is watched: a console error, an uncaught exception or a
request to any host other than the local server fails the test. Without
Chromium, Java or npm the browser tests skip on a developer's machine and fail
in CI (where ``CI`` is set), because ``.ci/run`` installs them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from generator.build import Options, build
from tests.conftest import ROOT, SITES, copy_project

CHROMIUM = Path(os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-default-apps"]
VNU_VERSION = "26.9.27"
CACHE = ROOT / ".test-cache"
ARTIFACTS = ROOT / "test-artifacts"


def missing(what: str) -> None:
    """Skip on a developer's machine, fail in CI: a missing tool must never pass quietly."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing; .ci/run should have installed it")
    pytest.skip(f"{what} is missing (apt-get install -y chromium default-jre-headless npm)")


@pytest.fixture(scope="session")
def summit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The summit test site, built once (with its Pagefind index)."""
    project = copy_project(SITES / "summit", tmp_path_factory.mktemp("summit") / "p")
    return build(Options(project)).output


@pytest.fixture(scope="session")
def tunnel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tunnel test site, built once."""
    project = copy_project(SITES / "tunnel", tmp_path_factory.mktemp("tunnel") / "p")
    return build(Options(project)).output


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A test server that says nothing when a browser drops a connection (a page closed
    while it loaded): its traceback would land in whichever test captures stderr then."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exception(), ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on a free port of 127.0.0.1, as its address."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(summit: Path) -> Iterator[str]:
    """The built summit site served over HTTP on a free port of 127.0.0.1."""
    with serving(summit) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    if not CHROMIUM.is_file():
        missing(f"Chromium ({CHROMIUM})")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright Python package")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it must not: console errors and requests to other hosts."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def attach(self, page: Any) -> None:
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def check(self) -> None:
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def open_page(browser: Any, server: str) -> Iterator[Any]:
    """Open a page in a fresh context; console errors and foreign requests fail the test."""
    contexts: list[Any] = []
    watch = Watch()
    local = urlparse(server).netloc

    def route(route: Any) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("file", "data", "blob") or url.netloc == local:
            route.continue_()
        else:
            watch.foreign.append(route.request.url)
            route.abort()

    def opener(url: str, **options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        context.route("**/*", route)
        page = context.new_page()
        watch.attach(page)
        page.goto(url if "://" in url else server + url)
        return page

    yield opener
    for context in contexts:
        context.close()
    watch.check()


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The Nu HTML Checker, from the npm registry's vnu-jar package (cached)."""
    jar = CACHE / f"vnu-{VNU_VERSION}" / "vnu.jar"
    if shutil.which("java") is None:
        missing("Java (for the Nu HTML Checker)")
    if jar.is_file():
        return jar
    npm = shutil.which("npm")
    if npm is None:
        missing("npm (to fetch the Nu HTML Checker)")
    assert npm is not None
    jar.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([npm, "pack", f"vnu-jar@{VNU_VERSION}", "--silent", "--pack-destination",
                    str(jar.parent)], check=True, capture_output=True, timeout=600)
    packed = jar.parent / f"vnu-jar-{VNU_VERSION}.tgz"
    with tarfile.open(packed) as archive:
        member = archive.extractfile("package/build/dist/vnu.jar")
        assert member is not None
        jar.write_bytes(member.read())
    packed.unlink()
    return jar


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, as bundled by the axe-playwright-python package."""
    try:
        import axe_playwright_python
    except ImportError:
        missing("the axe-playwright-python package")
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The git-ignored folder for screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def searched(page: Any) -> tuple[Any, list[str]]:
    """The search page ``page`` (opened with ?q=...) loaded again while its requests are
    recorded: its first result, once shown, and the URLs it asked for."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.reload()
    result = page.locator("#search-page-results .search-result").first
    result.wait_for()
    return result, requests


def typed_in_menu(page: Any, text: str) -> Any:
    """``text`` typed into the header's search box: its first result, once shown."""
    page.fill("#site-search-q", text)
    first = page.locator("#site-search-results .search-result").first
    first.wait_for()
    return first
