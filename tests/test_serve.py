"""The live preview, tested against a running server: HTTP, livereload websocket, safeguards."""

from __future__ import annotations

import asyncio
import gc
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tornado import httpclient, websocket

from generator.build import Options
from generator.serve.http import allowed_host, page_of
from generator.serve.preview import Preview
from generator.urls import SITE_INDEX
from tests.conftest import SITES, copy_project

CARD = "content/cards/people/francois-mitterrand.yaml"
TIMEOUT = 15.0


def wait_for(check: Callable[[], object], timeout: float = TIMEOUT) -> object:
    """Poll ``check`` until it returns something true."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def get(preview: Preview, path: str, host: str | None = None) -> tuple[int, str]:
    """GET ``path`` exactly as written, with an optional Host header."""
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=TIMEOUT)
    conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host or f"127.0.0.1:{preview.port}")
    conn.endheaders()
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


class Browser:
    """A livereload client on its own event loop thread, collecting reload messages."""

    def __init__(self, preview: Preview, origin: str | None = None, url: str = "/") -> None:
        self.url = url
        self.messages: list[dict[str, object]] = []
        self.error: BaseException | None = None
        self.connected = threading.Event()
        self.loop = asyncio.new_event_loop()
        origin = origin or f"http://127.0.0.1:{preview.port}"
        request = httpclient.HTTPRequest(f"ws://127.0.0.1:{preview.port}/livereload",
                                         headers={"Origin": origin})
        self.thread = threading.Thread(target=self.loop.run_until_complete,
                                       args=(self._run(request),), daemon=True)
        self.thread.start()

    async def _run(self, request: httpclient.HTTPRequest) -> None:
        try:
            self.socket = await websocket.websocket_connect(request)
            await self.socket.write_message(json.dumps({"command": "hello", "protocols": [
                "http://livereload.com/protocols/official-7"]}))
            hello = await self.socket.read_message()
            assert hello is not None and json.loads(hello)["command"] == "hello"
            await self.socket.write_message(json.dumps({"command": "info", "url": self.url}))
            self.connected.set()
            while (message := await self.socket.read_message()) is not None:
                self.messages.append(json.loads(message))
        except BaseException as exc:
            self.error = exc
            self.connected.set()

    def reloads(self) -> list[dict[str, object]]:
        return [m for m in self.messages if m.get("command") == "reload"]

    def ping(self) -> None:
        """Say hello and wait for the answer: whatever the server sent before it has come."""
        answers = len([m for m in self.messages if m.get("command") == "hello"])
        self.loop.call_soon_threadsafe(self.socket.write_message, json.dumps(
            {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        wait_for(lambda: len([m for m in self.messages if m.get("command") == "hello"])
                 > answers)

    def close(self) -> None:
        if hasattr(self, "socket"):
            self.loop.call_soon_threadsafe(self.socket.close)
        self.thread.join(5)


def running_preview(project: Path) -> Iterator[Preview]:
    """A preview of ``project`` served on a free port in a thread of its own, then stopped."""
    running = Preview(Options(project), "127.0.0.1", 0)
    ready = threading.Event()
    thread = threading.Thread(target=lambda: asyncio.run(running.serve(ready)), daemon=True)
    thread.start()
    assert ready.wait(60)
    yield running
    running.stop()
    thread.join(10)
    assert not running.out.exists()  # the preview folder is removed


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    yield from running_preview(copy_project(SITES / "tunnel", tmp_path / "project"))


@pytest.fixture
def browser(preview: Preview) -> Iterator[Browser]:
    client = Browser(preview)
    assert client.connected.wait(TIMEOUT) and client.error is None
    wait_for(lambda: preview._views.listening())
    yield client
    client.close()


def edit(preview: Preview, name: str, old: str, new: str) -> None:
    path = preview.project.root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serves_the_site_with_the_reload_script(preview: Preview) -> None:
    status, body = get(preview, "/")
    assert status == 200 and '<script src="/livereload.js?port=' in body
    assert get(preview, "/cards/calais.html")[0] == 200
    assert get(preview, "/livereload.js")[0] == 200
    assert get(preview, "/static/style.css")[0] == 200
    assert not (preview.project.root / "public").exists()  # never the project's output


def test_edit_shows_over_http_and_reloads_the_browser(preview: Preview, browser: Browser) -> None:
    edit(preview, CARD, "President of France", "Head of the French state")
    page = "/cards/francois-mitterrand.html"
    wait_for(lambda: "Head of the French state" in get(preview, page)[1])
    reload = wait_for(browser.reloads)
    assert isinstance(reload, list) and str(reload[0]["path"]).startswith("/")
    assert "/" + str(preview.project.root).lstrip("/") not in json.dumps(browser.messages)


def test_the_page_looked_at_is_reloaded_first_and_once(preview: Preview) -> None:
    viewer = Browser(preview, url=f"{preview.url}cards/francois-mitterrand.html?x=1#top")
    home = Browser(preview, url=preview.url)
    try:
        for client in (viewer, home):
            assert client.connected.wait(TIMEOUT) and client.error is None
        wait_for(lambda: len(preview._views.pages()) == 2)
        before = preview.rebuilds
        edit(preview, CARD, "President of France from", "Head of the French state from")
        reload = wait_for(viewer.reloads)
        assert isinstance(reload, list)
        assert reload[0]["path"] == "/cards/francois-mitterrand.html"
        wait_for(lambda: preview.rebuilds > before)
        assert preview.last is not None
        assert preview.last.shown == ("cards/francois-mitterrand.html", SITE_INDEX)
        assert "articles/tunnel-opening.html" in preview.last.written
        wait_for(home.reloads)  # the rest of the site: the other browser reloads then
        viewer.ping()
        assert len(viewer.reloads()) == 1  # not a second time for pages it does not show
    finally:
        viewer.close()
        home.close()


@pytest.mark.parametrize(("url", "page"), [
    ("http://127.0.0.1:8000/", "index.html"),
    ("http://127.0.0.1:8000/cards/a.html?q=1#p2", "cards/a.html"),
    ("http://127.0.0.1:8000/people/", "people/index.html"),
    ("http://127.0.0.1:8000/cards/caf%C3%A9.html", "cards/caf\u00e9.html"),
    ("http://127.0.0.1:8000/static/style.css", ""),
    ("http://127.0.0.1:8000/a%00.html", ""),
    (None, ""),
    (42, ""),
])
def test_the_page_a_browser_shows_is_told_from_its_address(url: object, page: str) -> None:
    assert page_of(url) == page


def test_a_new_catalogue_then_its_edit_reach_the_browser(preview: Preview,
                                                          browser: Browser) -> None:
    page = "/cards/francois-mitterrand.html"
    folder = preview.project.root / "translations"
    folder.mkdir()  # a folder that was not there when the preview started
    (folder / "en.po").write_text('msgid "Mentioned in"\nmsgstr "In the news"\n',
                                  encoding="utf-8")
    wait_for(lambda: ">In the news</h2>" in get(preview, page)[1])
    wait_for(browser.reloads)
    edit(preview, "translations/en.po", "In the news", "Named in")
    wait_for(lambda: ">Named in</h2>" in get(preview, page)[1])


def test_two_saves_a_second_apart_both_reach_the_browser(preview: Preview,
                                                          browser: Browser) -> None:
    edit(preview, CARD, "President of France", "First edit")
    wait_for(lambda: len(browser.reloads()) >= 1)
    time.sleep(1)  # the second save comes one second after the first, as the issue asks
    edit(preview, CARD, "First edit", "Second edit")
    wait_for(lambda: len(browser.reloads()) >= 2)
    assert "Second edit" in get(preview, "/cards/francois-mitterrand.html")[1]


def test_a_burst_of_saves_gives_one_rebuild(preview: Preview, browser: Browser) -> None:
    before = preview.rebuilds
    files = sorted((preview.project.root / "content").rglob("*.yaml"))
    assert len(files) >= 10
    for path in files[:10]:  # an editor saving ten files at once
        path.write_text(path.read_text(encoding="utf-8") + "# saved\n", encoding="utf-8")
    wait_for(lambda: preview.rebuilds > before)
    time.sleep(0.5)  # would a second rebuild follow?
    assert preview.rebuilds == before + 1


def test_garbage_is_collected_once_the_rebuilds_are_over(preview: Preview) -> None:
    assert gc.isenabled()
    edit(preview, CARD, "President of France", "Head of the French state")
    wait_for(lambda: preview.rebuilds > 1 and not gc.isenabled())  # off while rebuilding
    wait_for(gc.isenabled)  # on again once no change comes for a while
    assert not preview._owed


def test_broken_edit_shows_errors_then_the_site_comes_back(preview: Preview,
                                                           browser: Browser) -> None:
    edit(preview, CARD, "country: france", "country: frnace")
    wait_for(lambda: get(preview, "/")[0] == 500)
    status, body = get(preview, "/cards/calais.html")
    assert status == 500 and "francois-mitterrand.yaml:" in body
    assert "unknown card id &#x27;frnace&#x27;" in body
    assert get(preview, "/static/style.css")[0] == 200
    wait_for(browser.reloads)
    edit(preview, CARD, "country: frnace", "country: france")
    wait_for(lambda: get(preview, "/")[0] == 200)
    assert get(preview, "/cards/francois-mitterrand.html")[0] == 200
    wait_for(lambda: len(browser.reloads()) >= 2)


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/cards/..%5c..%5c..%5cetc/passwd",
    "//etc/passwd",
    "/etc/passwd",
    "/%2Fetc%2Fpasswd",
    "/outside.txt",
    "/linked/secret.txt",
])
def test_nothing_outside_the_output_is_served(preview: Preview, path: str) -> None:
    secret = preview.project.root.parent / "secret.txt"
    secret.write_text("root:secret\n", encoding="utf-8")
    os.symlink(secret, preview.out / "outside.txt")
    os.symlink(preview.project.root.parent, preview.out / "linked")
    status, body = get(preview, path)
    assert status in (400, 403, 404), (path, status)
    assert "root:" not in body


@pytest.mark.parametrize(("host", "ok"), [
    ("127.0.0.1:{port}", True), ("localhost:{port}", True), ("evil.example:{port}", False),
    ("127.0.0.1", False), ("localhost.evil.example:{port}", False), ("[::1]:{port}", True),
])
def test_foreign_host_headers_are_refused(preview: Preview, host: str, ok: bool) -> None:
    status, _ = get(preview, "/", host.format(port=preview.port))
    assert (status == 200) is ok


def test_websocket_refuses_other_origins(preview: Preview) -> None:
    stranger = Browser(preview, origin="http://evil.example")
    assert stranger.connected.wait(TIMEOUT)
    assert isinstance(stranger.error, websocket.WebSocketError | httpclient.HTTPClientError)
    stranger.close()


def test_allowed_host_rules() -> None:
    names = frozenset({"localhost", "127.0.0.1"})
    assert allowed_host("localhost:8000", names, 8000)
    assert allowed_host("192.168.1.5:8000", names, 8000)
    assert not allowed_host("attacker.example:8000", names, 8000)
    assert not allowed_host("localhost:8001", names, 8000)
    assert not allowed_host("localhost:bad", names, 8000)


def serve_command(project: Path) -> tuple[subprocess.Popen[str], int]:
    """A real ``explainer serve`` on a free port, and the port (read from what it prints)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
    assert match, line
    return process, int(match.group(1))


