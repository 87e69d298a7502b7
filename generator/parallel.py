"""Making and rendering the pages of a large site on two cores.

Below ``PARALLEL_PAGES`` pages, or where ``fork`` is missing or there is one
core, the build does everything in its own process. Above it a forked child makes and
renders the second half of the page list while this process does the first:
the child inherits the resolved site (nothing is pickled on the way in) and
sends back each page's HTML and head tags. The pages, their HTML and the
diagnostics are merged in page-list order, so the result is the same as a
single-process build's, byte for byte.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

import jinja2

from generator.errors import Diagnostic
from generator.pages import Page, PageMaker
from generator.project import Project
from generator.render import render_pages

PARALLEL_PAGES = 2000  # below this, forking and sending the pages back costs more than it saves
Progress = Callable[[int, int], None] | None
Share = tuple[dict[str, str], list[Page], list[Diagnostic]]


def workers() -> int:
    """How many processes a large build uses."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


def make_and_render(project: Project, env: jinja2.Environment, maker: PageMaker,
                    progress: Progress) -> Share | None:
    """Every page and its HTML, made on two processes; None if the site is too small for it.

    The pages of the child's half keep only what the feed and sitemap read.
    """
    makers = [make for _, make in maker.page_list()]
    if len(makers) < PARALLEL_PAGES or workers() < 2:
        return None
    half = (len(makers) + 1) // 2
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, project, env, makers[half:]),
                            daemon=True)
    child.start()
    send.close()
    try:
        first = _share(project, env, makers[:half], progress, len(makers), 2)
        second: Share | BaseException = receive.recv()
    finally:
        receive.close()
        child.join()
    if isinstance(second, BaseException):
        raise second
    html = first[0] | second[0]
    diags = list(dict.fromkeys(first[2] + second[2]))  # a template error once, as in one process
    return html, first[1] + second[1], diags


def _share(project: Project, env: jinja2.Environment, makers: Sequence[Callable[[], Page]],
           progress: Progress, total: int, step: int) -> Share:
    pages: list[Page] = []
    for made in makers:
        if progress is not None:
            progress(min(total, len(pages) * step), total)
        pages.append(made())
    html, diags = render_pages(project, env, pages)
    return html, pages, diags


def _child(send: Connection, project: Project, env: jinja2.Environment,
           makers: Sequence[Callable[[], Page]]) -> None:
    try:
        html, pages, diags = _share(project, env, makers, None, 0, 1)
        # The feed and sitemap read only each page's path and head tags.
        heads = [Page(p.path, p.template, {"head": p.context.get("head")}) for p in pages]
        result: Any = (html, heads, diags)
    except BaseException as exc:
        result = exc
    send.send(result)
    send.close()
