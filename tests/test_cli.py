"""The command line: help with examples everywhere, "did you mean", colour, progress, quiet."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import Any

import pytest

from generator.cli import _parser
from generator.console import Console, Progress
from generator.errors import Location, error
from tests.test_authoring import run


def subcommands(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, Any]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if name == "list":  # an alias of cards
                    continue
                found[f"{prefix}{name}"] = sub
                found.update(subcommands(sub, f"{prefix}{name} "))
    return found


COMMANDS = sorted(subcommands(_parser()))


def test_every_command_is_known() -> None:
    assert {"build", "check", "init", "new", "new article", "new card", "suggest", "cards",
            "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, *command.split(), "--help")
    assert status == 0
    assert "examples:\n  explainer " in out
    assert "--quiet" in out


def test_did_you_mean_for_commands_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "buld")
    assert status == 2 and "hint: did you mean 'build'?" in err
    status, _, err = run(capsys, "build", "--strct")
    assert status == 2 and "hint: did you mean '--strict'?" in err
    status, _, err = run(capsys, "cards", "--type", "peron")
    assert status == 2 and "did you mean 'person'?" in err


def test_no_colour_when_not_a_terminal(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "-C", str(tmp_path), "build")
    assert status == 1 and "error[config-missing]" in err and "\x1b[" not in err
    status, _, err = run(capsys, "-C", str(tmp_path), "build", "--color", "always")
    assert "\x1b[1;31merror[config-missing]\x1b[0m" in err


def test_quiet_prints_errors_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "-q", "init", str(tmp_path / "p"))
    assert status == 0 and out == "" and err == ""
    status, out, err = run(capsys, "-C", str(tmp_path / "p"), "build", "-q")
    assert status == 0 and out == "" and err == ""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_follows_the_stream_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    diagnostic = error("code", "message", Location("a.yaml", 1, 2), "a hint")
    assert "\x1b[" in Console(err=FakeTerminal()).format(diagnostic)
    assert "\x1b[" not in Console(err=io.StringIO()).format(diagnostic)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in Console(err=FakeTerminal()).format(diagnostic)


def test_progress_bar_only_on_a_terminal_and_only_when_slow() -> None:
    now = [0.0]
    terminal = FakeTerminal()
    with Progress(terminal, "Rendering", 1.0, lambda: now[0]) as bar:
        bar.update(1, 10)
        assert terminal.getvalue() == ""  # quick jobs show nothing
        now[0] = 1.5
        bar.update(5, 10)
        assert "Rendering [" in terminal.getvalue() and "5/10" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[2K")  # cleared when done
    assert Console(err=io.StringIO()).progress("x").stream is None
    assert Console(err=FakeTerminal(), quiet=True).progress("x").stream is None


def test_missing_pagefind_is_told_once_per_project(base_project: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    import logging
    import shutil

    from generator.build import Options, build

    monkeypatch.setattr("generator.render.pagefind.pagefind_binary", lambda: None)

    def told(project: Path) -> list[int]:
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="generator.build"):
            build(Options(project, cache=False))
        return [r.levelno for r in caplog.records if "Pagefind is not installed" in r.message]

    other = tmp_path / "other"
    shutil.copytree(base_project, other)
    assert told(base_project) == [logging.INFO]  # shown
    assert told(base_project) == [logging.DEBUG]  # from now on, only under -v
    assert (base_project / ".explainer-cache" / ".gitignore").is_file()  # kept out of git
    assert told(other) == [logging.INFO]  # another project is told too


def test_verbose_is_accepted_before_and_after_the_command() -> None:
    parser = _parser()
    assert parser.parse_args(["-v", "check"]).verbose is True
    assert parser.parse_args(["check", "--verbose"]).verbose is True
    assert parser.parse_args(["check"]).verbose is False
