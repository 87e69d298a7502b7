"""A template's work for one page is bounded, in steps (the same limit on any machine), and
the error names the template and its line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.render.templates import MAX_WORK
from tests.hardening.conftest import put, run_build

pytestmark = pytest.mark.hostile

T = "templates/card.html"
HEAD = '{% extends "base.html" %}{% block main %}\n'
BUSY = (f"{T}:{{line}}: error[template]: template error: the template takes more than "
        f"{MAX_WORK:,} steps for one page (loop items, calls, lookups): a loop nested too deep?")
BIG = f"{T}:2: error[template]: template error: '{{op}}' would make a value of more than " \
      "{most}"

CASES = [
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
     BUSY.format(line=2)),
    ("{% for a in range(100000) %}\n{% for b in range(100000) %}{{ b }}{% endfor %}"
     "{% endfor %}", BUSY.format(line=3)),
    ("{% for a in range(100000) %}{% for b in range(1000) %}{{ card.name }}{% endfor %}"
     "{% endfor %}", BUSY.format(line=2)),
    ("{% macro f(n) %}{% for i in range(n) %}{{ f(n) }}{% endfor %}{% endmacro %}{{ f(10) }}",
     None),
    ("{{ 'x' * 10 ** 12 }}", BIG.format(op="*", most="10,000,000 items")),
    ("{{ [1, 2] * 100000000 }}", BIG.format(op="*", most="10,000,000 items")),
    ("{{ 10 ** 1000000 }}", BIG.format(op="**", most="100,000 bits")),
    ("{{ (10 ** 10) ** 10000 }}", BIG.format(op="**", most="100,000 bits")),
    ("{{ 99999999999999999999 * 'ab' }}", BIG.format(op="*", most="10,000,000 items")),
]


@pytest.mark.parametrize(("line", "expected"), CASES)
def test_busy_templates_stop_with_an_error(project: Path, capsys: pytest.CaptureFixture[str],
                                          line: str, expected: str | None) -> None:
    put(project, {T: HEAD + line + "\n{% endblock %}\n"})
    started = time.monotonic()
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    [reported] = outcome.reported
    if expected is None:  # endless recursion is caught first, or the steps run out
        assert reported.startswith(f"{T}:2: error[template]: template error: ")
    else:
        assert reported == expected
    assert "hint: while rendering cards/" in outcome.err
    assert time.monotonic() - started < 300  # bounded (generously: a busy, slow machine)


def test_ordinary_loops_are_fine(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {T: HEAD + "{% for a in range(1000) %}{% for b in range(100) %}{{ b }}"
                  "{% endfor %}{% endfor %}{{ range(5) | length }}{{ range(5)[2] }}"
                  "{{ range(3) | list }}{{ 2 ** 10 }}{{ 'ab' * 3 }}\n{% endblock %}\n"})
    outcome = run_build(project, capsys)
    assert outcome.status == 0, outcome.err
    html = (project / "public/cards/alice.html").read_text()
    assert "52[0, 1, 2]1024ababab" in html
