"""The site as built today, frozen: cold builds give the frozen manifests, and cached and
live rebuilds after each kind of edit give what a cold build of the edited project gives.

The manifests are in tests/golden/ (see refresh.py there for when one may be refreshed).
tests/test_cache.py and tests/test_incremental.py compare cached and live rebuilds with
cold builds on the small test sites; here the same comparison runs on the seed site and
on the 1,000-article synthetic site, with the edit kinds they leave out (an article
removed, an article's date and topics); the seed site gets every kind of edit, the
synthetic one a card summary and a removed article, then each undone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import generator
from generator.build import Options, build
from generator.render import pagefind
from tests.golden.refresh import (
    NAMES,
    WITH_PAGEFIND,
    cold_manifest,
    load,
    make_project,
    no_pagefind,
    pagefind_manifest,
)
from tests.hardening.conftest import manifest

Rebuild = Callable[[Collection[Path]], object]
THEME = Path(generator.__file__).parent / "theme" / "templates"
REAL_PAGEFIND = pagefind.pagefind_binary


def live_preview(project: Path, out: Path) -> Rebuild:
    """Start the live-preview engine on ``project`` (a first full rebuild into ``out``)
    and return its rebuild: the one place that knows where that engine lives."""
    from generator.engine.live import BuildState

    state = BuildState(Options(project), out)
    state.rebuild()
    return state.rebuild


def differences(found: dict[str, str], expected: dict[str, str]) -> list[str]:
    """The paths whose bytes differ, with what happened to each."""
    return [f"{path}: " + ("missing" if path not in found else "extra" if path not in expected
                           else "changed")
            for path in sorted(found.keys() | expected.keys())
            if found.get(path) != expected.get(path)]


@pytest.fixture(autouse=True)
def _hide_pagefind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: None)


# -- the frozen manifests ----------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in NAMES if n != "synth"])
def test_a_cold_build_writes_the_frozen_site(name: str, tmp_path: Path) -> None:
    project = make_project(name, tmp_path / "project")
    assert differences(cold_manifest(project, tmp_path / "out"), load(name)) == []


def test_a_cold_build_with_pagefind_writes_the_frozen_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind, "pagefind_binary", REAL_PAGEFIND)
    if pagefind.pagefind_binary() is None:
        pytest.skip("Pagefind is not installed")
    project = make_project("seed", tmp_path / "project")
    assert differences(pagefind_manifest(project, tmp_path / "out"), load(WITH_PAGEFIND)) == []


# -- edits -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subject:
    """What the edits of one site touch: paths relative to the project."""

    card: str  # a person's card, named in the articles
    alias: str  # words in an article's text that link nothing yet
    article: str  # an article's metadata file
    removable: str  # an article no card cites (its seed text goes with it)
    date: str  # a date later than every article's


def edit_yaml(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    """Load a YAML file, change the mapping, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def card_name(project: Path, subject: Subject) -> str:
    name: str = yaml.safe_load((project / subject.card).read_text(encoding="utf-8"))["name"]
    return name


def seed_of(project: Path, article: str) -> Path:
    return project / "seeds" / yaml.safe_load(
        (project / article).read_text(encoding="utf-8"))["seed"]


EXTRA_CARD = "content/cards/concepts/golden-extra.yaml"
EXTRA_ARTICLE = "content/articles/golden-extra.yaml"


def add_card(project: Path, subject: Subject) -> list[Path]:
    path = project / EXTRA_CARD
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"type: concept\nname: Golden Extra Plan\naliases: [{subject.alias}]\n"
                    "summary: A plan named in the articles.\nas_of: 2024-06-01\n"
                    "sources:\n  - publisher: Test\n    title: Atlas\n", encoding="utf-8")
    return [path]


def add_article(project: Path, subject: Subject) -> list[Path]:
    meta, seed = project / EXTRA_ARTICLE, project / "seeds" / "golden-extra.txt"
    seed.write_text(f"{card_name(project, subject)} spoke again.\n\nNothing else was said.\n",
                    encoding="utf-8")
    meta.write_text(f"title: A golden extra report\ndek: One more.\ndate: {subject.date}\n"
                    "seed: golden-extra.txt\ntopics: [Golden]\n", encoding="utf-8")
    return [seed, meta]


