"""The live preview in a real browser: a save reloads the page being looked at, made first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.serve.preview import Preview
from generator.urls import SITE_INDEX
from tests.conftest import SITES, copy_project
from tests.test_serve import CARD, TIMEOUT, edit, running_preview, wait_for

PAGE = "cards/francois-mitterrand.html"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    yield from running_preview(copy_project(SITES / "tunnel", tmp_path / "project"))


def test_the_page_looked_at_shows_the_edit_and_was_written_first(browser: Any,
                                                                 preview: Preview) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(preview.url + PAGE)
        # livereload.js has connected and said which page it shows.
        wait_for(lambda: PAGE in preview._views.pages())
        before = preview.rebuilds
        edit(preview, CARD, "President of France from", "Head of the French state from")
        page.wait_for_function(
            "document.querySelector('main').innerText.includes('Head of the French state')",
            timeout=TIMEOUT * 1000)
        wait_for(lambda: preview.rebuilds > before)
        assert preview.last is not None and preview.last.shown == (PAGE, SITE_INDEX)
    finally:
        context.close()
