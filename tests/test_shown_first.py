"""The preview writes the pages being looked at before the rest, and takes them back on failure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.engine.live import BuildState
from generator.errors import BuildFailed
from generator.urls import SITE_INDEX
from tests.conftest import SITES, copy_project, write_files
from tests.test_incremental import CARD, tree

THEME = Path(__file__).resolve().parent.parent / "generator" / "theme" / "templates"
CARD_PAGE = "cards/francois-mitterrand.html"
ARTICLE_PAGE = "articles/tunnel-opening.html"  # shows the card's summary in its sidebar


@pytest.fixture(autouse=True)
def _no_pagefind(monkeypatch: pytest.MonkeyPatch) -> None:
    # The preview leaves Pagefind out; so does the reference build.
    monkeypatch.setattr("generator.render.pagefind.pagefind_binary", lambda: None)


def _state(tmp_path: Path, files: dict[str, str] | None = None) -> tuple[Path, BuildState]:
    project = copy_project(SITES / "tunnel", tmp_path / "project")
    write_files(project, files or {})
    state = BuildState(Options(project), tmp_path / "preview")
    state.rebuild()
    return project, state


def _edit(project: Path, old: str, new: str) -> Path:
    path = project / CARD
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _early(state: BuildState, seen: list[tuple[list[str], str, str]],
           ) -> Callable[[list[str]], None]:
    def early(paths: list[str]) -> None:  # what the output holds when the browser is told
        seen.append((paths, (state.out / CARD_PAGE).read_text(encoding="utf-8"),
                     (state.out / ARTICLE_PAGE).read_text(encoding="utf-8")))
    return early


def test_the_page_looked_at_is_written_first_and_the_site_ends_as_a_full_build(
        tmp_path: Path) -> None:
    project, state = _state(tmp_path)
    path = _edit(project, "President of France from", "Head of the French state from")
    seen: list[tuple[list[str], str, str]] = []
    result = state.rebuild([path], first=[CARD_PAGE, "no-such-page.html"],
                           early=_early(state, seen))
    [(paths, card, article)] = seen
    # The page and the site index its search reads (which has the new summary).
    assert paths == [CARD_PAGE, SITE_INDEX] and result.shown == (CARD_PAGE, SITE_INDEX)
    assert "Head of the French state" in card and "Head of the French state" not in article
    assert {CARD_PAGE, ARTICLE_PAGE} <= set(result.written)
    build(Options(project, output=tmp_path / "full"))
    assert tree(state.out) == tree(tmp_path / "full")


def test_a_page_that_did_not_change_is_not_written_first(tmp_path: Path) -> None:
    project, state = _state(tmp_path)
    path = _edit(project, "President of France from", "Head of the French state from")
    seen: list[tuple[list[str], str, str]] = []
    result = state.rebuild([path], first=["cards/calais.html"], early=_early(state, seen))
    assert seen == [] and result.shown == ()
    assert CARD_PAGE in result.written


def test_a_template_edit_shows_the_page_looked_at_first(tmp_path: Path) -> None:
    project, state = _state(tmp_path)
    card_html = (THEME / "card.html").read_text(encoding="utf-8")
    write_files(project, {"templates/card.html": card_html.replace("<h1", '<h1 data-x="1"', 1)})
    seen: list[tuple[list[str], str, str]] = []
    result = state.rebuild([project / "templates" / "card.html"],
                           first=[CARD_PAGE, ARTICLE_PAGE], early=_early(state, seen))
    [(paths, card, _)] = seen
    assert paths == [CARD_PAGE] and 'data-x="1"' in card  # the article's page is the same
    assert result.shown == (CARD_PAGE,) and "cards/calais.html" in result.written
    build(Options(project, output=tmp_path / "full"))
    assert tree(state.out) == tree(tmp_path / "full")


def test_when_another_page_fails_the_page_written_first_is_put_back(tmp_path: Path) -> None:
    # An article template that fails on a card summary saying BOOM: the card's own page
    # renders, the article that shows the summary does not.
    article_html = (THEME / "article.html").read_text(encoding="utf-8").replace(
        "{% block main %}", "{% block main %}{% for group in card_groups %}"
        "{% for card in group.cards %}{% if 'BOOM' in card.summary %}{{ card.no_such_field }}"
        "{% endif %}{% endfor %}{% endfor %}", 1)
    project, state = _state(tmp_path, {"templates/article.html": article_html})
    good = tree(state.out)
    path = _edit(project, "President of France from", "BOOM from")
    seen: list[tuple[list[str], str, str]] = []
    with pytest.raises(BuildFailed) as failed:
        state.rebuild([path], first=[CARD_PAGE], early=_early(state, seen))
    assert any("no_such_field" in d.message for d in failed.value.diagnostics)
    [(paths, card, _)] = seen
    assert paths == [CARD_PAGE, SITE_INDEX] and "BOOM from" in card  # written, taken back
    assert tree(state.out) == good
    path = _edit(project, "BOOM from", "Leader of France from")  # fixed: all of it comes
    result = state.rebuild([path], first=[CARD_PAGE], early=_early(state, seen))
    assert result.shown == (CARD_PAGE, SITE_INDEX)
    build(Options(project, output=tmp_path / "full"))
    assert tree(state.out) == tree(tmp_path / "full")
