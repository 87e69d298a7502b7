"""``explainer check --wikidata``: cards compared with entity data served from a local server.

The server (``http.server`` on 127.0.0.1) answers with the recorded entity JSON in
tests/fixtures/wikidata/ (made-up items, Q9000xx, in Wikidata's format), so the real
client runs: HTTP, the disk cache, the parser and the comparison.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from generator.build import Options
from generator.check.site import check_project
from generator.check.wikidata_client import WikidataSettings
from generator.cli import main
from tests.conftest import ROOT, write_files

FIXTURES = ROOT / "tests" / "fixtures" / "wikidata"
TODAY = "2024-03-02"
MERGED = {"entities": {"Q900301": {
    "type": "item", "id": "Q900301", "claims": {},
    "labels": {"en": {"language": "en", "value": "Carol \x1b]0;pwned\x07Example"}}}}}


@dataclass
class Server:
    """A local stand-in for Special:EntityData, counting the requests it answers."""

    url: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            name = self.path.rsplit("/", 1)[-1]
            state.requests.append(name)
            assert self.headers["User-Agent"].startswith("explainer/")
            if name == "Q900500.json":
                self._answer(500, b"Internal Server Error")
            elif name == "Q900501.json":
                self._answer(200, b'{"entities": {"Q900501": {"id": ')
            elif name == "Q900300.json":
                self._answer(200, json.dumps(MERGED).encode())
            elif (FIXTURES / name).is_file():
                self._answer(200, (FIXTURES / name).read_bytes())
            else:
                self._answer(404, b'{"error": "not found"}')

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/wiki/Special:EntityData/"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join()


ALICE = """type: person
name: Alice Example
aliases: [Alice]
summary: A politician of Freedonia.
as_of: 2024-03-01
wikidata: Q900001
country: freedonia
sources:
  - article: story
roles:
  - title: Prime Minister of Freedonia
    org: freedonia
    from: 2019-05-01
    wikidata: Q900200
  - title: Mayor of Springfield
    from: 2010-03
    to: 2015
    wikidata: Q900201
  - title: Leader of the Example Party
    from: 2012-01-10
    wikidata: Q900202
  - title: Member of the Freedonian Parliament
    from: 2005-06-01
    wikidata: Q900203
"""
BOB = """type: person
name: Bob Example
summary: A diplomat.
as_of: 2024-03-01
wikidata: Q900002
sources:
  - article: story
"""
FREEDONIA = """type: place
name: Freedonia
kind: country
summary: A country of the story.
as_of: 2024-03-01
wikidata: Q900100
sources:
  - article: story