def test_cli_prints_the_url_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    project = copy_project(SITES / "tunnel", tmp_path / "project")
    process, port = serve_command(project)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        conn.request("GET", "/")
        assert conn.getresponse().status == 200
        conn.close()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Stopped." in out and "Traceback" not in err


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_cli_prints_its_process_id_and_cleans_up_on_term_and_hup(tmp_path: Path,
                                                                  signame: str) -> None:
    import os
    import re
    import signal
    import subprocess
    import sys

    project = copy_project(SITES / "tunnel", tmp_path / "project")
    runtime = tmp_path / "runtime"  # where the preview makes its folder
    runtime.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=os.environ | {"XDG_RUNTIME_DIR": str(runtime)})
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # printed once the preview is ready
        match = re.search(r"at http://127\.0\.0\.1:\d+/ \(process (\d+);", line)
        assert match, line
        assert int(match.group(1)) == process.pid
        [folder] = runtime.iterdir()
        assert (folder / "index.html").is_file()
        process.send_signal(getattr(signal, signame))
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Stopped." in out and "Traceback" not in err
    assert not folder.exists()


def test_cli_warns_when_serving_beyond_this_machine(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    project = copy_project(SITES / "tunnel", tmp_path / "project")
    status: list[int] = []
    # A thread of its own: another test may have left an event loop running in this one.
    thread = threading.Thread(target=lambda: status.append(main(
        ["-C", str(project), "serve", "--host", "0.0.0.0", "--port", "-1"])))
    thread.start()
    thread.join(TIMEOUT)
    assert status == [1]
    err = capsys.readouterr().err
    assert "warning: serving on 0.0.0.0" in err and "cannot serve on 0.0.0.0:-1" in err


@pytest.fixture
def looped_preview(tmp_path: Path) -> Iterator[Preview]:
    project = copy_project(SITES / "tunnel", tmp_path / "project")
    os.symlink(project / "content", project / "content" / "cards" / "loop")  # a loop
    os.symlink(tmp_path, project / "content" / "articles" / "outside")  # out of the project
    yield from running_preview(project)


def test_symlink_loops_neither_hang_the_watcher_nor_get_followed(
        looped_preview: Preview) -> None:
    preview = looped_preview
    status, body = get(preview, "/")
    # the links are refused with a located error, and the server keeps running
    assert status == 500 and "content/cards/loop" in body
    assert "content/articles/outside" in body
    (preview.project.root / "content" / "cards" / "loop").unlink()
    (preview.project.root / "content" / "articles" / "outside").unlink()
    wait_for(lambda: get(preview, "/")[0] == 200)
    edit(preview, CARD, "President of France", "Head of the French state")
    wait_for(lambda: "Head of the French state" in
             get(preview, "/cards/francois-mitterrand.html")[1])


def test_changes_in_the_output_folder_trigger_nothing(preview: Preview) -> None:
    before = preview.rebuilds
    (preview.out / "stray.html").write_text("x", encoding="utf-8")
    (preview.project.root / "public").mkdir()
    (preview.project.root / "public" / "index.html").write_text("x", encoding="utf-8")
    time.sleep(0.5)
    assert preview.rebuilds == before
