"""Shared helpers: build real projects in temporary folders and read their HTML."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

from generator.build import BuildResult, Options, build

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "sites"
INVALID = ROOT / "tests" / "sites_invalid"

# In CI the property tests try the same examples on every run (a red CI is then a bug
# that the next run shows again, never a draw of luck); locally they explore afresh.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


def copy_project(source: Path, dest: Path) -> Path:
    """Copy a project folder (without any built output) to ``dest``."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(
        "public", ".public*", ".explainer-cache", "expected.txt"))
    return dest


def write_files(root: Path, files: dict[str, str]) -> None:
    """Write text files under ``root``, making folders as needed."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def soup(path: Path) -> BeautifulSoup:
    """Parse an HTML file."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def base_project(tmp_path: Path) -> Path:
    """A copy of the small valid project that invalid cases break."""
    return copy_project(INVALID / "_base", tmp_path / "project")


@pytest.fixture
def built_tunnel(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], BuildResult]:
    """Build the tunnel test site into a temporary folder."""

    def run() -> BuildResult:
        project = copy_project(SITES / "tunnel", tmp_path_factory.mktemp("tunnel") / "p")
        return build(Options(project))

    return run
