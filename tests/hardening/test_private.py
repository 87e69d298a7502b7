"""Private files never reach the output, by any route: dotfiles, `.git/`, `.env`, and
anything a symbolic link or a linked folder brings in from outside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.conftest import manifest, put, run_build

pytestmark = pytest.mark.hostile

SECRET = "TOKEN-9c1e-PRIVATE"


def secrets(root: Path) -> None:
    """A git config with a token, an `.env`, and a secret outside the project."""
    put(root, {".git/config": f"[remote]\n  url = https://x:{SECRET}@example.org/\n",
               ".env": f"TOKEN={SECRET}\n", "notes/.private/key.txt": SECRET,
               "content/.hidden/x.txt": SECRET})
    put(root.parent, {"outside/secret.txt": SECRET, "outside/card.html": SECRET,
                      "outside/seed.txt": f"{SECRET} met Alice Example.\n"})


def leaks(root: Path) -> list[str]:
    """Files of the output that hold the secret."""
    public = root / "public"
    return [name for name in manifest(public) if SECRET.encode() in (public / name).read_bytes()]


STATIC_LINKS = [
    ("static/about.txt", "../.git/config", "symbolic link points to a hidden file"),
    ("static/env.txt", "../.env", "symbolic link points to a hidden file"),
    ("static/key.txt", "../notes/.private/key.txt", "symbolic link points to a hidden file"),
    ("static/deep/x.txt", "../../content/.hidden/x.txt", "symbolic link points to a hidden file"),
    ("static/out.txt", "../../outside/secret.txt", "symbolic link points outside the project"),
    ("static/site.txt", "../site.yaml", "symbolic link points to a source of the project"),
    ("static/card.txt", "../content/cards/alice.yaml",
     "symbolic link points to a source of the project"),
    ("static/seed.txt", "../seeds/story.txt", "symbolic link points to a source of the project"),
    ("static/page.html", "../templates/page.html",
     "symbolic link points to a source of the project"),
    ("templates/base.html", "../.git/config", "symbolic link points to a hidden file"),
    ("content/cards/carol.yaml", "../../.env", "symbolic link points to a hidden file"),
]


@pytest.mark.parametrize(("name", "target", "problem"), STATIC_LINKS)
def test_links_to_private_files_are_refused(project: Path, capsys: pytest.CaptureFixture[str],
                                            name: str, target: str, problem: str) -> None:
    secrets(project)
    put(project, {"templates/page.html": SECRET})  # a template no page uses
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).symlink_to(target)
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    if name.startswith("templates/"):  # and each page whose template includes it fails
        assert f"{name}: error[symlink]: {problem}" in outcome.reported
    else:
        assert outcome.reported == [f"{name}: error[symlink]: {problem}"]
    assert "hint: copy the " in outcome.err


def test_links_inside_the_project_to_files_that_are_not_sources_are_fine(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {"static/css/site2.css": "p {}\n", "assets/logo.svg": "<svg/>\n"})
    (project / "static/alias.css").symlink_to("css/site2.css")
    (project / "static/logo.svg").symlink_to("../assets/logo.svg")
    assert run_build(project, capsys).status == 0
    assert (project / "public/static/alias.css").read_text() == "p {}\n"
    assert (project / "public/static/logo.svg").read_text() == "<svg/>\n"


@pytest.mark.parametrize("seed", [".hidden.txt", "sub/.x/seed.txt", ".git/config"])
def test_hidden_seeds_are_refused(project: Path, capsys: pytest.CaptureFixture[str],
                                  seed: str) -> None:
    secrets(project)
    put(project, {f"seeds/{seed}": f"{SECRET} met Alice Example.\n"})
    story = project / "content/articles/story.yaml"
    story.write_text(story.read_text().replace("seed: story.txt", f"seed: '{seed}'"))
    outcome = run_build(project, capsys)
    assert outcome.reported == [
        f"content/articles/story.yaml:4:7: error[article-seed]: seed file '{seed}' is hidden: "
        "dotfiles are never read"]


def test_a_seed_linked_to_a_dotfile_is_refused(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    secrets(project)
    (project / "seeds/story.txt").unlink()
    (project / "seeds/story.txt").symlink_to("../.env")
    outcome = run_build(project, capsys)
    assert outcome.reported == [
        "content/articles/story.yaml:4:7: error[article-seed]: seed file 'story.txt' is "
        "hidden: dotfiles are never read"]


@pytest.mark.parametrize("include", [".secret.html", ".git/config"])
def test_templates_may_not_include_dotfiles(project: Path, capsys: pytest.CaptureFixture[str],
                                            include: str) -> None:
    put(project, {f"templates/{include}": SECRET,
                  "templates/card.html": f'{{% include "{include}" %}}'})
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    assert outcome.reported == [
        f"templates/card.html: error[template]: template error: template {include!r} is a "
        "hidden file (dotfiles are never read)"]


@pytest.mark.parametrize("folder", ["templates", "static", "content", "content/cards"])
def test_source_folders_linked_out_of_the_project_are_refused(
        project: Path, capsys: pytest.CaptureFixture[str], folder: str) -> None:
    secrets(project)
    outside = project.parent / "outside"
    if folder.startswith("content"):
        (project / folder).rename(outside / "moved")
        target = outside / "moved"
    else:
        put(outside, {"base.html": f"{SECRET} {{% include 'card.html' %}}", "x.css": SECRET})
        target = outside
    (project / folder).symlink_to(target)
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    shown = ["content/articles", "content/cards"] if folder == "content" else [folder]
    assert outcome.reported == [
        f"{name}: error[symlink]: symbolic link points outside the project" for name in shown]
    assert "hint: copy the folder into the project instead" in outcome.err


def test_nothing_private_is_published_by_any_route(project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    secrets(project)
    put(project, {"static/.env": SECRET, "static/.well-known/x": SECRET,
                  "templates/.card.html": SECRET, "seeds/.hidden.txt": SECRET})
    outcome = run_build(project, capsys)
    assert outcome.status == 0, outcome.err
    assert leaks(project) == []
    assert not [name for name in manifest(project / "public") if "/." in f"/{name}"
                and name != ".explainer-output"]


def test_site_yaml_linked_to_a_dotfile_is_refused(project: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    secrets(project)
    (project / ".site.yaml").write_bytes((project / "site.yaml").read_bytes())
    (project / "site.yaml").unlink()
    (project / "site.yaml").symlink_to(".site.yaml")
    outcome = run_build(project, capsys)
    assert outcome.reported == ["site.yaml: error[symlink]: hidden files (dotfiles) are never "
                                "read"]


@pytest.mark.parametrize("folder", ["templates", "static", "seeds"])
def test_source_folders_linked_to_a_hidden_folder_are_refused(
        project: Path, capsys: pytest.CaptureFixture[str], folder: str) -> None:
    secrets(project)
    put(project, {".git/story.txt": f"{SECRET} met Alice Example.\n",
                  ".git/base.html": SECRET, ".git/x.css": SECRET})
    if folder == "seeds":
        (project / "seeds/story.txt").unlink()
        (project / "seeds").rmdir()
    (project / folder).symlink_to(".git")
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    expected = ("content/articles/story.yaml:4:7: error[article-seed]: seed file 'story.txt' "
                "is hidden: dotfiles are never read" if folder == "seeds" else
                f"{folder}: error[symlink]: symbolic link points to a hidden folder")
    assert outcome.reported == [expected]