def remove(project: Path, article: str) -> list[Path]:
    """Delete an article and its seed text."""
    paths = [seed_of(project, article), project / article]
    for path in paths:
        path.unlink()
    return paths


def summary(project: Path, subject: Subject) -> list[Path]:
    def change(data: dict[str, object]) -> None:
        data["summary"] = f"Edited. {data['summary']}"
    edit_yaml(project / subject.card, change)
    return [project / subject.card]


def name(project: Path, subject: Subject) -> list[Path]:
    def change(data: dict[str, object]) -> None:
        data["name"] = f"Aaron {data['name']}"  # to the front of the A to Z
    edit_yaml(project / subject.card, change)
    return [project / subject.card]


def alias(project: Path, subject: Subject) -> list[Path]:
    def change(data: dict[str, object]) -> None:
        aliases = data.setdefault("aliases", [])
        assert isinstance(aliases, list)
        aliases.append(subject.alias)
    edit_yaml(project / subject.card, change)
    return [project / subject.card]


def article_metadata(project: Path, subject: Subject) -> list[Path]:
    def change(data: dict[str, object]) -> None:
        data["title"] = f"Aardvark: {data['title']}"
        data["date"] = subject.date  # the newest: every listing by date shifts
        topics = data.setdefault("topics", [])
        assert isinstance(topics, list)
        topics.append("Golden")
    edit_yaml(project / subject.article, change)
    return [project / subject.article]


def seed_text(project: Path, subject: Subject) -> list[Path]:
    seed = seed_of(project, subject.article)
    seed.write_text(seed.read_text(encoding="utf-8").rstrip("\n")
                    + f"\n\nLater, {card_name(project, subject)} was named again.\n",
                    encoding="utf-8")
    return [seed]


def template(project: Path, subject: Subject) -> list[Path]:
    path = project / "templates" / "base.html"
    path.parent.mkdir(exist_ok=True)
    base = (THEME / "base.html").read_text(encoding="utf-8")
    assert "<body" in base
    path.write_text(base.replace("<body", '<body data-golden="1"', 1), encoding="utf-8")
    return [path]


def site_yaml(project: Path, subject: Subject) -> list[Path]:
    path = project / "site.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\ndescription: " in text
    path.write_text(text.replace("\ndescription: ", "\ndescription: Edited. ", 1),
                    encoding="utf-8")
    return [path]


Edit = Callable[[Path, Subject], list[Path]]


def remove_card(project: Path, subject: Subject) -> list[Path]:
    path = project / EXTRA_CARD
    path.unlink()
    return [path]


KINDS: dict[str, Edit] = {
    "card summary": summary,
    "card name": name,
    "card alias": alias,
    "add card": add_card,
    "remove card": remove_card,
    "article metadata": article_metadata,
    "seed text": seed_text,
    "add article": add_article,
    "remove article": lambda project, subject: remove(project, subject.removable),
    "template": template,
    "site.yaml": site_yaml,
}
# The seed site has one article, which its cards cite, and no card that nothing cites:
# what a removal takes out is first put in.
SEED_BEFORE: dict[str, Edit] = {"remove card": add_card, "remove article": add_article}
SEED = Subject(card="content/cards/people/emmanuel-macron.yaml", alias="logistical assistance",
               article="content/articles/paris-us-backstop.yaml", removable=EXTRA_ARTICLE,
               date="2025-02-20")


def check_edit(project: Path, cached: Path, live: Path, rebuild: Rebuild,
               changed: list[Path], reference: Path) -> None:
    """After an edit: a cached build and a live rebuild give what a cold build gives."""
    build(Options(project, output=cached))
    rebuild(changed)
    cold = cold_manifest(project, reference)
    assert {"cached": differences(manifest(cached), cold),
            "live": differences(manifest(live), cold)} == {"cached": [], "live": []}


