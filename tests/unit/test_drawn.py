"""What macros drew is kept by the environment, only where that cannot change the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest
from markupsafe import Markup

from generator.project import Project
from generator.render.drawn import Piece, keyed
from generator.render.pages import Page
from generator.render.templates import Renderer, _Environment

TEMPLATES = {
    "_m.html": "{% macro item(x, tag='i') %}<{{ tag }} {{ x.name }}{{ count() }}>{% endmacro %}"
               "{% macro wrap() %}[{{ caller() }}{{ count() }}]{% endmacro %}",
    "plain.html": '{% import "_m.html" as m %}{% for x in xs %}{{ m.item(x) }}{% endfor %}',
    "older.html": '{% import "_m.html" as m %}{% for x in xs %}{{ fragment(m.item, x) }}'
                  "{% endfor %}",
    "tags.html": '{% import "_m.html" as m %}{% for x in xs %}{{ m.item(card, tag=x) }}'
                 "{% endfor %}",
    "call.html": '{% import "_m.html" as m %}{% for x in xs %}{% call m.wrap() %}{{ x.name }}'
                 "{% endcall %}{% endfor %}",
    "with.html": '{% import "_m2.html" as m with context %}{% for x in xs %}{{ m.item(x) }}'
                 "{% endfor %}",
    "_m2.html": "{% macro item(x) %}<{{ x.name }} on {{ page.title }}{{ count() }}>{% endmacro %}",
    "own.html": "{% macro item(x) %}<{{ x.name }} on {{ page.title }}{{ count() }}>{% endmacro %}"
                "{% for x in xs %}{{ item(x) }}{% endfor %}",
}


class Site:
    """A renderer over the templates above, counting how often a macro body ran."""

    def __init__(self, root: Path) -> None:
        self.env = _Environment(loader=jinja2.DictLoader(TEMPLATES),
                                undefined=jinja2.StrictUndefined, autoescape=True)
        self.calls: list[int] = []
        self.env.globals["count"] = lambda: self.calls.append(1) or ""
        self.renderer = Renderer(Project(root), self.env)

    def render(self, template: str, title: str, xs: list[Any], **more: Any) -> str | None:
        page = Page(f"{title}.html", template, {"page": {"title": title}, "xs": xs, **more})
        return self.renderer.render(page)


def card(card_id: str, name: str) -> Piece:
    return Piece("card ref", (card_id, "articles"), {"name": name})


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


@pytest.mark.parametrize("template", ["plain.html", "older.html"])
def test_a_macro_of_an_imported_template_is_drawn_once_per_piece(site: Site,
                                                                 template: str) -> None:
    a, b = card("a", "A"), card("b", "B")
    assert site.render(template, "one", [a, b]) == "<i A><i B>"
    assert len(site.calls) == 2  # the macro is not yet known to outlive a page
    assert site.render(template, "two", [a, b, card("a", "A")]) == "<i A><i B><i A>"
    assert len(site.calls) == 4  # kept from now on; an equal piece is the same piece
    assert site.render(template, "three", [b, a, b]) == "<i B><i A><i B>"
    assert len(site.calls) == 4
    assert site.renderer.diags == []


def test_a_piece_made_again_with_other_values_is_drawn_again(site: Site) -> None:
    for title in ("one", "two"):
        site.render("plain.html", title, [card("a", "A")])
    assert site.render("plain.html", "three", [card("a", "Ann")]) == "<i Ann>"
    assert site.render("plain.html", "four", [card("a", "Ann"), card("a", "A")]) == (
        "<i Ann><i A>")
    assert len(site.calls) == 4


@pytest.mark.parametrize("template", ["with.html", "own.html"])
def test_macros_that_can_read_the_page_are_drawn_every_time(site: Site, template: str) -> None:
    a = card("a", "A")
    for title in ("one", "two", "three"):
        assert site.render(template, title, [a, a]) == f"<A on {title}><A on {title}>"
    assert len(site.calls) == 6


def test_only_pieces_and_plain_values_are_kept(site: Site) -> None:
    plain = {"name": "A"}  # a dict made on the page: it has no key
    for title in ("one", "two", "three"):
        site.render("plain.html", title, [plain])
    assert len(site.calls) == 3
    a = card("a", "A")
    marked = [Markup("<b>"), "<b>", Markup("<b>"), "<b>"]  # equal as strings, drawn apart
    for title in ("four", "five"):
        assert site.render("tags.html", title, marked, card=a) == (
            "<<b> A><&lt;b&gt; A><<b> A><&lt;b&gt; A>")
    assert len(site.calls) == 3 + 4 + 2  # all four on the first page, then one of each kind


def test_a_call_block_is_drawn_every_time(site: Site) -> None:
    for title in ("one", "two"):
        assert site.render("call.html", title, [card("a", "A"), card("b", "B")]) == "[A][B]"
    assert len(site.calls) == 4


def test_fragment_draws_only_macros(site: Site) -> None:
    site.env.loader = jinja2.DictLoader({**TEMPLATES, "bad.html": "{{ fragment(xs.copy) }}"})
    assert site.render("bad.html", "one", []) is None
    assert "draws a macro" in site.renderer.diags[0].message


def test_a_keyed_query_makes_its_dicts_pieces() -> None:
    def query(graph: object, card_id: str, folder: str) -> Any:
        return {"id": card_id} if folder else [card_id]

    made = keyed("card ref", query)(None, "a", "articles")
    assert type(made) is Piece and made == {"id": "a"}
    assert made._key == ("card ref", "a", "articles")
    assert keyed("card ref", query)(None, "a", "") == ["a"]
