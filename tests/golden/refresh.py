"""Write the frozen output manifests (tests/golden/<site>.json) from the current code.

    python -m tests.golden.refresh              # every site
    python -m tests.golden.refresh seed tunnel  # some of them

Each manifest lists every file a cold build writes (``--no-cache``) with the
SHA-256 of its bytes; tests/test_golden.py checks that a build still writes
exactly that. Refresh a manifest only for an intended change of the output,
and name that change in the commit that carries the new manifest: a manifest
refreshed to make a failing test pass hides the very change it exists to catch.

Builds run with Pagefind hidden, so ``pagefind/`` is left out: its bytes belong
to the installed Pagefind (not pinned: ``pagefind>=1.1``), and the pages it
indexes are frozen here already. The one file Pagefind's presence changes
(``static/site-index.js``) is frozen as well, in ``seed-pagefind.json``: the
seed site built with Pagefind, without ``pagefind/`` itself.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.render import pagefind
from tests.conftest import ROOT, SITES, copy_project
from tests.hardening.conftest import manifest

GOLDEN = Path(__file__).resolve().parent
SYNTH = {"articles": 1000, "cards": 300, "seed": 1}  # bench/synth.py: the same bytes every time
NAMES = ("seed", "summit", "tunnel", "synth")
WITH_PAGEFIND = "seed-pagefind"
PAGEFIND_PREFIX = "pagefind/"


def make_project(name: str, dest: Path) -> Path:
    """A fresh copy of site ``name`` at ``dest`` (the synthetic one written anew)."""
    if name == "seed":  # the project at the repository root: only its own files
        dest.mkdir(parents=True)
        shutil.copy2(ROOT / "site.yaml", dest / "site.yaml")
        for folder in ("content", "seeds"):
            shutil.copytree(ROOT / folder, dest / folder)
        return dest
    if name == "synth":
        from bench.synth import generate

        return generate(dest, **SYNTH)
    return copy_project(SITES / name, dest)


@contextmanager
def no_pagefind() -> Iterator[None]:
    """Builds inside leave the Pagefind index out, as if the package were not installed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind, "pagefind_binary", lambda: None)
        yield


def cold_manifest(project: Path, out: Path) -> dict[str, str]:
    """Build ``project`` without the cache into ``out`` (Pagefind hidden); its manifest."""
    with no_pagefind():
        build(Options(project, output=out, cache=False))
    return manifest(out)


def pagefind_manifest(project: Path, out: Path) -> dict[str, str]:
    """Build ``project`` without the cache, with Pagefind; its manifest but for pagefind/."""
    if pagefind.pagefind_binary() is None:
        raise RuntimeError("Pagefind is not installed (pip install -e '.[test]')")
    build(Options(project, output=out, cache=False))
    assert list((out / PAGEFIND_PREFIX).glob("*/pagefind-entry.json"))
    return {path: digest for path, digest in manifest(out).items()
            if not path.startswith(PAGEFIND_PREFIX)}


def path_of(name: str) -> Path:
    """Where the manifest of ``name`` is kept."""
    return GOLDEN / f"{name}.json"


def load(name: str) -> dict[str, str]:
    """The frozen manifest of ``name``."""
    frozen: dict[str, str] = json.loads(path_of(name).read_text(encoding="utf-8"))
    return frozen


def save(name: str, files: dict[str, str]) -> None:
    """Write a manifest: one file a line, sorted, so that a diff shows what changed."""
    path_of(name).write_text(json.dumps(files, indent=0, sort_keys=True) + "\n",
                             encoding="utf-8")


def main(argv: list[str]) -> int:
    """Rebuild and write the manifests named (all by default)."""
    wanted = argv or [*NAMES, WITH_PAGEFIND]
    unknown = sorted(set(wanted) - {*NAMES, WITH_PAGEFIND})
    if unknown:
        print(f"unknown site: {', '.join(unknown)}; known: {', '.join(NAMES)}, "
              f"{WITH_PAGEFIND}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name in wanted:
            work = Path(tmp) / name
            if name == WITH_PAGEFIND:
                files = pagefind_manifest(make_project("seed", work / "project"), work / "out")
            else:
                files = cold_manifest(make_project(name, work / "project"), work / "out")
            save(name, files)
            print(f"{path_of(name).relative_to(ROOT)}: {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
