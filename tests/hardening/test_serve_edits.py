"""No edit is lost in the live preview, however the files arrive: source folders replaced
(``cp -a seeds s2 && ... && rm -rf seeds && mv s2 seeds``), the project deleted and made
again, files saved by renaming a temporary file over them. Each case waits on the page it
changes (generous timeouts, no sleeps that count on luck) and repeats, to catch races."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.serve.preview import Preview
from tests.conftest import INVALID, copy_project
from tests.test_serve import get, running_preview, wait_for

pytestmark = pytest.mark.hostile

TIMEOUT = 30.0
ROUNDS = 4
ARTICLE = "/articles/story.html"
CARD = "/cards/alice.html"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    yield from running_preview(copy_project(INVALID / "_base", tmp_path / "project"))


def shows(preview: Preview, page: str, text: str) -> None:
    """Wait until ``page`` shows ``text`` and the preview has no errors."""
    wait_for(lambda: not preview.errors and text in get(preview, page)[1], TIMEOUT)


def replace_folder(root: Path, name: str, file: str, old: str, new: str) -> None:
    """Copy a folder, edit the copy, and put it in the original's place."""
    shutil.copytree(root / name, root / f"{name}.new", symlinks=True, copy_function=shutil.copy2)
    path = root / f"{name}.new" / file
    path.write_text(path.read_text().replace(old, new))
    shutil.rmtree(root / name)
    os.rename(root / f"{name}.new", root / name)


@pytest.mark.parametrize(("folder", "file", "page", "text"), [
    ("seeds", "story.txt", ARTICLE, "They spoke."),
    ("content", "cards/alice.yaml", CARD, "A person in the story."),
    ("static", "note.txt", "/static/note.txt", "A note."),
    ("templates", "card.html", CARD, "A template.")])
def test_a_replaced_source_folder_is_seen(preview: Preview, folder: str, file: str, page: str,
                                          text: str) -> None:
    path = preview.project.root / folder / file
    if not path.exists():  # made while serving: a new folder is watched too
        path.parent.mkdir()
        path.write_text(text if folder == "static" else
                        '{% extends "base.html" %}{% block main %}' + text + "{% endblock %}")
    shows(preview, page, text)
    for n in range(ROUNDS):
        replace_folder(preview.project.root, folder, file, text, f"Take {n}.")
        text = f"Take {n}."
        shows(preview, page, text)


def test_an_edit_right_after_a_folder_is_replaced_is_seen(preview: Preview) -> None:
    root = preview.project.root
    for n in range(ROUNDS):
        replace_folder(root, "seeds", "story.txt", "They", "They")  # same text, new folder
        story = root / "seeds/story.txt"  # edited at once, before any watch of the new folder
        story.write_text(re.sub(r"spoke\w*\.", f"spoke{n}x.", story.read_text()))
        shows(preview, ARTICLE, f"They spoke{n}x.")


def test_a_deleted_and_recreated_project_is_seen(preview: Preview, tmp_path: Path) -> None:
    root = preview.project.root
    backup = copy_project(root, tmp_path / "backup")
    for n in range(ROUNDS):
        story = backup / "seeds/story.txt"
        story.write_text(f"Alice Example met Bob Example in round {n}.\nThey spoke.\n")
        shutil.rmtree(root)
        shutil.copytree(backup, root, copy_function=shutil.copy2)
        shows(preview, ARTICLE, f"in round {n}.")
    # and the new project is watched: an ordinary edit still shows
    card = root / "content/cards/alice.yaml"
    card.write_text(card.read_text().replace("A person in the story.", "Edited after."))
    shows(preview, CARD, "Edited after.")


def test_a_project_moved_away_and_back_is_seen(preview: Preview, tmp_path: Path) -> None:
    root = preview.project.root
    for n in range(ROUNDS):
        os.rename(root, tmp_path / "away")
        story = tmp_path / "away/seeds/story.txt"
        story.write_text(f"Alice Example met Bob Example, away {n}.\nThey spoke.\n")
        os.rename(tmp_path / "away", root)
        shows(preview, ARTICLE, f"away {n}.")


def test_files_saved_by_renaming_over_them_are_seen(preview: Preview) -> None:
    root = preview.project.root
    for n in range(ROUNDS):
        for name, page, text in (("seeds/story.txt", ARTICLE,
                                  f"Alice Example met Bob Example, save {n}.\nThey spoke.\n"),
                                 ("content/cards/alice.yaml", CARD, None)):
            path = root / name
            new = text or re.sub(r"(?m)^summary: .*$", f"summary: Saved {n}.", path.read_text())
            temporary = path.with_name(f".{path.name}.swp")  # hidden: the watcher skips it
            temporary.write_text(new)
            os.replace(temporary, path)
            shows(preview, page, f"save {n}." if text else f"Saved {n}.")
