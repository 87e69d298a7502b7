"""Broken projects: each reports exactly the expected diagnostics and writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import INVALID, copy_project

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir() and not p.name.startswith("_"))


def test_base_project_is_valid(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(base_project), "build"]) == 0
    assert (base_project / "public" / "index.html").is_file()


@pytest.mark.parametrize("case", CASES)
def test_invalid_case(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(INVALID / "_base", tmp_path / "project")
    shutil.copytree(INVALID / case, project, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("expected.txt"))
    # A previous good site must survive the failed build untouched.
    (project / "public").mkdir()
    (project / "public" / ".explainer-output").write_text("")
    (project / "public" / "index.html").write_text("previous site")
    status = main(["-C", str(project), "build"])
    err = capsys.readouterr().err
    reported = [line for line in err.splitlines() if ": error[" in line or ": warning[" in line]
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert status == 1
    assert reported == expected
    assert (project / "public" / "index.html").read_text() == "previous site"
    assert "nothing was written" in err
