"""Hostile and broken templates: errors with template and line, no escape from the folders.

Templates may come from third parties: the sandbox keeps them from Python's
internals, and the loader from files outside the template folders, even
through symbolic links.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.conftest import put, run_build

pytestmark = pytest.mark.hostile

HEAD = '{% extends "base.html" %}{% block main %}\n'
T = "templates/card.html"
WHILE = "    hint: while rendering cards/alice.html"

CASES = [
    ("{{ nope }}", f"{T}:2: error[template]: template error: 'nope' is undefined"),
    ("{{ card.nickname }}", f"{T}:2: error[template]: template error: 'dict object' has no "
                            "attribute 'nickname'"),
    ("{{ card.name.first.letter }}", f"{T}:2: error[template]: template error: 'str object' "
                                     "has no attribute 'first'"),
    ("{% for x in card.roles %}", f"{T}:3: error[template]: template error: Encountered unknown "
                                  "tag 'endblock'. You probably made a nesting mistake. Jinja is "
                                  "expecting this tag, but currently looking for 'endfor' or "
                                  "'else'. The innermost block that needs to be closed is 'for'."),
    ("{% include 'gone.html' %}", "templates/card.html: error[template-missing]: template not "
                                  "found: gone.html"),
    ("{% include '../site.yaml' %}", "templates/card.html: error[template-missing]: template "
                                     "not found: ../site.yaml"),
    ("{% include '/etc/passwd' %}", "templates/card.html: error[template-missing]: template "
                                    "not found: /etc/passwd"),
    ("{{ card.__class__.__mro__ }}", f"{T}:2: error[template]: template error: access to "
                                     "attribute '__class__' of 'dict' object is unsafe."),
    ("{{ cycler.__init__.__globals__ }}", f"{T}:2: error[template]: template error: access to "
                                          "attribute '__init__' of 'type' object is unsafe."),
    ("{{ ''.__class__.__subclasses__() }}", f"{T}:2: error[template]: template error: access "
                                            "to attribute '__class__' of 'str' object is "
                                            "unsafe."),
    ("{{ nav.append(1) }}", f"{T}:2: error[template]: template error: access to attribute "
                            "'append' of 'list' object is unsafe."),
    ("{{ range(10 ** 9) | list }}", f"{T}:2: error[template]: template error: Range too big. "
                                    "The sandbox blocks ranges larger than MAX_RANGE (100000)."),
    ("{{ 1 // 0 }}", f"{T}:2: error[template]: template error: integer division or modulo by "
                     "zero"),
    ("{% include 'card.html' %}", f"{T}:2: error[template]: template error: templates include "
                                  "or call each other without end"),
]


@pytest.mark.parametrize(("line", "expected"), CASES)
def test_broken_or_hostile_template(project: Path, capsys: pytest.CaptureFixture[str],
                                    line: str, expected: str) -> None:
    put(project, {T: HEAD + line + "\n{% endblock %}\n"})
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    assert outcome.reported == [expected]


def test_missing_extended_template(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {"templates/index.html": '{% extends "layout.html" %}\n'})
    outcome = run_build(project, capsys)
    assert outcome.reported == ["templates/index.html: error[template-missing]: template not "
                                "found: layout.html"]


@pytest.mark.parametrize(("link", "target", "include"), [
    ("templates/secret.cfg", "/etc/hostname", "secret.cfg"),
    ("templates/etc", "/etc", "etc/hostname"),
    ("templates/up.txt", "../site.yaml", "up.txt"),
])
def test_templates_never_read_outside_the_template_folders(
        project: Path, capsys: pytest.CaptureFixture[str], link: str, target: str,
        include: str) -> None:
    put(project, {T: HEAD + f"<pre>{{% include '{include}' %}}</pre>\n{{% endblock %}}\n"})
    (project / link).symlink_to(target if target.startswith("/") else project / "templates" /
                                target)
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    refused = (f"{T}: error[template]: template error: template '{include}' is a symbolic link "
               "to a file outside the template folders")
    assert refused in outcome.reported
    listed = [line for line in outcome.reported if line != refused]
    assert listed == [] or listed[0].startswith(f"{link}: error[symlink]:")
    assert not list((project / "public").rglob("card*"))


def test_template_errors_are_reported_once_with_the_page(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {T: HEAD + "{{ nope }}\n{% endblock %}\n"})
    outcome = run_build(project, capsys)
    assert outcome.reported == [f"{T}:2: error[template]: template error: 'nope' is undefined"]
    assert WHILE in outcome.err
