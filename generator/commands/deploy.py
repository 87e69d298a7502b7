"""``explainer deploy``: check, build, and publish the output folder to a git branch.

The publishing itself is ghp-import's (the tool behind ``mkdocs gh-deploy``): it
writes the folder as one commit on the pages branch and pushes it. This module
only decides whether that is safe: the site passes ``check``, the output folder
is exactly what the build wrote, and the branch it replaces is a pages branch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import __version__
from generator.commands import add_command
from generator.console import Console
from generator.errors import BuildFailed, Diagnostic, Location, did_you_mean, display_path, error

EXAMPLES = """examples:
  explainer deploy                         check, build, publish public/ to origin/gh-pages
  explainer deploy --dry-run               say what would be published, change nothing
  explainer deploy --cname news.example    with a CNAME file for a custom domain
  explainer deploy --remote upstream --branch pages -m "Publish the June update"
"""


def register(commands: Any) -> None:
    """Add ``deploy``."""
    parser = add_command(
        commands, "deploy", "check, build and publish the site to a git branch (gh-pages)",
        "Run 'explainer check', build the site strictly, then publish the output folder as "
        "one commit on a branch of a git remote (gh-pages on origin by default), with a "
        ".nojekyll file, using ghp-import. Nothing is pushed if the check or the build "
        "fails, if the output folder is not exactly what the build wrote, or if the branch "
        "exists and does not look like a pages branch (no index.html, or it shares history "
        "with the branch you work on) unless --force is given.", EXAMPLES)
    parser.add_argument("--remote", default="origin",
                        help="the git remote to push to (default: origin)")
    parser.add_argument("--branch", "-b", default="gh-pages",
                        help="the branch to publish to (default: gh-pages)")
    parser.add_argument("--message", "-m", metavar="TEXT",
                        help="the commit message (default: names the commit built from)")
    parser.add_argument("--cname", metavar="DOMAIN",
                        help="add a CNAME file for a custom domain, e.g. news.example")
    parser.add_argument("--dry-run", action="store_true",
                        help="check and say what would be published; build, commit and push "
                        "nothing")
    parser.add_argument("--force", action="store_true",
                        help="replace the branch even if it does not look like a pages branch")
    parser.set_defaults(run=run)


class Refused(Exception):
    """Deploying would be unsafe; carries what to print."""

    def __init__(self, diagnostics: Sequence[Diagnostic], summary: str) -> None:
        super().__init__(summary)
        self.diagnostics, self.summary = tuple(diagnostics), summary


@dataclass(frozen=True, slots=True)
class Target:
    """The branch to publish to, and what it holds now."""

    remote: str
    branch: str
    tip: str  # the branch's commit on the remote, "" if there is none yet
    pages: bool  # the branch is missing or holds a site, not sources

    @property
    def name(self) -> str:
        """``remote/branch``."""
        return f"{self.remote}/{self.branch}"

    def state(self) -> str:
        """A few words on what the branch holds now."""
        return f"over {self.tip[:7]}" if self.tip else "a new branch"


def run(args: argparse.Namespace, console: Console) -> int:
    """Check, build and publish; 1 with every reason when that would be unsafe."""
    root = args.project.resolve()
    try:
        target = _target(root, args.remote, args.branch, args.force)
        pages, files = _check(root)
        extras = ".nojekyll" + (f" and CNAME {args.cname}" if args.cname else "")
        message = args.message or _message(root)
        if args.dry_run:
            console.say(f"Dry run: would publish the site ({pages} pages, {files} files) to "
                        f"{target.name} ({target.state()}) with {extras}, as '{message}'. "
                        "Nothing was built, committed or pushed.")
            return 0
        out, count = _build(root)
        with _published_copy(out) as copy:
            commit = _publish(root, copy, target, message, args.cname, args.force)
    except Refused as refused:
        console.diagnostics(refused.diagnostics)
        console.problem(f"Deploy refused: {refused.summary}; nothing was pushed.")
        return 1
    console.result(f"Published {count} files of {display_path(out, Path.cwd())} to "
                   f"{target.name} ({target.state()}): commit {commit[:7]}.")
    return 0


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"GIT_TERMINAL_PROMPT": "0"}  # fail rather than wait for a password
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=env,
                          check=False)


def _refuse(code: str, message: str, hint: str, where: str = ".") -> Refused:
    return Refused([error(code, message, Location(where), hint)], message)


def _target(root: Path, remote: str, branch: str, force: bool) -> Target:
    """The branch to publish to, refused if it is not safe to replace."""
    if _git(root, "rev-parse", "--show-toplevel").returncode != 0:
        raise _refuse("deploy-git", f"{root} is not in a git repository",
                      "run 'git init' and 'git remote add origin URL' first, or publish the "
                      "output folder with rsync or your host's tool (docs/publishing.md)")
    if _git(root, "remote", "get-url", remote).returncode != 0:
        remotes = _git(root, "remote").stdout.split()
        raise _refuse("deploy-remote", f"this repository has no remote named '{remote}'",
                      did_you_mean(remote, remotes) or
                      f"add it with 'git remote add {remote} URL', or pass --remote")
    if _git(root, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip() == branch:
        raise _refuse("deploy-branch", f"'{branch}' is the branch checked out here: "
                      "publishing would replace your sources with the site",
                      "publish to a branch of its own, e.g. --branch gh-pages")
    listed = _git(root, "ls-remote", "--heads", remote, f"refs/heads/{branch}")
    if listed.returncode != 0:
        raise _refuse("deploy-remote", f"cannot reach the remote '{remote}': "
                      f"{_last_line(listed.stderr)}", "check its URL with 'git remote -v'")
    if not listed.stdout.strip():
        return Target(remote, branch, "", True)
    tracking = f"refs/remotes/{remote}/{branch}"  # where ghp-import looks for the tip
    fetched = _git(root, "fetch", "--quiet", "--no-tags", remote,
                   f"+refs/heads/{branch}:{tracking}")
    if fetched.returncode != 0:
        raise _refuse("deploy-remote", f"cannot fetch {remote}/{branch}: "
                      f"{_last_line(fetched.stderr)}", "check the remote with 'git remote -v'")
    tip = _git(root, "rev-parse", tracking).stdout.strip()
    why = ""
    if _git(root, "cat-file", "-e", f"{tip}:index.html").returncode != 0:
        why = "it has no index.html"
    elif _git(root, "merge-base", tip, "HEAD").returncode == 0:
        why = "it shares history with the branch checked out here"
    if why and not force:
        raise _refuse("deploy-branch", f"{remote}/{branch} does not look like a pages branch: "
                      f"{why}", "choose another --branch, or pass --force to replace it with "
                      "a commit holding only the site")
    return Target(remote, branch, tip, not why)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].removeprefix("fatal: ") if lines else "git failed"


def _check(root: Path) -> tuple[int, int]:
    """The pages and files of a site that passes ``explainer check``; refused otherwise."""
    from generator.build import Options
    from generator.check.site import check_project, strict

    try:
        result = check_project(Options(root), dt.date.today())
    except BuildFailed as failed:
        diags = strict(failed.diagnostics)
        raise Refused(diags, f"the site does not load ({len(diags)} problem(s))") from None
    if not result.ok:
        raise Refused(result.diagnostics, f"'explainer check' found {len(result.diagnostics)} "
                      "problem(s)")
    return result.pages, result.files


def _message(root: Path) -> str:
    head = _git(root, "rev-parse", "--short", "HEAD").stdout.strip()
    built = f" from {head}" if head else ""
    return f"Deploy the site built{built} with explainer {__version__}"


def _build(root: Path) -> tuple[Path, int]:
    """Build strictly; the output folder and its file count, once it is exactly what was built."""
    from generator.build import Options, build
    from generator.engine.store import intact
    from generator.output.write import build_lock

    try:
        result = build(Options(root, strict=True))
    except BuildFailed as failed:
        raise Refused(failed.diagnostics, "the build failed") from None
    with build_lock(result.output):
        if not intact(result.output, result.written):
            shown = display_path(result.output, Path.cwd())
            raise _refuse("deploy-dirty", f"{shown} is not exactly what the build wrote: "
                          "something changed it since", "keep other programs out of the "
                          "output folder, then deploy again", shown)
    return result.output, len(result.written) - 1


@contextmanager
def _published_copy(out: Path) -> Iterator[Path]:
    """The site's files without the ownership marker, hard-linked into a temporary folder.

    The copy is what ghp-import reads, so a build that replaces the output
    folder meanwhile cannot mix two sites in one commit.
    """
    from generator.output.write import MARKER

    with tempfile.TemporaryDirectory(prefix=f".{out.name}.deploy-", dir=out.parent) as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(out, copy, copy_function=_link,
                        ignore=lambda folder, names: [MARKER] if Path(folder) == out else [])
        yield copy


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def _publish(root: Path, folder: Path, target: Target, message: str, cname: str | None,
             force: bool) -> str:
    """Commit ``folder`` onto the branch and push it with ghp-import; the commit pushed."""
    command = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--push",
               f"--remote={target.remote}", f"--branch={target.branch}", f"--message={message}"]
    if cname:
        command.append(f"--cname={cname}")
    if force:
        command.append("--force")
    if target.tip and not target.pages:  # forced over a branch of sources: start afresh
        command.append("--no-history")
    done = subprocess.run([*command, str(folder)], cwd=root, capture_output=True, text=True,
                          env=os.environ | {"GIT_TERMINAL_PROMPT": "0"}, check=False)
    local = _git(root, "rev-parse", f"refs/heads/{target.branch}").stdout.strip()
    listed = _git(root, "ls-remote", "--heads", target.remote, f"refs/heads/{target.branch}")
    if done.returncode != 0 or not local or not listed.stdout.startswith(local):
        raise _refuse("deploy-push", f"ghp-import could not publish to {target.name}: "
                      f"{_last_line(done.stderr + done.stdout)}",
                      "run it again; if the remote refuses the push, check your access to it")
    return local
