"""``explainer deploy``: check, build, then publish to a pages branch of a real local remote."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import BuildResult, Options
from generator.cli import main
from tests.conftest import INVALID, copy_project


def git(where: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, check=True)
    return done.stdout


def pushed(remote: Path, branch: str = "gh-pages") -> list[str]:
    """The files of ``branch`` in the bare repository ``remote``."""
    return git(remote, "ls-tree", "-r", "--name-only", branch).split()


def has_branch(remote: Path, branch: str = "gh-pages") -> bool:
    return bool(git(remote, "branch", "--list", branch).strip())


@pytest.fixture(autouse=True)
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "test@example.org")


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """A bare repository holding one commit of the base project on main."""
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(bare))
    seed = copy_project(INVALID / "_base", tmp_path / "seed")
    (seed / ".gitignore").write_text("public/\n.explainer-cache/\n")
    git(seed, "init", "--quiet", "--initial-branch=main")
    git(seed, "add", ".")
    git(seed, "commit", "--quiet", "-m", "The project")
    git(seed, "push", "--quiet", str(bare), "main")
    return bare


@pytest.fixture
def project(tmp_path: Path, remote: Path) -> Path:
    """A clone of ``remote`` (its remote named origin)."""
    git(tmp_path, "clone", "--quiet", str(remote), "project")
    return tmp_path / "project"


def deploy(project: Path, *args: str) -> int:
    return main(["-C", str(project), "deploy", *args])


def test_publishes_the_site_with_nojekyll_and_cname(project: Path, remote: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert deploy(project, "--cname", "news.example", "-m", "First edition") == 0
    files = pushed(remote)
    assert {"index.html", "404.html", ".nojekyll", "CNAME", "static/style.css"} <= set(files)
    assert ".explainer-output" not in files
    assert git(remote, "show", "gh-pages:CNAME").strip() == "news.example"
    assert git(remote, "show", "gh-pages:index.html") == (
        project / "public" / "index.html").read_text(encoding="utf-8")
    assert git(remote, "log", "--format=%s", "gh-pages").splitlines() == ["First edition"]
    assert "Published" in capsys.readouterr().out
    # A second deploy adds a commit on top of the first, with the default message.
    assert deploy(project) == 0
    log = git(remote, "log", "--format=%s", "gh-pages").splitlines()
    assert len(log) == 2 and log[0].startswith("Deploy the site built from ")
    assert "CNAME" not in pushed(remote)
    # The pages branch shares no history with the sources.
    assert subprocess.run(["git", "merge-base", "main", "gh-pages"], cwd=remote,
                          check=False).returncode == 1


def test_remote_and_branch_options(project: Path, remote: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.git"
    git(tmp_path, "init", "--quiet", "--bare", str(other))
    git(project, "remote", "add", "upstream", str(other))
    assert deploy(project, "--remote", "upstream", "--branch", "site") == 0
    assert "index.html" in pushed(other, "site")
    assert not has_branch(remote, "site") and not has_branch(remote)


def test_dry_run_says_what_and_writes_nothing(project: Path, remote: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert deploy(project, "--dry-run", "--cname", "news.example") == 0
    out = capsys.readouterr().out
    assert "would publish" in out and "origin/gh-pages (a new branch)" in out
    assert "CNAME news.example" in out
    assert not (project / "public").exists()
    assert not has_branch(remote)
    assert not git(project, "branch", "--list", "gh-pages").strip()


def refused(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert deploy(project, *args) == 1
    err = capsys.readouterr().err
    assert "Deploy refused:" in err and "nothing was pushed" in err
    return err


def test_refuses_a_site_that_fails_the_check(project: Path, remote: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    card = project / "content" / "cards" / "alice.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("type: person", "type: persn"))
    err = refused(project, capsys)
    assert "content/cards/alice.yaml:1:" in err and "did you mean 'person'?" in err
    assert "the site does not load" in err
    assert not has_branch(remote) and not (project / "public").exists()


def test_refuses_a_warning_as_the_check_does(project: Path, remote: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "cards" / "lonely.yaml").write_text(
        "type: concept\nname: Lonely idea\nsummary: Nobody mentions it.\nas_of: 2024-03-01\n"
        "sources:\n  - article: story\n    paragraph: 1\n")
    err = refused(project, capsys)
    assert "content/cards/lonely.yaml:1:1: error[card-unused]" in err
    assert "'explainer check' found 1 problem(s)" in err
    assert not has_branch(remote) and not (project / "public").exists()


def test_refuses_an_output_folder_changed_after_the_build(
        project: Path, remote: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = build_module.build

    def build_then_meddle(options: Options) -> BuildResult:
        result = real(options)  # then another program writes into the output
        (result.output / "stray.html").write_text("not from the build")
        return result

    monkeypatch.setattr(build_module, "build", build_then_meddle)
    err = refused(project, capsys)
    assert "error[deploy-dirty]" in err and "not exactly what the build wrote" in err
    assert "hint:" in err
    assert not has_branch(remote)


def test_refuses_a_branch_without_index_html_unless_forced(
        project: Path, remote: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "other"
    git(tmp_path, "init", "--quiet", "--initial-branch=gh-pages", str(other))
    (other / "notes.txt").write_text("not a site")
    git(other, "add", ".")
    git(other, "commit", "--quiet", "-m", "Notes")
    git(other, "push", "--quiet", str(remote), "gh-pages")
    err = refused(project, capsys)
    assert "error[deploy-branch]" in err and "no index.html" in err and "--force" in err
    assert pushed(remote) == ["notes.txt"]
    assert deploy(project, "--force") == 0
    files = pushed(remote)
    assert "index.html" in files and "notes.txt" not in files
    assert git(remote, "log", "--format=%s", "gh-pages").count("\n") == 1  # history dropped


def test_refuses_a_branch_that_shares_history_with_the_sources(
        project: Path, remote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "index.html").write_text("<p>a page in the sources</p>")
    git(project, "add", "index.html")
    git(project, "commit", "--quiet", "-m", "A page")
    git(project, "push", "--quiet", "origin", "main:gh-pages")
    before = git(remote, "rev-parse", "gh-pages")
    err = refused(project, capsys)
    assert "shares history" in err
    assert git(remote, "rev-parse", "gh-pages") == before


def test_refuses_the_branch_checked_out_even_when_forced(
        project: Path, remote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = git(remote, "rev-parse", "main")
    err = refused(project, capsys, "--branch", "main", "--force")
    assert "error[deploy-branch]" in err and "checked out here" in err
    assert git(remote, "rev-parse", "main") == before


def test_refuses_outside_a_git_repository(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(INVALID / "_base", tmp_path / "plain")
    err = refused(project, capsys)
    assert "error[deploy-git]" in err and "not in a git repository" in err
    assert "rsync" in err
    assert not (project / "public").exists()


def test_refuses_an_unknown_remote_with_a_suggestion(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(project, capsys, "--remote", "orgin")
    assert "error[deploy-remote]" in err and "did you mean 'origin'?" in err
