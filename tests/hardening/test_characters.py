"""Control characters, noncharacters and terminal escapes: refused in every field and in seeds,
never in a page or the feed, and never printed raw to a terminal."""

from __future__ import annotations

import http.client
import json
import signal
from pathlib import Path

import pytest

from generator.cli import main
from tests.hardening.conftest import CAROL, put, run_build
from tests.test_serve import serve_command

pytestmark = pytest.mark.hostile

C = "content/cards/carol.yaml"
A = "content/articles/story.yaml"
ESCAPES = [("\\x01", "0001"), ("\\0", "0000"), ("\\e", "001B"), ("\\a", "0007"),
           ("\\v", "000B"), ("\\uFFFE", "FFFE"), ("\\x7f", "007F"), ("\\x9b", "009B"),
           ("\\U0010FFFF", "10FFFF"), ("\\b", "0008"), ("\\f", "000C"), ("\\x1b[2J", "001B")]


@pytest.mark.parametrize(("escape", "code"), ESCAPES)
def test_escaped_control_characters_are_refused(project: Path, capsys: pytest.CaptureFixture[str],
                                                escape: str, code: str) -> None:
    put(project, {C: CAROL.replace("name: Carol Example", f'name: "Carol{escape}Example"')})
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    assert outcome.reported == [
        f"{C}:2:7: error[encoding]: control character U+{code} is not allowed"]
    assert "hint: remove the escape; text fields hold printable text only" in outcome.err


# Every kind of field, at every depth, in each kind of file: (file, text, where).
FIELDS = [
    ("site.yaml", 'title: "Base\\e"\ndescription: x\nbase_url: https://example.org/\n', "1:8"),
    ("site.yaml", 'title: Base\ndescription: "x\\x01"\nbase_url: https://example.org/\n',
     "2:14"),
    ("site.yaml", 'title: Base\ndescription: x\nbase_url: https://example.org/\n'
                  'author: "\\a"\n', "4:9"),
    (A, 'title: "A\\0 story"\ndek: x\ndate: 2024-03-01\nseed: story.txt\n', "1:8"),
    (A, 'title: A\ndek: x\ndate: 2024-03-01\nseed: story.txt\ntopics: ["\\v"]\n', "5:10"),
    (A, 'title: A\ndek: x\ndate: 2024-03-01\nseed: story.txt\naliases:\n'
        '  - text: "Al\\x85\\x01"\n    card: alice\n', "6:11"),
    (A, 'title: A\ndek: x\ndate: 2024-03-01\nseed: story.txt\nquotes:\n'
        '  - speaker: alice\n    text: "They\\uFFFF spoke"\n', "7:11"),
    (C, CAROL.replace("summary: A third person.", 'summary: "A \\e]0;x\\a person."'), "3:10"),
    (C, CAROL + 'body: "x\\x1b[2J"\n', "7:7"),
    (C, CAROL + 'roles:\n  - title: "Mayor\\x07"\n    from: 2020-01-01\n', "8:12"),
    (C, CAROL + 'aliases: ["C\\x9d"]\n', "7:11"),
    (C, CAROL + '"kind\\e]0;PWNED\\a": x\n', "7:1"),
]


@pytest.mark.parametrize(("name", "text", "where"), FIELDS)
def test_control_characters_in_every_field(project: Path, capsys: pytest.CaptureFixture[str],
                                           name: str, text: str, where: str) -> None:
    put(project, {name: text})
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    [line] = outcome.reported
    assert line.startswith(f"{name}:{where}: error[encoding]: control character U+")
    assert "\x1b" not in outcome.err and "\x07" not in outcome.err


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x0b", "\x0c", "\x7f", "\x9b", "\ufffe",
                                  "\U0001fffe"])
def test_control_characters_in_a_seed_are_refused(project: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  char: str) -> None:
    put(project, {"seeds/story.txt": f"Alice Example met Bob Example.\nThey{char} spoke.\n"})
    outcome = run_build(project, capsys)
    assert outcome.reported == [
        f"seeds/story.txt:2:5: error[encoding]: control character U+{ord(char):04X} is not "
        "allowed"]


