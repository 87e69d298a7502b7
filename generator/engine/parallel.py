"""Work split over two processes for large builds.

Below ``PARALLEL_PAGES`` jobs, or where ``fork`` is missing or there is one
core, everything runs in this process. Above it a forked child does the
second half of the jobs while this process does the first: the child
inherits everything (the resolved site, the templates, the open output
folder; nothing is pickled on the way in) and sends back only its result,
which the caller merges in job order, so that the outcome is the same as a
single-process run's.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

PARALLEL_PAGES = 2000  # below this, forking and sending results back costs more than it saves
J = TypeVar("J")
R = TypeVar("R")


def workers() -> int:
    """How many processes a large build uses."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


def split(jobs: Sequence[J], work: Callable[[Sequence[J], bool], R]) -> list[R]:
    """``work`` over ``jobs``: ``[work(jobs, True)]``, or the two halves' results in order.

    The flag tells ``work`` whether it runs in this process (and may report progress).
    """
    if len(jobs) < PARALLEL_PAGES or workers() < 2:
        return [work(jobs, True)]
    half = (len(jobs) + 1) // 2
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, work, jobs[half:]), daemon=True)
    child.start()
    send.close()
    try:
        first = work(jobs[:half], True)
        second: R | BaseException = receive.recv()
    finally:
        receive.close()
        child.join()
    if isinstance(second, BaseException):
        raise second
    return [first, second]


def _child(send: Connection, work: Callable[[Sequence[Any], bool], Any],
           jobs: Sequence[Any]) -> None:
    try:
        result: Any = work(jobs, False)
    except BaseException as exc:
        result = exc
    send.send(result)
    send.close()
