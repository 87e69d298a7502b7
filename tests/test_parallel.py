"""A large build on two processes gives the same output and errors as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synth import generate
from generator.build import Options, build
from generator.engine.parallel import workers
from generator.errors import BuildFailed
from tests.conftest import write_files


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("generator.render.pagefind.pagefind_binary", lambda: None)
    made = generate(tmp_path / "p", articles=30, cards=25)
    with (made / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write("per_page: 7\n")
    return made


@pytest.mark.skipif(workers() < 2, reason="needs fork and two cores")
def test_two_processes_write_what_one_does(project: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    one = build(Options(project, output=tmp_path / "one"))
    monkeypatch.setattr("generator.engine.parallel.PARALLEL_PAGES", 1)
    two = build(Options(project, output=tmp_path / "two",
                        progress=lambda done, total: seen.append((done, total))))
    assert one.pages == two.pages > 60
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert seen[-1] == (two.pages, two.pages)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.skipif(workers() < 2, reason="needs fork and two cores")
def test_two_processes_report_a_template_error_once(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(project, {"templates/article.html": '{% extends "base.html" %}\n'
                                                   "{% block main %}{{ nope.x }}{% endblock %}\n"})
    with pytest.raises(BuildFailed) as single:
        build(Options(project))
    monkeypatch.setattr("generator.engine.parallel.PARALLEL_PAGES", 1)
    with pytest.raises(BuildFailed) as forked:
        build(Options(project))
    assert forked.value.diagnostics == single.value.diagnostics
    assert len(forked.value.diagnostics) == 1


@pytest.mark.skipif(workers() < 2, reason="needs fork and two cores")
def test_two_processes_keep_what_the_cache_needs(project: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.engine.parallel.PARALLEL_PAGES", 1)
    out = tmp_path / "two"
    build(Options(project, output=out))
    card = sorted(project.glob("content/cards/**/*.yaml"))[0]
    card.write_text(card.read_text(encoding="utf-8").replace("summary: ", "summary: Edited ", 1),
                    encoding="utf-8")
    edited = build(Options(project, output=out))
    assert 0 < edited.rendered < edited.pages / 2  # the child's pages recorded what they read
    build(Options(project, output=tmp_path / "cold", cache=False))
    assert tree(out) == tree(tmp_path / "cold")


@pytest.mark.skipif(workers() < 2, reason="needs fork and two cores")
def test_two_processes_draw_the_share_cards_and_count_them(project: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setattr("generator.engine.parallel.PARALLEL_PAGES", 1)
    made = build(Options(project, output=tmp_path / "two", cache=False))
    drawn = list((tmp_path / "two" / "share").rglob("*.png"))
    assert made.share_cards == len(drawn) == 30 + 25  # half of them drawn by the child
    assert set(made.written) >= {p.relative_to(tmp_path / "two").as_posix() for p in drawn}