@pytest.mark.parametrize("kind", list(KINDS))
def test_seed_site_cached_and_live_rebuilds_match_a_cold_build(kind: str,
                                                                tmp_path: Path) -> None:
    project = make_project("seed", tmp_path / "project")
    if kind in SEED_BEFORE:
        SEED_BEFORE[kind](project, SEED)
    cached, live = tmp_path / "cached", tmp_path / "live"
    build(Options(project, output=cached))
    rebuild = live_preview(project, live)
    if kind not in SEED_BEFORE:  # the seed site as it is: the frozen one
        assert differences(manifest(cached), load("seed")) == []
        assert differences(manifest(live), load("seed")) == []
    changed = KINDS[kind](project, SEED)
    check_edit(project, cached, live, rebuild, changed, tmp_path / "cold")


# -- the synthetic site: built once, each edit undone after its test ----------------------------


@dataclass(frozen=True, slots=True)
class Synthetic:
    """The 1,000-article project, its cold build's manifest, and a cached and a live build."""

    project: Path
    cold: dict[str, str]
    cached: Path
    live: Path
    rebuild: Rebuild
    subject: Subject


def uncited_article(project: Path) -> str:
    """The first article that no card names (as a source): one that can go."""
    cards = "".join(p.read_text(encoding="utf-8")
                    for p in sorted((project / "content" / "cards").rglob("*.yaml")))
    return next(p.relative_to(project).as_posix()
                for p in sorted((project / "content" / "articles").glob("*.yaml"))
                if p.stem not in cards)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Synthetic:
    root = tmp_path_factory.mktemp("synthetic")
    project = make_project("synth", root / "project")
    cold = cold_manifest(project, root / "cold")
    with no_pagefind():
        build(Options(project, output=root / "cached"))
        rebuild = live_preview(project, root / "live")
    person = sorted((project / "content" / "cards" / "people").glob("*.yaml"))[0]
    subject = Subject(card=person.relative_to(project).as_posix(), alias="officials",
                      article="content/articles/report-00007.yaml",
                      removable=uncited_article(project), date="2026-01-01")
    return Synthetic(project, cold, root / "cached", root / "live", rebuild, subject)


def test_the_synthetic_site_is_the_frozen_one(synthetic: Synthetic) -> None:
    """A cold build, and the first cached and live builds, write the frozen site."""
    frozen = load("synth")
    assert differences(synthetic.cold, frozen) == []
    assert differences(manifest(synthetic.cached), frozen) == []
    assert differences(manifest(synthetic.live), frozen) == []


def undo(project: Path, changed: list[Path], before: dict[Path, bytes | None]) -> None:
    """Put the changed files back as ``before`` holds them; remove those it does not
    hold, and the folders made for them."""
    for path in changed:
        data = before.get(path)
        if data is not None:
            path.write_bytes(data)
            continue
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != project and folder not in before and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def snapshot(project: Path) -> dict[Path, bytes | None]:
    """Every file of the project (but the build cache) with its bytes, every folder."""
    return {p: p.read_bytes() if p.is_file() else None for p in project.rglob("*")
            if ".explainer-cache" not in p.relative_to(project).parts}


# A cold build of this site takes 9-17 s on two busy cores, and a cached build after an
# article changes makes every page again (as long as a cold build), so it gets two edits:
# a card's summary (shown on many pages) and a removed article (every listing shifts).
# Each test checks its undo too, against the frozen manifest (no second cold build):
# undoing the removal adds the article back.
SYNTHETIC_KINDS = ["card summary", "remove article"]


@pytest.mark.parametrize("kind", SYNTHETIC_KINDS)
def test_synthetic_site_cached_and_live_rebuilds_match_a_cold_build(
        kind: str, synthetic: Synthetic, tmp_path: Path) -> None:
    """The edit against a cold build, then its undo against the frozen manifest."""
    site = synthetic
    before = snapshot(site.project)
    changed = KINDS[kind](site.project, site.subject)
    try:
        check_edit(site.project, site.cached, site.live, site.rebuild, changed,
                   tmp_path / "cold")
    finally:  # undo the edit for the next test, and bring both builds back
        undo(site.project, changed, before)
        assert snapshot(site.project) == before
        build(Options(site.project, output=site.cached))
        site.rebuild(changed)
    frozen = load("synth")
    assert {"cached": differences(manifest(site.cached), frozen),
            "live": differences(manifest(site.live), frozen)} == {"cached": [], "live": []}
