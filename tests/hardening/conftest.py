"""Helpers for the hardening suite: run a broken project and read back exactly what happened."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import INVALID, copy_project

PREVIOUS = b"<!DOCTYPE html><title>previous site</title>"
CAROL = ("type: person\nname: Carol Example\nsummary: A third person.\nas_of: 2024-03-01\n"
         "sources:\n  - article: story\n")


@dataclass(frozen=True)
class Outcome:
    """What one run of ``explainer build`` printed and returned."""

    status: int
    reported: list[str]  # the "path:line:col: error[code]: message" lines
    err: str
    project: Path


def put(root: Path, files: dict[str, str | bytes]) -> None:
    """Write text or bytes files under ``root``, making folders as needed."""
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def manifest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small valid base project, with a previous site already in public/."""
    root = copy_project(INVALID / "_base", tmp_path / "project")
    (root / "public").mkdir()
    (root / "public" / ".explainer-output").write_text("")
    (root / "public" / "index.html").write_bytes(PREVIOUS)
    return root


def run_build(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Outcome:
    """Run ``explainer build`` in-process on ``root``; a failed build must leave public/ alone."""
    before = manifest(root / "public") if (root / "public").is_dir() else None
    status = main(["-C", str(root), "build", *args])
    err = capsys.readouterr().err
    reported = [line for line in err.splitlines() if ": error[" in line or ": warning[" in line]
    if status != 0 and before is not None:
        assert manifest(root / "public") == before, "a failed build changed the previous site"
        assert "nothing was written" in err
    assert "Traceback" not in err
    return Outcome(status, reported, err, root)


def remove(root: Path, *names: str) -> None:
    """Delete files or folders of the project."""
    for name in names:
        path = root / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
