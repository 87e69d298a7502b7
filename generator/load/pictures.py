"""The ``image:`` field of cards and articles -> a Picture whose file lies inside images/.

Only the name is checked here (where it points, that it is a file of a known
kind); what the file holds is checked when it is processed (``render.pictures``).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from generator.errors import Diagnostic, did_you_mean, error
from generator.load.schema import Checked
from generator.model import Picture
from generator.project import Project, hidden, inside, link_problem

# The kinds of picture the build reads, by suffix.
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
IMAGES = "images"
_DRIVE_RE = re.compile(r"^[A-Za-z]:")


def picture(project: Project, checked: Checked | None,
            diags: list[Diagnostic]) -> Picture | None:
    """The picture an ``image:`` mapping names, or None (with the problem in ``diags``)."""
    if checked is None:
        return None
    where = checked.where("file")
    name = str(checked["file"]).strip()
    focus = checked.get("focus")
    if focus is not None and len(focus) != 2:
        diags.append(error("picture-focus", f"focus has {len(focus)} numbers; it takes two, "
                           "[x, y]", checked.where("focus"),
                           "e.g.  focus: [0.5, 0.3]  (the middle, a third of the way down)"))
        return None
    problem, hint = name_problem(project, name)
    if problem:
        diags.append(error("picture-path", problem, where, hint))
        return None
    return Picture(file=name, alt=checked["alt"], credit=checked["credit"],
                   licence=checked["licence"], source=checked.get("source", ""),
                   focus=(focus[0], focus[1]) if focus else None, location=where)


def name_problem(project: Project, name: str) -> tuple[str, str]:
    """Why ``name`` may not be read as a picture (and a hint), or two empty strings."""
    hint = "name a file under images/, e.g.  file: images/portrait.jpg"
    if "\\" in name or name.startswith("/") or _DRIVE_RE.match(name):
        return f"{name!r} is not a relative path with forward slashes", hint
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return f"{name!r} leads out of images/ ('..' is not allowed)", hint
    if not parts or parts[0] != IMAGES or len(parts) < 2:
        return f"{name!r} is not under images/", f"write  file: images/{parts[-1] if parts else ''}"
    if not name.lower().endswith(PICTURE_SUFFIXES):
        return (f"{name!r} is not a picture the build reads",
                "use a file ending in " + ", ".join(PICTURE_SUFFIXES))
    path = project.root / name
    if hidden(path, project.root):
        return f"{name!r} is a hidden file (dotfiles are never read)", "rename it"
    if path.is_symlink():
        link = link_problem(path, project.root)
        if link:
            return f"{name!r}: {link}", "copy the picture into images/"
    if not inside(path, project.images_dir):
        return f"{name!r} leads out of images/", "copy the picture into images/"
    if not path.is_file():
        return f"picture {name!r} not found", _nearby(project, path)
    return "", ""


def _nearby(project: Project, path: Path) -> str:
    """A did-you-mean among the pictures of the folder, or what it holds."""
    try:
        names = sorted(p.name for p in path.parent.iterdir() if not p.name.startswith("."))
    except OSError:
        names = []
    return did_you_mean(path.name, names) or (
        "files there: " + ", ".join(names[:10]) if names else "images/ has no such folder")
