"""Run a command as a child process and measure it: wall time, CPU time and peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Run as a user's shell would: Python keeps the bytecode it compiles. A session that sets
# PYTHONDONTWRITEBYTECODE would otherwise time the compiling of every module on every run.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True, slots=True)
class Sample:
    """One run of one command."""

    wall: float  # seconds, from start to exit
    cpu: float  # seconds of user + system time of the child and its children
    peak_mb: float  # the largest resident set size of the child or any of its children


@dataclass(frozen=True, slots=True)
class Figures:
    """The medians of several runs (the peak memory is the largest of them)."""

    wall: float
    cpu: float
    peak_mb: float
    runs: int


class CommandFailed(RuntimeError):
    """A measured command exited with an error."""


def run(command: Sequence[str], cwd: Path) -> Sample:
    """Run ``command`` in ``cwd``; its output is kept only to report a failure."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, env=USER_ENV)
    # wait4 gives the rusage of this child alone (with the children it waited for), which
    # getrusage(RUSAGE_CHILDREN) cannot: its maxrss is the largest of all children so far.
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    if child.returncode != 0:
        tail = output.decode("utf-8", "replace")[-2000:]
        raise CommandFailed(f"{' '.join(command)} exited with {child.returncode}:\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def repeat(runs: int, command: Sequence[str], cwd: Path,
           before: Callable[[int], None] | None = None) -> Figures:
    """Medians over ``runs`` runs; ``before(run)`` prepares each run, outside the timing."""
    samples = []
    for index in range(runs):
        if before:
            before(index)
        samples.append(run(command, cwd))
    return Figures(statistics.median(s.wall for s in samples),
                   statistics.median(s.cpu for s in samples),
                   max(s.peak_mb for s in samples), runs)


def html_files(folder: Path) -> int:
    """How many HTML pages a build wrote."""
    return sum(1 for _ in folder.rglob("*.html"))