def test_tabs_and_line_ends_are_fine(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {"seeds/story.txt": "Alice Example met Bob Example.\r\nThey\tspoke.\r\n",
                  C: CAROL.replace("name: Carol Example", 'name: "Carol\\tExample"')
                  + 'body: "one\\r\\ntwo\\N"\n'})
    assert run_build(project, capsys).status == 0


def test_check_refuses_them_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {C: CAROL.replace("name: Carol Example", 'name: "Carol\\x01"')})
    assert main(["-C", str(project), "check"]) == 1
    assert f"{C}:2:7: error[encoding]: control character U+0001 is not allowed" in (
        capsys.readouterr().err)


BROKEN_XML = [
    ("feed.xml", b'<?xml version="1.0"?>\n<feed><title>a\x01b</title></feed>\n', 2, 15,
     "not well-formed (invalid token)"),
    ("sitemap.xml", b"<urlset><url><loc>x</loc></url>\n", 2, 1, "no element found"),
    ("feed.xml", b"<feed>&nbsp;</feed>", 1, 7, "undefined entity"),
]


@pytest.mark.parametrize(("name", "data", "line", "col", "problem"), BROKEN_XML)
def test_check_built_parses_the_feed_and_sitemap(
        project: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, line: int,
        col: int, problem: str) -> None:
    (project / "public").rename(project.parent / "old")
    assert run_build(project, capsys).status == 0
    assert main(["-C", str(project), "check", "--built", str(project / "public")]) == 0
    capsys.readouterr()
    (project / "public" / name).write_bytes(data)
    assert main(["-C", str(project), "check", "--built", str(project / "public")]) == 1
    err = capsys.readouterr().err
    assert f"public/{name}:{line}:{col}: error[xml-invalid]: {name} is not well-formed XML: " \
           f"{problem}" in err


TERMINAL = "x\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202e"


def test_file_names_are_printed_safely(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {f"content/cards/{TERMINAL}.yaml": CAROL})
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    assert outcome.reported == [
        "content/cards/x\\u001b]0;PWNED\\u0007\\u001b[2J\\u009b31m\\u202e.yaml:1:1: "
        "error[card-id]: file name 'x\\u001b]0;PWNED\\u0007\\u001b[2J\\u009b31m\\u202e.yaml' "
        "is not a valid card id: "
        "an id uses lower-case letters a-z, digits and single hyphens only"]


def test_cards_listing_is_printed_safely(project: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {C: CAROL.replace("Carol Example", "Carol \u202eelpmaxE\u202c")})
    main(["-C", str(project), "cards"])
    out = capsys.readouterr()
    assert "\u202e" not in out.out + out.err
    assert "\\u202e" in out.out + out.err


def test_internal_errors_are_printed_safely(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from generator import cli

    def boom(argv: object = None) -> int:
        raise ValueError(TERMINAL)

    monkeypatch.setattr(cli, "main", boom)
    assert cli.run() == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "x\\u001b]0;PWNED" in err


def test_the_preview_logs_safely(project: Path) -> None:
    # The live preview reports a broken build, and each request, through the log.
    put(project, {f"content/cards/{TERMINAL}.yaml": CAROL})
    process, port = serve_command(project)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/%1b]0;PWNED%07")
        conn.getresponse().read()
        conn.close()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert "error[card-id]" in err and "x\\u001b]0;PWNED\\u0007" in err
    assert "\x1b" not in out + err and "\x07" not in out + err and "\u202e" not in out + err


def test_json_output_stays_json_and_safe(project: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {f"content/cards/{TERMINAL}.yaml": CAROL})
    main(["-C", str(project), "check", "--format", "json"])
    out = capsys.readouterr().out
    assert not set("\x1b\x07\x9b\u202e") & set(out)
    assert any(TERMINAL in d["message"] for d in json.loads(out)["diagnostics"])


def test_suggest_json_stays_json_and_safe(project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    term = "the \u202ereset"
    put(project, {"seeds/story.txt": f"Alice Example met Bob Example. They called it “{term}”.\n"
                                     f"Then “{term}” again, and {term}.\n"})
    assert main(["-C", str(project), "suggest", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\\u202e" in out
    assert term in [t["name"] for t in json.loads(out)["terms"]]
