"""How long `explainer check` takes on a generated site, stage by stage.

    .venv/bin/python bench/check_bench.py [CARDS] [ARTICLES]

Writes a synthetic project into a temporary folder (people, places and concepts
that articles mention), then times load, render (in memory) and the link check
and audits, and prints the figures. Nothing is asserted: this prints numbers.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from generator.build import Options
from generator.check.audit import audit
from generator.check.links import check_site
from generator.engine.pipeline import load_site, render_site

TYPES = ("person", "place", "concept", "organisation")


def write_project(root: Path, cards: int, articles: int) -> None:
    """A project with ``cards`` cards and ``articles`` articles of 12 paragraphs each."""
    (root / "content" / "cards").mkdir(parents=True)
    (root / "content" / "articles").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "site.yaml").write_text("title: Bench\ndescription: A generated site.\n"
                                    "base_url: https://example.org/bench/\n"
                                    "freshness_days: 365\n")
    for i in range(cards):
        kind = TYPES[i % len(TYPES)]
        (root / "content" / "cards" / f"c{i}.yaml").write_text(
            f"type: {kind}\nname: Name{i} Example\nsummary: Card {i}, related to "
            f"[another](card:c{(i + 1) % cards}).\nas_of: 2026-01-01\nwikidata: Q{i + 1}\n"
            f"sources:\n  - publisher: Desk\n    title: Piece {i}\n    date: 2025-01-01\n")
    for a in range(articles):
        paragraphs = [" ".join(f"Name{(a * 7 + p * 3 + k) % cards} Example said things."
                               for k in range(5)) for p in range(12)]
        (root / "seeds" / f"a{a}.txt").write_text("\n".join(paragraphs) + "\n")
        (root / "content" / "articles" / f"a{a}.yaml").write_text(
            f"title: Article {a}\ndek: Dek {a}.\ndate: 2025-02-{a % 28 + 1:02d}\n"
            f"seed: a{a}.txt\n")


def main() -> None:
    """Print the time of each stage of a check on a generated site."""
    cards = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    articles = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bench"
        write_project(root, cards, articles)
        options = Options(root)
        started = time.perf_counter()
        site, _ = load_site(options)
        loaded = time.perf_counter()
        files, pages, _ = render_site(options, site)
        rendered = time.perf_counter()
        report = check_site(files, site.config.base_url)
        linked = time.perf_counter()
        problems = audit(site, dt.date(2026, 6, 1), report.linked_from)
        audited = time.perf_counter()
    size = sum(len(b) for b in files.values()) / 1e6
    print(f"site: {cards} cards, {articles} articles -> {pages} pages, {len(files)} files, "
          f"{size:.1f} MB")
    print(f"load+resolve  {loaded - started:6.2f}s")
    print(f"render        {rendered - loaded:6.2f}s")
    print(f"link check    {linked - rendered:6.2f}s  ({report.links} links, "
          f"{report.links / (linked - rendered):,.0f} links/s, "
          f"{size / (linked - rendered):.1f} MB/s)")
    print(f"audits        {audited - linked:6.2f}s")
    print(f"problems: {len(report.problems)} link, {len(problems)} editorial")


if __name__ == "__main__":
    main()
