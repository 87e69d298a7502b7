"""Faults: builds killed at any moment, failing disks, two builds at once, Ctrl-C.

Real ``explainer build`` processes are killed with SIGKILL at random moments
(while loading and rendering, while writing the new tree, around the swap),
and at each stage of a build, where the process stops itself at a checkpoint
so that no stage depends on timing luck; after each kill ``public/`` must be
exactly the previous site or exactly the new one, never a mixture, and the
next build must succeed.
"""

from __future__ import annotations

import errno
import fcntl
import os
import random
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import generator.output.staging
import generator.output.write
from generator.build import Options, build
from generator.errors import BuildFailed
from tests.hardening.bigsite import make_big_project
from tests.hardening.conftest import manifest, put, run_build

pytestmark = pytest.mark.fault

KILLS = 24  # SIGKILLs, each its own test case
SIZE = (100, 12)  # cards and articles of the project the kills run on
PHASES = ("anywhere", "writing", "swap")


def explainer(root: Path, *args: str, **kwargs: Any) -> subprocess.Popen[str]:
    """Start a real ``explainer build`` process."""
    return subprocess.Popen([sys.executable, "-m", "generator", "-q", "-C", str(root), "build",
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **kwargs)


class BigSite:
    """A big project and the manifests of its two versions' sites."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.out = root / "public"
        self.manifests: dict[int, dict[str, str]] = {}
        for version in (1, 0):
            make_big_project(root, *SIZE, version=version)
            started = time.perf_counter()
            build(Options(root))
            self.seconds = time.perf_counter() - started
            self.manifests[version] = manifest(self.out)
        assert self.manifests[0] != self.manifests[1]

    def version(self) -> int:
        """Which version public/ holds now; fails if it is neither, whole."""
        found = manifest(self.out)
        for version, expected in self.manifests.items():
            if found == expected:
                return version
        raise AssertionError("public/ is not one whole version of the site")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> BigSite:
    return BigSite(make_big_project(tmp_path_factory.mktemp("big") / "p", *SIZE))


def _wait_for(path: Path, proc: subprocess.Popen[str], timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
    return True


@pytest.mark.parametrize("kill", range(KILLS))
def test_sigkill_at_a_random_moment_leaves_a_whole_site(big: BigSite, kill: int) -> None:
    rng = random.Random(kill)
    phase = PHASES[kill % len(PHASES)]
    before = big.version()
    target = 1 - before
    make_big_project(big.root, *SIZE, version=target)
    tmp = big.root / ".public.tmp"
    proc = explainer(big.root)
    try:
        if phase == "anywhere":
            time.sleep(rng.uniform(0.0, big.seconds * 1.5))
        elif phase == "writing" and _wait_for(tmp, proc):
            time.sleep(rng.uniform(0.0, 0.05))
        elif phase == "swap" and _wait_for(tmp / "static" / "site-index.js", proc):
            time.sleep(rng.uniform(0.0, 0.002))  # the last file: the swap comes next
        proc.kill()
    finally:
        _, err = proc.communicate()
    assert "Traceback" not in err
    now = big.version()
    assert now in (before, target)
    if proc.returncode == 0:
        assert now == target
    # The next build recovers whatever the killed one left behind and succeeds.
    build(Options(big.root))
    assert big.version() == target
    assert sorted(p.name for p in big.root.iterdir() if p.name.startswith(".public")) == [
        ".public.lock"]


# Each stage of a build, with what public/ and the temporary folders hold when it is killed
# there: (stage, public/ is the new site, .public.tmp exists, .public.old exists).
STAGES = [
    ("before-writing", False, False, False),
    ("writing", False, True, False),
    ("written", False, True, False),
    ("swapped", True, True, False),  # .public.tmp holds the previous site, not yet removed
    ("between-renames", None, True, True),  # the fallback swap: public/ is gone for a moment
]
FALLBACK = ("import sys, generator.output.write as w; w._exchange = lambda a, b: False; "
            "from generator.cli import main; sys.exit(main(sys.argv[1:]))")


@pytest.mark.parametrize(("stage", "new", "tmp", "old"), STAGES)
def test_sigkill_at_each_stage(big: BigSite, stage: str, new: bool | None, tmp: bool,
                               old: bool) -> None:
    # The build stops itself at the stage (SIGSTOP at a checkpoint) and is killed there:
    # every stage is hit on every run, however busy the machine.
    before = big.version()
    target = 1 - before
    make_big_project(big.root, *SIZE, version=target)
    command = [sys.executable, *(["-c", FALLBACK] if stage == "between-renames"
                                 else ["-m", "generator"]), "-q", "-C", str(big.root), "build"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, generator.output.write.STOP_AT: stage})
    try:
        _, status = os.waitpid(proc.pid, os.WUNTRACED)
        assert os.WIFSTOPPED(status), f"the build did not reach {stage}"
        proc.kill()
    finally:
        _, err = proc.communicate()
    assert "Traceback" not in err
    assert proc.returncode == -signal.SIGKILL
    if new is None:
        assert not big.out.exists()
    else:
        assert big.version() == (target if new else before)
    assert (big.root / ".public.tmp").exists() == tmp
    assert (big.root / ".public.old").exists() == old
    if old:
        assert manifest(big.root / ".public.old") == big.manifests[before]
    # The next build recovers whatever the killed one left behind and succeeds.
    build(Options(big.root))
    assert big.version() == target
    assert sorted(p.name for p in big.root.iterdir() if p.name.startswith(".public")) == [
        ".public.lock"]


def test_an_interrupted_fallback_swap_is_undone(project: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # Where renameat2 is missing the swap is two renames; a build killed between them
    # leaves the old site in .public.old and no public/. The next build puts it back first.
    before = manifest(project / "public")
    (project / "public").rename(project / ".public.old")
    generator.output.write.recover(project / "public")
    assert manifest(project / "public") == before
    assert not (project / ".public.old").exists()
    assert run_build(project, capsys).status == 0


def test_ctrl_c_leaves_the_previous_site(tmp_path: Path) -> None:
    root = make_big_project(tmp_path / "p", *SIZE)
    build(Options(root))
    before = manifest(root / "public")
    make_big_project(root, *SIZE, version=1)
    proc = explainer(root)
    # Wait until it writes (so Python's own Ctrl-C handling is surely in place).
    if _wait_for(root / ".public.tmp", proc):
        proc.send_signal(signal.SIGINT)
    _, err = proc.communicate()
    if proc.returncode == 130:
        assert err == "Interrupted: nothing half-written was left behind.\n"
        assert manifest(root / "public") == before
        assert not (root / ".public.tmp").exists()
    else:  # the build was quicker than the signal
        assert proc.returncode == 0
    assert "Traceback" not in err


# -- disk and permission errors ---------------------------------------------------------------


def test_file_too_large_is_an_io_error(project: Path) -> None:
    # A real write failure from the kernel: the file size limit makes write() fail with EFBIG.
    put(project, {"content/cards/bob.yaml": (
        "type: person\nname: Bob Example\nsummary: x\nbody: |\n" + "  Long text.\n" * 20_000
        + "as_of: 2024-03-01\nsources: [{article: story}]\n")})
    before = manifest(project / "public")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    proc = explainer(project, preexec_fn=limit)
    _, err = proc.communicate()
    assert proc.returncode == 1
    assert err.startswith(f"{project / 'public'}: error[io]: cannot write the site: File too "
                          f"large ({project / '.public.tmp' / 'cards' / 'bob.html'})\n")
    assert "the previous site was left as it was" in err
    assert manifest(project / "public") == before
    assert not (project / ".public.tmp").exists()


def test_output_under_a_file_is_an_io_error(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (project.parent / "afile").write_text("x")
    outcome = run_build(project, capsys, "--output", str(project.parent / "afile" / "public"))
    assert outcome.status == 1
    assert outcome.reported[0].startswith(f"{project.parent / 'afile' / 'public'}: error[io]: "
                                          "cannot write the site: ")


@pytest.fixture
def failing_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Make the n-th file written by the build fail, as a full or read-only disk would."""
    plan = [errno.ENOSPC, 3]  # which error, after how many files
    real_open = open

    def fake_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if ("w" in mode or "x" in mode) and ".public.tmp" in str(path):
            plan[1] -= 1
            if plan[1] < 0:
                raise OSError(plan[0], os.strerror(plan[0]), str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(generator.output.staging, "open", fake_open, raising=False)
    yield plan


@pytest.mark.parametrize(("code", "after", "message"), [
    (errno.ENOSPC, 0, "No space left on device"),
    (errno.ENOSPC, 3, "No space left on device"),
    (errno.EACCES, 5, "Permission denied"),
    (errno.EROFS, 0, "Read-only file system"),
    (errno.EIO, 2, "Input/output error"),
])
def test_disk_errors_while_writing(project: Path, capsys: pytest.CaptureFixture[str],
                                   failing_open: list[int], code: int, after: int,
                                   message: str) -> None:
    failing_open[:] = [code, after]
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    [reported] = outcome.reported
    assert reported.startswith(f"{project / 'public'}: error[io]: cannot write the site: "
                               f"{message} ({project / '.public.tmp'}")
    assert not (project / ".public.tmp").exists()


def test_failing_rename_in_the_fallback_swap_restores_the_site(
        project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_rename = os.rename

    def rename(src: Any, dst: Any) -> None:
        if str(src).endswith(".public.tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(generator.output.write, "_exchange", lambda a, b: False)
    monkeypatch.setattr(generator.output.write.os, "rename", rename)
    outcome = run_build(project, capsys)
    assert outcome.status == 1
    assert outcome.reported == [f"{project / 'public'}: error[io]: cannot write the site: "
                                f"Permission denied ({project / '.public.tmp'})"]
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".public")) == [
        ".public.lock"]


def test_foreign_leftover_folders_are_never_deleted(project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {".public.tmp/notes.txt": "mine"})
    outcome = run_build(project, capsys)
    assert outcome.reported == [f"site.yaml: error[output-dir]: {project / '.public.tmp'} was "
                                "not made by explainer; refusing to delete it"]
    assert (project / ".public.tmp/notes.txt").read_text() == "mine"


# -- two builds at once ----------------------------------------------------------------------


def test_a_second_build_waits_for_the_lock(project: Path) -> None:
    before = manifest(project / "public")
    with open(project / ".public.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        proc = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(project), "build"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert proc.poll() is None  # still waiting
        assert manifest(project / "public") == before
        fcntl.flock(handle, fcntl.LOCK_UN)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert err.startswith(f"Waiting for another build of {project / 'public'} to finish...\n")
    assert manifest(project / "public") != before


@pytest.mark.parametrize("race", range(2))
def test_two_builds_at_once_never_mix(tmp_path: Path, race: int) -> None:
    out = tmp_path / "site"
    roots = [make_big_project(tmp_path / f"p{v}", *SIZE, version=v)
             for v in (0, 1)]
    expected = []
    for root in roots:
        build(Options(root, output=out))
        expected.append(manifest(out))
    procs = [explainer(root, "--output", str(out)) for root in (roots if race % 2 else
                                                                 roots[::-1])]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert (proc.returncode, err) == (0, "")
    assert manifest(out) in expected


# -- same input, same bytes --------------------------------------------------------------------


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    found = []
    for n, seed in enumerate(("1", "2")):
        root = make_big_project(tmp_path / f"copy{n}", *SIZE)
        env = os.environ | {"PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "generator", "-q", "-C", str(root), "build"],
                       check=True, env=env)
        found.append(manifest(root / "public"))
    assert found[0] == found[1]


# -- the command line never shows a traceback -------------------------------------------------


@pytest.mark.parametrize(("exc", "status", "message"), [
    (RuntimeError("boom"), 2, "explainer: internal error: RuntimeError: boom\n"),
    (KeyboardInterrupt(), 130, "Interrupted: nothing half-written was left behind.\n"),
])
def test_unexpected_errors_are_one_line_not_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], exc: BaseException,
        status: int, message: str) -> None:
    import generator.cli

    def broken(argv: Any = None) -> int:
        raise exc

    monkeypatch.setattr(generator.cli, "main", broken)
    monkeypatch.delenv("EXPLAINER_TRACEBACK", raising=False)
    assert generator.cli.run() == status
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err


def test_build_failed_is_not_an_internal_error(project: Path) -> None:
    put(project, {"site.yaml": "title: [\n"})
    with pytest.raises(BuildFailed):
        build(Options(project))
    done = subprocess.run([sys.executable, "-m", "generator", "-C", str(project), "build"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "internal error" not in done.stderr
