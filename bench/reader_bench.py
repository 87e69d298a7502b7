"""What the reader's browser downloads, and what search costs the build.

    .venv/bin/python bench/reader_bench.py [CARDS] [ARTICLES]

Builds the seed project at the repository root and a synthetic project (from
check_bench.py) with and without Pagefind, and prints: build time, the size of
the scripts every page loads (raw and gzipped), and the Pagefind bundle's size
and the bytes a first search fetches (entry, meta, wasm and one index chunk).
Nothing is asserted: this prints numbers.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from check_bench import write_project  # bench/ is on the path when this script runs

from generator.build import Options, build
from generator.render import pagefind

ROOT = Path(__file__).resolve().parent.parent


def sizes(path: Path) -> str:
    data = path.read_bytes()
    return f"{len(data) / 1024:7.1f} KiB ({len(gzip.compress(data, 9)) / 1024:5.1f} KiB gzipped)"


def first_search_bytes(bundle: Path) -> int:
    """Roughly what Pagefind fetches for a first query: its scripts, wasm, meta, one chunk."""
    needed = [bundle / "pagefind.js", bundle / "pagefind-entry.json",
              *bundle.glob("*.pf_meta"), *bundle.glob("wasm.en.pagefind")]
    chunks = sorted((bundle / "index").glob("*"), key=lambda p: p.stat().st_size)
    needed += chunks[-1:]
    return sum(p.stat().st_size for p in needed if p.is_file())


def report(name: str, project: Path, out: Path) -> None:
    found = pagefind.pagefind_binary()
    for label, binary in (("without Pagefind", None), ("with Pagefind", found)):
        with mock.patch("generator.render.pagefind.pagefind_binary", return_value=binary), \
                mock.patch("generator.render.pagefind.pagefind_binary", return_value=binary):
            started = time.perf_counter()
            result = build(Options(project, output=out / label.replace(" ", "-")))
            seconds = time.perf_counter() - started
        print(f"{name}: {result.pages} pages, build {label}: {seconds:.2f}s")
    site = out / "with-Pagefind"
    print(f"  site-index.js {sizes(site / 'static' / 'site-index.js')}")
    print(f"  explainer.js  {sizes(site / 'static' / 'explainer.js')}")
    bundle = site / "pagefind"
    if bundle.is_dir():
        total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
        print(f"  pagefind/     {total / 1024:7.1f} KiB on disk, first search fetches about "
              f"{first_search_bytes(bundle) / 1024:.1f} KiB")


def main() -> None:
    cards = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    articles = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    with tempfile.TemporaryDirectory() as tmp:
        if (ROOT / "content" / "cards").is_dir():
            report("seed site", ROOT, Path(tmp) / "seed")
        project = Path(tmp) / "synthetic"
        write_project(project, cards, articles)
        report(f"synthetic ({cards} cards, {articles} articles)", project, Path(tmp) / "syn")


if __name__ == "__main__":
    main()
