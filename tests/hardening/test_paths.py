"""Hostile ids, file names, symbolic links and output folders.

Nothing is ever written outside the output folder, one page never silently
replaces another, and links out of the project or in loops are refused, not
followed or hung on.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from tests.hardening.conftest import CAROL, manifest, put, run_build

pytestmark = pytest.mark.hostile

C = "content/cards/carol.yaml"
ID_PROBLEM = "an id uses lower-case letters a-z, digits and single hyphens only"

IDS = [
    ("../../etc", f"{C}:1:5: error[schema-value]: 'id': '../../etc' is not a valid id: "
                  f"{ID_PROBLEM}"),
    ("/etc/passwd", f"{C}:1:5: error[schema-value]: 'id': '/etc/passwd' is not a valid id: "
                    f"{ID_PROBLEM}"),
    ('""', f"{C}:1:5: error[schema-value]: 'id': 'id' cannot be blank"),
    ('"a\\0b"', f"{C}:1:5: error[encoding]: control character U+0000 is not allowed"),
    ("con", f"{C}:1:5: error[schema-value]: 'id': 'con' is not a valid id: 'con' is a "
            "reserved device name on Windows"),
    ("Carol", f"{C}:1:5: error[schema-value]: 'id': 'Carol' is not a valid id: {ID_PROBLEM}"),
    ("café", f"{C}:1:5: error[schema-value]: 'id': 'café' is not a valid id: {ID_PROBLEM}"),
    ("c:carol", f"{C}:1:5: error[schema-value]: 'id': 'c:carol' is not a valid id: "
                f"{ID_PROBLEM}"),
    ("'a\\\\b'", f"{C}:1:5: error[schema-value]: 'id': 'a\\\\\\\\b' is not a valid id: "
                 f"{ID_PROBLEM}"),
    ("x" * 101, f"{C}:1:5: error[schema-value]: 'id': '{'x' * 55}...' is not a valid id: "
                "an id must be at most 100 characters"),
]


@pytest.mark.parametrize(("value", "expected"), IDS)
def test_hostile_card_ids(project: Path, capsys: pytest.CaptureFixture[str], value: str,
                          expected: str) -> None:
    put(project, {C: f"id: {value}\n" + CAROL})
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    assert outcome.reported == [expected]


FILE_NAMES = [
    ("Carol.yaml", "file name 'Carol.yaml' is not a valid card id: " + ID_PROBLEM),
    ("con.yaml", "file name 'con.yaml' is not a valid card id: 'con' is a reserved device "
                 "name on Windows"),
    ("a b.yaml", "file name 'a b.yaml' is not a valid card id: " + ID_PROBLEM),
    ("caf\u00e9.yaml", "file name 'caf\u00e9.yaml' is not a valid card id: " + ID_PROBLEM),
    ("cafe\u0301.yaml", "file name 'cafe\u0301.yaml' is not a valid card id: " + ID_PROBLEM),
    ("-x.yaml", "file name '-x.yaml' is not a valid card id: " + ID_PROBLEM),
]


@pytest.mark.parametrize(("name", "message"), FILE_NAMES)
def test_hostile_card_file_names(project: Path, capsys: pytest.CaptureFixture[str], name: str,
                                 message: str) -> None:
    put(project, {f"content/cards/{name}": CAROL})
    outcome = run_build(project, capsys)
    assert outcome.reported == [f"content/cards/{name}:1:1: error[card-id]: {message}"]


def test_hostile_article_file_name(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = (project / "content/articles/story.yaml").read_text()
    put(project, {"content/articles/AUX.yaml": story})
    outcome = run_build(project, capsys)
    assert outcome.reported == [
        "content/articles/AUX.yaml:1:1: error[article-id]: file name 'AUX.yaml' is not a "
        f"valid article id: {ID_PROBLEM}"]


REFERENCES = [
    ("related: [../x]", f"{C}:7:11: error[schema-value]: 'card': '../x' is not a valid id: "
                        f"{ID_PROBLEM}"),
    ("country: ../../etc/passwd", f"{C}:7:10: error[schema-value]: 'country': "
                                  f"'../../etc/passwd' is not a valid id: {ID_PROBLEM}"),
]


@pytest.mark.parametrize(("line", "expected"), REFERENCES)
def test_hostile_references(project: Path, capsys: pytest.CaptureFixture[str], line: str,
                            expected: str) -> None:
    put(project, {C: CAROL + line + "\n"})
    assert run_build(project, capsys).reported == [expected]


SEEDS = ["../site.yaml", "/etc/passwd", "../../../../../../etc/passwd", "./../seeds/../site.yaml",
         "link-out.txt", "loop.txt", "dangling.txt", "fifo.txt", "sub"]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_outside_seeds_is_refused(project: Path, capsys: pytest.CaptureFixture[str],
                                       seed: str) -> None:
    seeds = project / "seeds"
    (seeds / "link-out.txt").symlink_to("/etc/hostname")
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    (seeds / "dangling.txt").symlink_to(seeds / "nothing.txt")
    os.mkfifo(seeds / "fifo.txt")
    (seeds / "sub").mkdir()
    story = project / "content/articles/story.yaml"
    story.write_text(story.read_text().replace("seed: story.txt", f"seed: '{seed}'"))
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    assert outcome.reported == [
        f"content/articles/story.yaml:4:7: error[article-seed]: seed file '{seed}' not found "
        "in seeds/"]


LINKS = [
    ("content/cards/out.yaml", "/etc/hostname", "symbolic link points outside the project"),
    ("content/cards/loop.yaml", "content/cards/loop.yaml", "symbolic link loop"),
    ("content/cards/ping.yaml", "content/cards/pong.yaml", "symbolic link loop"),
    ("content/cards/gone.yaml", "content/cards/nothing.yaml",
     "broken symbolic link (its target does not exist)"),
    ("content/articles/out.yaml", "/etc/hostname", "symbolic link points outside the project"),
    ("templates/card.html", "/etc/hostname", "symbolic link points outside the project"),
    ("static/out.css", "/etc/hostname", "symbolic link points outside the project"),
    ("static/loop.css", "static/loop.css", "symbolic link loop"),
]


@pytest.mark.parametrize(("name", "target", "problem"), LINKS)
def test_file_links_out_or_in_loops_are_refused(
        project: Path, capsys: pytest.CaptureFixture[str], name: str, target: str,
        problem: str) -> None:
    link = project / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target if target.startswith("/") else project / target)
    if name.endswith("ping.yaml"):
        (project / "content/cards/pong.yaml").symlink_to(link)
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    assert outcome.reported[0] == f"{name}: error[symlink]: {problem}"
    assert not (project / "public/static/out.css").exists()


@pytest.mark.parametrize("folder", ["content/cards", "content/articles", "templates", "static",
                                    "seeds"])
def test_folder_links_are_never_followed(project: Path, capsys: pytest.CaptureFixture[str],
                                         folder: str) -> None:
    (project / folder).mkdir(parents=True, exist_ok=True)
    (project / folder / "loop").symlink_to(project / folder)  # a loop: must not hang
    (project / folder / "etc").symlink_to("/etc")
    outcome = run_build(project, capsys)
    if folder == "seeds":  # seeds are read by name only, never walked
        assert outcome.status == 0
        return
    assert outcome.reported == [
        f"{folder}/etc: error[symlink]: symbolic links to folders are not followed",
        f"{folder}/loop: error[symlink]: symbolic links to folders are not followed"]


def test_links_inside_the_project_are_fine(project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {"shared/carol.yaml": CAROL})
    (project / "content/cards/carol.yaml").symlink_to(project / "shared/carol.yaml")
    assert run_build(project, capsys).status == 0
    assert (project / "public/cards/carol.html").is_file()


@pytest.mark.parametrize("name", ["content/cards/carol.yaml", "content/articles/other.yaml",
                                  "static/pipe.css", "site.yaml"])
def test_fifo_is_refused_without_hanging(project: Path, capsys: pytest.CaptureFixture[str],
                                         name: str) -> None:
    (project / name).parent.mkdir(exist_ok=True)
    (project / name).unlink(missing_ok=True)
    os.mkfifo(project / name)
    outcome = run_build(project, capsys)
    if name == "site.yaml":
        assert outcome.reported == ["site.yaml: error[config-missing]: no site.yaml in the "
                                    "project"]
    else:
        assert outcome.reported == [f"{name}: error[io]: not a regular file"]


COLLISIONS = [
    (["static/Logo.css", "static/logo.css"], "static/Logo.css", "static/logo.css"),
    ([unicodedata.normalize("NFC", "static/café.css"),
      unicodedata.normalize("NFD", "static/café.css")],
     unicodedata.normalize("NFD", "static/café.css"),
     unicodedata.normalize("NFC", "static/café.css")),
    (["static/STYLE.CSS"], "static/style.css", "static/STYLE.CSS"),  # the theme's comes first
    (["static/straße.css", "static/STRASSE.css"], "static/STRASSE.css", "static/straße.css"),
]


@pytest.mark.parametrize(("names", "first", "second"), COLLISIONS)
def test_output_paths_that_collide_after_folding(
        project: Path, capsys: pytest.CaptureFixture[str], names: list[str], first: str,
        second: str) -> None:
    for name in names:
        put(project, {name: "a {}\n"})
    if len({n.casefold() for n in names}) < len(names) and len(
            {p.name for p in (project / "static").iterdir()}) < len(names):
        pytest.skip("this file system folds the names itself")
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    assert [line.split(": error[")[1] for line in outcome.reported] == [
        f"output-collision]: two pages would be written to the same file: {first!r} and "
        f"{second!r}"]


def test_dotfiles_sources_backups_and_drafts_never_reach_the_output(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = "TOP-SECRET-7f3a"
    put(project, {
        "static/.env": f"TOKEN={secret}\n",
        "static/.git/config": secret,
        "static/site.css~": secret,
        "static/#site.css#": secret,
        "static/ok.css": "p {}\n",
        "content/cards/.hidden.yaml": CAROL.replace("Carol", secret),
        "content/cards/.drafts/dave.yaml": CAROL.replace("Carol", secret),
        "content/cards/carol.yaml~": CAROL.replace("Carol", secret),
        "content/cards/draft.yaml": CAROL.replace("Carol", secret) + "draft: true\n",
        "content/articles/draft.yaml": (f"title: {secret}\ndek: x\ndate: 2024-03-01\n"
                                        "seed: draft.txt\ndraft: true\n"),
        "seeds/draft.txt": f"{secret} met Alice Example.\n",
        ".secret.yaml": secret,
    })
    outcome = run_build(project, capsys)
    assert outcome.status == 0, outcome.err
    files = manifest(project / "public")
    assert "static/ok.css" in files
    assert not {"static/.env", "static/.git/config", "static/site.css~",
                "static/#site.css#"} & set(files)
    assert not [f for f in files if f.endswith((".yaml", ".yml", ".txt", ".md"))
                and f != "robots.txt"]
    for path in (project / "public").rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    assert not (project / "public/cards/draft.html").exists()
    assert not (project / "public/articles/draft.html").exists()


OUTPUTS = ["site.yaml:output_dir=.", "site.yaml:output_dir=..", "site.yaml:output_dir=content",
           "site.yaml:output_dir=content/cards/out", "site.yaml:output_dir=templates",
           "site.yaml:output_dir=static", "site.yaml:output_dir=seeds", "--output=/",
           "--output=~", "--output=link-to-root", "--output=link-to-root/content"]


@pytest.mark.parametrize("how", OUTPUTS)
def test_output_folders_that_hold_the_project_are_refused(
        project: Path, capsys: pytest.CaptureFixture[str], how: str) -> None:
    (project / "templates").mkdir()
    (project / "static").mkdir()
    (project.parent / "link-to-root").symlink_to(project)
    kind, _, value = how.partition(":") if how.startswith("site") else ("cli", "", how)
    args: list[str] = []
    if kind == "site.yaml":
        put(project, {"site.yaml": (project / "site.yaml").read_text() +
                      f"output_dir: '{value.split('=')[1]}'\n"})
    else:
        target = value.split("=")[1]
        args = ["--output", str(Path(os.path.expanduser(target)) if target in ("/", "~")
                                else project.parent / target)]
    before = sorted(p.relative_to(project.parent).as_posix() for p in project.parent.rglob("*"))
    outcome = run_build(project, capsys, *args)
    assert outcome.status == 1
    [line] = outcome.reported
    assert line.startswith("site.yaml: error[output-dir]: refusing to ")
    after = sorted(p.relative_to(project.parent).as_posix() for p in project.parent.rglob("*"))
    assert after == before
