"""What the template sandbox costs: render a generated site with and without it.

    .venv/bin/python bench/sandbox.py [CARDS] [ARTICLES]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import Options
from generator.engine.pipeline import load_site
from generator.markup.markdown import make_parser
from generator.project import Project
from generator.render.listings import all_pages
from generator.render.pages import PageMaker
from generator.render.templates import make_environment, render_pages
from tests.hardening.bigsite import make_big_project


def main() -> None:
    cards = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    articles = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    root = make_big_project(Path(tempfile.mkdtemp()) / "p", cards, articles)
    project = Project(root)
    site, _ = load_site(Options(root))
    pages = list(all_pages(PageMaker(site, make_parser())))
    sandboxed, _ = make_environment(project)
    plain = jinja2.Environment(loader=sandboxed.loader, autoescape=True,
                               undefined=jinja2.StrictUndefined, trim_blocks=True,
                               lstrip_blocks=True, keep_trailing_newline=True)
    for name, env in (("plain", plain), ("sandboxed", sandboxed)) * 2:
        started = time.perf_counter()
        html, diags = render_pages(project, env, pages)
        assert not diags
        print(f"{name:>10}: {len(html)} pages rendered in {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    main()
