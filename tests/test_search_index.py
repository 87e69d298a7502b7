"""The Pagefind index in shards: what a page's digest covers, how pages are split, and a
build after an edit indexing only the shard whose pages read differently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.output.search import plan_shards, search_digest
from generator.render import pagefind
from tests.conftest import SITES, copy_project

PAGE = """<!doctype html><html lang="{lang}"><head><title>T</title></head><body>
<nav><a href="x.html">{nav}</a></nav>
<main><article class="card" data-pagefind-body>
<h1>{name}</h1><div class="summary">{summary}</div>
<section class="related" data-pagefind-ignore><ul><li>{related}</li></ul>
<article class="inner"><p>nested</p></article></section>
</article>
<aside>{aside}</aside></main></body></html>"""
PARTS = {"lang": "en", "nav": "Home", "name": "Jane Smith", "summary": "A minister.",
         "related": "John Smith, a judge.", "aside": "In this article"}


def page(**changes: str) -> str:
    return PAGE.format(**(PARTS | changes))


def test_the_digest_covers_what_pagefind_reads_and_nothing_else() -> None:
    same = search_digest(page())
    assert len(same) == 16
    # Read by Pagefind: the body element and the language.
    assert search_digest(page(name="Jane Doe")) != same
    assert search_digest(page(summary="A former minister.")) != same
    assert search_digest(page(lang="fr")) != same
    # Outside the body, or in a part it ignores (with an element of the same name inside).
    assert search_digest(page(nav="Start")) == same
    assert search_digest(page(aside="Elsewhere")) == same
    assert search_digest(page(related="John Smith, a retired judge.")) == same


def test_a_page_pagefind_leaves_out_has_no_digest() -> None:
    assert search_digest("<html><body><main><h1>Index</h1></main></body></html>") == b""


@pytest.mark.parametrize("hidden", ["<!-- </article> -->", "<script>'</article>'</script>"])
def test_markup_too_hard_to_scan_makes_the_whole_page_count(hidden: str) -> None:
    # A comment or a script could hide a tag from a plain scan: the digest then covers
    # the whole page, so a change anywhere counts (more indexing, never a stale index).
    tricky = page(summary=f"A minister.{hidden}")
    assert search_digest(tricky.replace("Home", "Start")) != search_digest(tricky)


def test_pages_are_split_by_folder_and_keep_their_shard() -> None:
    found = {f"cards/c{i}.html": bytes([i % 256]) * 16 for i in range(600)}
    found |= {f"articles/a{i}.html": b"a" * 16 for i in range(900)}
    shards = plan_shards(found)
    members = sorted(len(m) for m in shards.values())
    assert len(shards) == 1 + 4  # 900 articles in one shard; 600 cards in 4 (of 250 at most)
    assert members[-1] == 900 and sum(members) == 1500
    assert all(len({p.split("/")[0] for p in m}) == 1 for m in shards.values())
    # One page reads differently: only its shard gets a new folder.
    changed = plan_shards(found | {"cards/c7.html": b"x" * 16})
    assert len(set(changed) - set(shards)) == 1
    moved = next(f for f in changed if f not in shards)
    assert "cards/c7.html" in changed[moved]


@pytest.fixture
def real_pagefind() -> None:
    if pagefind.pagefind_binary() is None:
        pytest.fail("Pagefind is not installed (pip install -e '.[test]')")


def bundles(out: Path) -> dict[str, int]:
    """Each shard folder of the built site, with the inode of its entry file."""
    shards = json.loads((out / "static" / "site-index.js").read_text("utf-8")
                        .removeprefix("window.explainerIndex=").rstrip(";\n"))["pagefind"]
    return {shard: (out / shard / "pagefind-entry.json").stat().st_ino for shard in shards}


def test_an_edit_indexes_only_the_shard_whose_pages_read_differently(
        real_pagefind: None, tmp_path: Path) -> None:
    project = copy_project(SITES / "summit", tmp_path / "p")
    out = build(Options(project)).output
    first = bundles(out)
    assert len(first) == 2  # the articles' shard and the cards'

    build(Options(project))  # nothing changed: both kept, not indexed again
    assert bundles(out) == first

    card = project / "content" / "cards" / "people" / "keir-starmer.yaml"
    card.write_text(card.read_text("utf-8").replace(
        "since July 2024.", "since 5 July 2024."), encoding="utf-8")
    build(Options(project))
    after = bundles(out)
    kept = set(after) & set(first)
    assert len(kept) == 1 and after[next(iter(kept))] == first[next(iter(kept))]
    [new] = set(after) - set(first)
    entry = json.loads((out / new / "pagefind-entry.json").read_text("utf-8"))
    assert sum(v["page_count"] for v in entry["languages"].values()) == len(
        list(out.glob("cards/*.html")))  # the cards' shard was the one made again
    assert not list(out.glob("pagefind/*/*-ui.js"))
    assert {p.name for p in (out / "pagefind").iterdir()} == {s.split("/")[1] for s in after}