"""


@pytest.fixture
def project(base_project: Path) -> Path:
    write_files(base_project, {
        "content/cards/alice.yaml": ALICE, "content/cards/bob.yaml": BOB,
        "content/cards/freedonia.yaml": FREEDONIA,
        "seeds/story.txt": "Alice Example met Bob Example in Freedonia.\nThey spoke.\n"})
    return base_project


def check(project: Path, capsys: pytest.CaptureFixture[str], url: str,
          *args: str) -> tuple[int, Any]:
    status = main(["-C", str(project), "check", "--format", "json", "--today", TODAY,
                   "--wikidata", "--wikidata-url", url, *args])
    return status, json.loads(capsys.readouterr().out)


def found(report: Any) -> list[tuple[str, str, int, str]]:
    return sorted((d["code"], d["path"], d["line"], d["severity"])
                  for d in report["diagnostics"])


def by_code(report: Any, code: str) -> list[str]:
    return [d["message"] for d in report["diagnostics"] if d["code"] == code]


def test_mismatches_are_warnings_naming_card_role_both_values_and_statement(
        project: Path, server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    status, report = check(project, capsys, server.url)
    assert status == 0 and report["ok"] is True
    assert found(report) == [
        ("wikidata-died", "content/cards/bob.yaml", 5, "warning"),
        ("wikidata-head", "content/cards/alice.yaml", 11, "warning"),
        ("wikidata-role", "content/cards/alice.yaml", 11, "warning"),
        ("wikidata-role", "content/cards/alice.yaml", 19, "warning"),
    ]
    alice = json.loads((FIXTURES / "Q900001.json").read_text())["entities"]["Q900001"]
    pm, _, leader, deprecated = (s["id"] for s in alice["claims"]["P39"][:4])
    ended, started = by_code(report, "wikidata-role")
    assert ended == (
        "card 'alice': the card shows Prime Minister of Freedonia (Q900200) as held; "
        "Wikidata says it ended 5 July 2024, succeeded by Q900003 "
        f"(https://www.wikidata.org/wiki/Q900001#{pm})")
    # The deprecated statement that agrees with the card is not used.
    assert started.startswith("card 'alice': Leader of the Example Party (Q900202) began "
                              "10 January 2012 on the card, 10 January 2013 on Wikidata")
    assert started.endswith(f"#{leader})") and deprecated not in started
    # A month against a day, a year against a day: equal at the coarser precision.
    assert not any("Mayor" in d["message"] or "Parliament" in d["message"]
                   for d in report["diagnostics"])
    [died] = by_code(report, "wikidata-died")
    assert died.startswith("card 'bob': Wikidata says Bob Example died on 15 January 2025; "
                           "the card shows them as living (https://www.wikidata.org/wiki/"
                           "Q900002#Q900002$")
    [head] = by_code(report, "wikidata-head")
    assert head.startswith(
        "card 'freedonia': card 'alice' says Alice Example holds Prime Minister of "
        "Freedonia (Q900200); Wikidata's head of government of Freedonia is Q900003 since "
        "5 July 2024 (https://www.wikidata.org/wiki/Q900100#Q900100$")
    assert sorted(server.requests) == ["Q900001.json", "Q900002.json", "Q900100.json"]


def test_strict_makes_mismatches_fail(project: Path, server: Server,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    status, report = check(project, capsys, server.url, "--strict")
    assert status == 1 and report["ok"] is False
    assert {d["severity"] for d in report["diagnostics"]} == {"error"}
    assert report["counts"] == {"wikidata-role": 2, "wikidata-died": 1, "wikidata-head": 1}


def test_text_output_is_warnings_and_a_passing_summary(
        project: Path, server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["-C", str(project), "check", "--today", TODAY, "--wikidata",
                   "--wikidata-url", server.url])
    out, err = capsys.readouterr()
    assert status == 0
    assert "content/cards/bob.yaml:5:11: warning[wikidata-died]: card 'bob'" in err
    assert "no problems; 4 warning(s)." in out


def test_no_network_is_one_warning_and_the_check_passes(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nothing listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status, report = check(project, capsys, f"http://127.0.0.1:{port}/", "--strict")
    assert status == 0 and report["ok"] is True
    [offline] = report["diagnostics"]
    assert offline["code"] == "wikidata-offline" and offline["severity"] == "warning"
    assert offline["path"] == "site.yaml"
    assert offline["message"].startswith(f"cannot reach http://127.0.0.1:{port}/Q900")
    assert offline["message"].endswith(": 3 cards not compared with Wikidata")
    assert not (project / ".explainer-cache" / "wikidata" / "Q900001.json").exists()


def test_http_errors_and_bad_json_are_warnings(
        project: Path, server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(project, {
        "content/cards/bob.yaml": BOB.replace("Q900002", "Q900999"),
        "content/cards/freedonia.yaml": FREEDONIA.replace("Q900100", "Q900500"),
        "content/cards/alice.yaml": ALICE.replace("Q900001", "Q900501")})
    status, report = check(project, capsys, server.url)
    assert status == 0
    assert found(report) == [
        ("wikidata-fetch", "content/cards/alice.yaml", 6, "warning"),
        ("wikidata-fetch", "content/cards/freedonia.yaml", 6, "warning"),
        ("wikidata-missing", "content/cards/bob.yaml", 5, "warning")]
    messages = " | ".join(d["message"] for d in report["diagnostics"])
    assert f"{server.url}Q900999.json answered 404 Not Found: there is no such item" in messages
    assert f"{server.url}Q900500.json answered 500 Internal Server Error" in messages
    assert f"{server.url}Q900501.json did not answer with Wikidata entity data: not JSON" \
        in messages
    # Nothing that failed is cached: the next run asks again.
    check(project, capsys, server.url)
    assert len(server.requests) == 6


def test_merged_item_and_remote_text_made_safe_for_the_terminal(
        project: Path, server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(project, {"content/cards/bob.yaml": BOB.replace("Q900002", "Q900300")})
    status = main(["-C", str(project), "check", "--today", TODAY, "--wikidata",
                   "--wikidata-url", server.url, "--ignore", "wikidata-role",
                   "--ignore", "wikidata-head"])
    err = capsys.readouterr().err
    assert status == 0
    assert "warning[wikidata-missing]: card 'bob': Q900300 now redirects to Q900301" in err
    assert "\x1b" not in err and "\x07" not in err and "\\u001b" in err
    assert "write  wikidata: Q900301" in err


def test_answers_are_cached_on_disk_and_refresh_asks_again(
        project: Path, server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    first = check(project, capsys, server.url)
    assert len(server.requests) == 3
    second = check(project, capsys, server.url)
    assert len(server.requests) == 3  # all three from the cache
    assert second[1]["diagnostics"] == first[1]["diagnostics"]
    cached = json.loads((project / ".explainer-cache" / "wikidata" / "Q900002.json").read_text())
    assert cached["url"] == f"{server.url}Q900002.json"
    check(project, capsys, server.url, "--wikidata-refresh")
    assert len(server.requests) == 6
    # Another address is another source: its answers are not taken from this cache.
    check(project, capsys, server.url.replace("127.0.0.1", "localhost"))
    assert len(server.requests) == 9


def test_cache_expires_after_a_day(project: Path, server: Server) -> None:
    now = [1_900_000_000.0]
    settings = WikidataSettings(server.url, clock=lambda: now[0])
    today = dt.date.fromisoformat(TODAY)

    def run() -> int:
        result = check_project(Options(project), today, wikidata=settings)
        assert len(result.diagnostics) == 4
        return len(server.requests)

    assert run() == 3
    now[0] += 23 * 3600
    assert run() == 3
    now[0] += 2 * 3600  # 25 hours after the first fetch
    assert run() == 6
    now[0] += 3600  # the answers fetched again are fresh
    assert run() == 6


def test_a_linked_cache_folder_is_not_used(project: Path, server: Server,
                                           tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / ".explainer-cache").mkdir()
    (project / ".explainer-cache" / "wikidata").symlink_to(outside)
    status, _ = check(project, capsys, server.url)
    assert status == 0 and list(outside.iterdir()) == []


@pytest.mark.parametrize(("where", "value"), [("card", "42"), ("card", "Q0"),
                                              ("role", "P39"), ("role", "q42")])
def test_malformed_ids_are_errors_when_loading(project: Path, where: str, value: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    text = (ALICE.replace("wikidata: Q900001", f"wikidata: '{value}'") if where == "card"
            else ALICE.replace("wikidata: Q900200", f"wikidata: '{value}'"))
    write_files(project, {"content/cards/alice.yaml": text})
    assert main(["-C", str(project), "build"]) == 1
    err = capsys.readouterr().err
    line = 6 if where == "card" else 14
    assert f"content/cards/alice.yaml:{line}:" in err
    assert f"error[schema-value]: 'wikidata': '{value}' is not a Wikidata item id" in err


def test_a_built_site_has_no_cards_to_compare(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["-C", str(project), "check", "--built", "public", "--wikidata"])
    assert stopped.value.code == 2
    assert "--wikidata compares the cards of a project" in capsys.readouterr().err
