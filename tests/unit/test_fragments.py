"""templates.Fragments keeps what macros drew only where that cannot change the page."""

from __future__ import annotations

import jinja2
import pytest

from generator.engine.fingerprints import Fragments
from generator.render.pages import fragment

TEMPLATES = {
    "_m.html": "{% macro item(x) %}<{{ x.name }}{{ count() }}>{% endmacro %}",
    "plain.html": '{% import "_m.html" as m %}{% for x in xs %}{{ fragment(m.item, x) }}'
                  "{% endfor %}",
    "with.html": '{% import "_m2.html" as m with context %}{% for x in xs %}'
                 "{{ fragment(m.item, x) }}{% endfor %}",
    "_m2.html": "{% macro item(x) %}<{{ x.name }} on {{ page.title }}>{% endmacro %}",
    "own.html": "{% macro item(x) %}<{{ x.name }} on {{ page.title }}>{% endmacro %}"
                "{% for x in xs %}{{ fragment(item, x) }}{% endfor %}",
}


@pytest.fixture
def env() -> jinja2.Environment:
    environment = jinja2.sandbox.ImmutableSandboxedEnvironment(
        loader=jinja2.DictLoader(TEMPLATES), undefined=jinja2.StrictUndefined)
    calls = []
    environment.globals["count"] = lambda: calls.append(1) or ""
    environment.globals["calls"] = calls
    return environment


PAGES: list[dict[str, str]] = []  # kept, as a build keeps its pages: ids are not reused


def render(env: jinja2.Environment, name: str, draw: object, title: str,
           xs: list[dict[str, str]]) -> str:
    PAGES.append({"title": title})
    return env.get_template(name).render(fragment=draw, page=PAGES[-1], xs=xs)


def test_macros_of_an_imported_template_are_drawn_once_per_value(env: jinja2.Environment) -> None:
    draw = Fragments()
    a, b = {"name": "a"}, {"name": "b"}
    assert render(env, "plain.html", draw, "one", [a, b]) == "<a><b>"
    assert len(env.globals["calls"]) == 2  # the macro is not yet known to outlive a page
    assert render(env, "plain.html", draw, "two", [a, b, {"name": "a"}]) == "<a><b><a>"
    assert len(env.globals["calls"]) == 5  # kept from now on: a, b, and an equal new dict
    assert render(env, "plain.html", draw, "three", [b, a, b]) == "<b><a><b>"
    assert len(env.globals["calls"]) == 5
    assert render(env, "plain.html", fragment, "four", [a, b]) == "<a><b>"  # the plain one


@pytest.mark.parametrize("name", ["with.html", "own.html"])
def test_macros_that_can_read_the_page_are_drawn_every_time(env: jinja2.Environment,
                                                           name: str) -> None:
    draw = Fragments()
    a = {"name": "a"}
    for title in ("one", "two", "three"):
        assert render(env, name, draw, title, [a, a]) == f"<a on {title}><a on {title}>"


def test_only_macros_are_drawn(env: jinja2.Environment) -> None:
    template = env.from_string("{{ fragment(xs.copy) }}")
    for draw in (Fragments(), fragment):
        with pytest.raises(TypeError, match="draws a macro"):
            template.render(fragment=draw, page={}, xs={})
