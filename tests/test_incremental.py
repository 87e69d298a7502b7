"""Incremental rebuilds give the same bytes as a full build, and redo only what changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.engine.live import BuildState, Rebuilt
from generator.errors import BuildFailed
from generator.render.listings import LISTING_PIECES
from generator.render.pieces import PIECES
from generator.render.portraits import SHARE_QUERIES
from generator.resolve import site as resolve_site
from tests.conftest import SITES, copy_project, write_files

CARD = "content/cards/people/francois-mitterrand.yaml"
ARTICLE = "content/articles/tunnel-opening.yaml"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


class Session:
    """A project with a BuildState, checked against a full build after every step."""

    def __init__(self, tmp_path: Path) -> None:
        self.project = copy_project(SITES / "tunnel", tmp_path / "project")
        self.out = tmp_path / "preview"
        self.full = tmp_path / "full"
        self.state = BuildState(Options(self.project), self.out)
        self.state.rebuild()

    def edit(self, name: str, change: Callable[[str], str] | str | None) -> Rebuilt:
        """Change, write or (None) delete a file, rebuild incrementally, compare."""
        path = self.project / name
        if change is None:
            path.unlink()
        else:
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            write_files(self.project, {name: change if isinstance(change, str) else change(old)})
        result = self.state.rebuild([path])
        build(Options(self.project, output=self.full))
        assert tree(self.out) == tree(self.full)
        return result


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Session:
    # The preview leaves Pagefind out (too slow for every save); so does the reference build.
    monkeypatch.setattr("generator.render.pagefind.pagefind_binary", lambda: None)
    return Session(tmp_path)


def test_first_rebuild_equals_full_build_and_nothing_is_redone(session: Session) -> None:
    build(Options(session.project, output=session.full))
    assert tree(session.out) == tree(session.full)
    again = session.state.rebuild([])
    assert (again.rendered, again.written, again.removed) == (0, (), ())


def test_card_summary_edit_renders_only_pages_that_show_it(session: Session) -> None:
    result = session.edit(CARD, lambda t: t.replace("President of France", "Head of France"))
    assert "cards/francois-mitterrand.html" in result.written
    assert "articles/tunnel-opening.html" in result.written  # shows the summary
    assert "people.html" in result.written
    assert "cards/calais.html" not in result.written
    assert result.rendered < result.pages


def test_card_body_edit_renders_one_page(session: Session) -> None:
    result = session.edit(CARD, lambda t: t + "body: He opened the tunnel.\n")
    assert result.written == ("cards/francois-mitterrand.html",)
    assert result.rendered == 1


def test_add_and_remove_card(session: Session) -> None:
    card = ("type: place\nname: Coquelles\nsummary: A village near Calais.\n"
            "as_of: 2024-01-01\nsources:\n  - publisher: Test\n    title: Atlas\n")
    result = session.edit("content/cards/places/coquelles.yaml", card)
    assert "cards/coquelles.html" in result.written
    result = session.edit("content/cards/places/coquelles.yaml", None)
    page, share = result.removed  # the card's page, and its share card
    assert page == "cards/coquelles.html"
    assert share.startswith("share/cards/coquelles-") and share.endswith(".png")


def test_new_alias_relinks_the_articles(session: Session) -> None:
    article = session.out / "articles" / "tunnel-opening.html"
    assert 'data-card="folkestone">Kent</a>' not in article.read_text(encoding="utf-8")
    result = session.edit("content/cards/places/folkestone.yaml",
                          lambda t: t.replace("name: Folkestone",
                                              "name: Folkestone\naliases: [Kent]"))
    assert "articles/tunnel-opening.html" in result.written
    assert 'data-card="folkestone">Kent</a>' in article.read_text(encoding="utf-8")


def test_article_and_seed_edits(session: Session) -> None:
    result = session.edit(ARTICLE, lambda t: t.replace("The Channel Tunnel opens",
                                                       "The tunnel opens"))
    assert {"index.html", "articles/tunnel-opening.html"} <= set(result.written)
    session.edit("seeds/tunnel.md", lambda t: t.replace("Folkestone", "Folkestone, Kent", 1))
    write_files(session.project, {"seeds/second.md": "Calais again.\n"})
    session.edit("content/articles/second.yaml", "title: Second\ndek: More.\n"
                 "date: 1994-05-07\nseed: second.md\n")
    result = session.edit("content/articles/second.yaml", lambda t: t.replace("Second", "Two"))
    assert "articles/second.html" in result.written  # an article that quotes nobody


def test_template_edits_rerender_the_pages_that_use_them(session: Session) -> None:
    theme = Path(__file__).resolve().parent.parent / "generator" / "theme" / "templates"
    card_html = (theme / "card.html").read_text(encoding="utf-8")
    result = session.edit("templates/card.html", card_html.replace("<h1", "<h1 data-x=\"1\"", 1))
    assert result.written and all(p.startswith("cards/") for p in result.written)
    macros = (theme / "_macros.html").read_text(encoding="utf-8")
    result = session.edit("templates/_macros.html", macros.replace("card-item", "card-entry"))
    assert "articles/tunnel-opening.html" in result.written  # imports the macros
    session.edit("templates/card.html", None)  # back to the theme's


def test_catalogue_and_language_edits_rerender_every_page(session: Session) -> None:
    result = session.edit("translations/en.po", 'msgid "Mentioned in"\nmsgstr "In the news"\n')
    assert result.rendered >= result.pages - 2  # all but robots.txt and the sitemap
    card = (session.out / "cards/francois-mitterrand.html").read_text(encoding="utf-8")
    assert ">In the news</h2>" in card
    result = session.edit("translations/en.po", 'msgid "Mentioned in"\nmsgstr "Named in"\n')
    assert result.written
    session.edit("site.yaml", lambda t: t.replace("language: en", "language: fr"))
    card = (session.out / "cards/francois-mitterrand.html").read_text(encoding="utf-8")
    assert ">Apparaît dans</h2>" in card
    session.edit("translations/fr.po", 'msgid "Mentioned in"\nmsgstr "Cité dans"\n')
    session.edit("translations/fr.po", None)  # back to the theme's French
    assert ">Apparaît dans</h2>" in (session.out / "cards/francois-mitterrand.html").read_text(
        encoding="utf-8")


def test_site_yaml_and_static_edits(session: Session) -> None:
    result = session.edit("site.yaml", lambda t: t.replace("title: ", "title: New ", 1))
    assert result.rendered >= result.pages - 2  # all but robots.txt and the sitemap
    result = session.edit("static/extra.css", "p { color: red }\n")
    assert result.written == ("static/extra.css",)


def test_broken_edit_keeps_the_last_site_then_recovers(session: Session) -> None:
    good = tree(session.out)
    path = session.project / CARD
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("country: france", "country: frnace"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        session.state.rebuild([path])
    assert any("frnace" in d.message for d in failed.value.diagnostics)
    assert tree(session.out) == good
    session.edit(CARD, lambda t: t.replace("frnace", "france").replace(
        "President of France", "Leader of France"))


def test_rebuild_without_hints_checks_every_file(session: Session) -> None:
    path = session.project / CARD
    path.write_text(path.read_text(encoding="utf-8").replace("President of France",
                                                             "Président"), encoding="utf-8")
    result = session.state.rebuild(None)
    assert "cards/francois-mitterrand.html" in result.written


def test_an_article_edit_relinks_that_article_only(session: Session,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.resolve.site as resolve

    write_files(session.project, {"seeds/second.md": "Mitterrand and Calais again.\n"})
    session.edit("content/articles/second.yaml", "title: Second\ndek: More.\n"
                 "date: 1994-05-07\nseed: second.md\n")
    linked: list[str] = []
    original = resolve._link_article

    def counting(article, *args):  # type: ignore[no-untyped-def]
        linked.append(article.id)
        return original(article, *args)

    monkeypatch.setattr(resolve, "_link_article", counting)
    card = session.project / CARD
    for body in ("A body.", "Another body."):  # rebuilds that reuse every linked article
        card.write_text(card.read_text(encoding="utf-8") + f"body: {body}\n", encoding="utf-8")
        session.state.rebuild([card])
        card.write_text(card.read_text(encoding="utf-8").replace(f"body: {body}\n", ""),
                        encoding="utf-8")
    assert linked == []
    second = session.project / "content" / "articles" / "second.yaml"
    second.write_text(second.read_text(encoding="utf-8").replace("Second", "Two"),
                      encoding="utf-8")
    session.state.rebuild([second, card])
    assert linked == ["second"]


def _synthetic(tmp_path: Path) -> Path:
    from bench.synth import generate

    project = generate(tmp_path / "p", articles=16, cards=15, quotes=1)
    with (project / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write("per_page: 3\n")  # many numbered pages: A to Z, mentions, timeline
    return project


def _set(key: str, value: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        lines = text.splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.startswith(key + ":"))
        end = at + 1
        while end < len(lines) and lines[end].startswith((" ", "\t")):
            end += 1
        lines[at:end] = [f"{key}: {value}\n"]
        return "".join(lines)
    return change


def test_edits_on_a_site_of_many_listing_pages_match_a_full_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.render.pagefind.pagefind_binary", lambda: None)
    project = _synthetic(tmp_path)
    session = Session.__new__(Session)
    session.project, session.out, session.full = project, tmp_path / "preview", tmp_path / "full"
    session.state = BuildState(Options(project), session.out)
    session.state.rebuild()
    cards = sorted(p.relative_to(project).as_posix()
                   for p in (project / "content" / "cards").rglob("*.yaml"))
    articles = sorted(p.relative_to(project).as_posix()
                      for p in (project / "content" / "articles").glob("*.yaml"))
    event = next(c for c in cards if "/events/" in c)
    theme = Path(__file__).resolve().parent.parent / "generator" / "theme" / "templates"
    base = (theme / "base.html").read_text(encoding="utf-8")

    result = session.edit(cards[3], _set("summary", "A new summary naming nobody."))
    assert any(p.startswith("articles/") for p in result.written)  # their sidebars
    assert "sitemap.xml" not in result.written  # no page's address or date changed
    session.edit(cards[4], _set("name", "Aaron Aardvark"))  # to the front of A to Z
    session.edit(event, _set("date", "2031-05-01"))  # to the end of the timeline
    session.edit(cards[5], _set("as_of", "2030-01-01"))  # the sitemap's date of its page
    session.edit(articles[7], _set("title", "Aardvark headline"))  # A to Z pages shift
    session.edit(articles[8], _set("title", "Zz last headline"))
    session.edit(articles[9], _set("date", "2030-06-01"))  # newest: every home page shifts
    session.edit(articles[10], None)  # gone: its page and listing entries go
    card = ("type: place\nname: Aaa Village\nsummary: A village.\nas_of: 2024-01-01\n"
            "sources:\n  - publisher: Test\n    title: Atlas\n")
    session.edit("content/cards/places/aaa-village.yaml", card)  # A to Z shifts, pages added
    session.edit("content/cards/places/aaa-village.yaml", None)
    session.edit("static/extra.css", "p { color: red }\n")
    session.edit("static/extra.css", None)
    session.edit("templates/base.html", base.replace("<body", "<body data-x", 1))
    # A broken template fails the build; a card edit while it is broken fails too, and
    # when the template is fixed, the pages drawn with it are drawn again.
    broken = project / "templates" / "base.html"
    broken.write_text(base.replace("{% block main %}", "{% block main %}{{ nope(", 1),
                      encoding="utf-8")
    with pytest.raises(BuildFailed):
        session.state.rebuild([broken])
    with pytest.raises(BuildFailed):
        session.state.rebuild([project / cards[7]])
    result = session.edit("templates/base.html", base)
    assert len(result.written) > len(cards) + len(articles)


def test_two_pages_at_one_path_are_an_error_in_a_live_rebuild(
        base_project: Path, tmp_path: Path) -> None:
    files = {"site.yaml": "title: T\ndescription: D\nbase_url: https://x.org/\nper_page: 5\n"}
    for n in range(12):  # enough articles for a card's mentions to get numbered pages
        files[f"seeds/s{n}.txt"] = "Alice Example met Bob Example and Alice Two.\n"
        files[f"content/articles/s{n}.yaml"] = (f"title: S{n}\ndek: D.\ndate: 2024-05-{n + 1:02}\n"
                                                f"seed: s{n}.txt\n")
    write_files(base_project, files)
    state = BuildState(Options(base_project), tmp_path / "preview")
    state.rebuild()
    card = base_project / "content" / "cards" / "alice-2.yaml"
    write_files(base_project, {"content/cards/alice-2.yaml": (
        "type: person\nname: Alice Two\nsummary: x\nas_of: 2024-03-01\n"
        "sources: [{article: s1}]\n")})
    with pytest.raises(BuildFailed) as failed:
        state.rebuild([card])
    assert "output-collision" in [d.code for d in failed.value.diagnostics]
    card.unlink()
    state.rebuild([card])


def test_a_template_imported_by_the_macros_is_seen_when_it_changes(session: Session) -> None:
    theme = Path(__file__).resolve().parent.parent / "generator" / "theme" / "templates"
    macros = (theme / "_macros.html").read_text(encoding="utf-8")
    write_files(session.project, {"templates/bits.html": "{% macro mark() %}[a]{% endmacro %}\n"})
    session.edit("templates/_macros.html", '{% from "bits.html" import mark %}\n' + macros.replace(
        '<a href="{{ card.url }}">{{ card.name }}</a>', '{{ mark() }}<a href="{{ card.url }}">'
        '{{ card.name }}</a>', 1))
    page = session.out / "articles" / "tunnel-opening.html"
    assert "[a]<a href" in page.read_text(encoding="utf-8")
    result = session.edit("templates/bits.html", "{% macro mark() %}[b]{% endmacro %}\n")
    assert "articles/tunnel-opening.html" in result.written
    assert "[b]<a href" in page.read_text(encoding="utf-8")


def test_a_summary_edit_redoes_nothing_that_goes_through_every_card(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """What goes through every card (the matcher's names, related cards, role dates, the
    A to Z, share cards) or shows cards without their text (an article's who's who) reads
    their outlines: a live rebuild after a summary edit runs none of it again."""
    ran: Counter[str] = Counter()
    tables: list[dict[str, Callable[..., object]]] = [resolve_site.QUERIES, PIECES,
                                                      LISTING_PIECES, SHARE_QUERIES]
    watched = ("names", "related map", "role aliases", "role dates", "figures",
               "a to z cards", "share cards")
    for table in tables:
        for name in watched:
            if name in table:
                def counted(*args: object, name: str = name,
                            query: Callable[..., object] = table[name]) -> object:
                    ran[name] += 1
                    return query(*args)
                monkeypatch.setitem(table, name, counted)
    card = session.project / CARD
    card.write_text(card.read_text(encoding="utf-8").replace(
        "summary: President of France", "summary: Head of France"), encoding="utf-8")
    result = session.state.rebuild([card])
    assert "articles/tunnel-opening.html" in result.written  # it shows the summary
    assert ran == Counter()
    card.write_text(card.read_text(encoding="utf-8").replace("name: ", "name: President ", 1),
                    encoding="utf-8")
    session.state.rebuild([card])  # a new name: all of it runs again, once
    assert ran["names"] == ran["a to z cards"] == ran["share cards"] == 1 and ran["figures"]
    build(Options(session.project, output=session.full))
    assert tree(session.out) == tree(session.full)


def test_a_card_edit_goes_through_no_article(session: Session,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The articles as loaded are kept whole while only cards change; any other file (an
    article, a seed, the settings) makes the rebuild go through them again."""
    looked_at: list[Path] = []
    load = session.state.sources.load_article

    def counted(project: object, path: Path, *args: object) -> object:
        looked_at.append(path)
        return load(project, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(session.state.sources, "load_article", counted)
    session.edit(CARD, lambda t: t.replace("President of France", "Head of France"))
    assert looked_at == []
    session.edit(ARTICLE, lambda t: t.replace("The Channel Tunnel opens", "The tunnel opens"))
    assert session.project / ARTICLE in looked_at
    looked_at.clear()
    session.edit("site.yaml", lambda t: t.replace("title: ", "title: New ", 1))
    assert looked_at
