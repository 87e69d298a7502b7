"""Where a project's files are, and safe ways to list and read them."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Diagnostic, Location, display_path, error, warning


@dataclass(frozen=True, slots=True)
class Project:
    """The folders of an explainer project, all absolute."""

    root: Path

    @property
    def site_file(self) -> Path:
        """site.yaml."""
        return self.root / "site.yaml"

    @property
    def cards_dir(self) -> Path:
        """content/cards/."""
        return self.root / "content" / "cards"

    @property
    def articles_dir(self) -> Path:
        """content/articles/."""
        return self.root / "content" / "articles"

    @property
    def seeds_dir(self) -> Path:
        """seeds/."""
        return self.root / "seeds"

    @property
    def templates_dir(self) -> Path:
        """templates/ (optional overrides of the theme)."""
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        """static/ (optional files copied into the site)."""
        return self.root / "static"

    @property
    def images_dir(self) -> Path:
        """images/ (the pictures that cards and articles show)."""
        return self.root / "images"

    @property
    def translations_dir(self) -> Path:
        """translations/ (optional message catalogues: <language>.po)."""
        return self.root / "translations"

    def source_dirs(self) -> tuple[Path, ...]:
        """Every folder that holds the project's sources."""
        return (self.root / "content", self.seeds_dir, self.templates_dir, self.static_dir,
                self.images_dir, self.translations_dir)

    def show(self, path: Path) -> str:
        """A path as shown in messages: relative to the project."""
        return display_path(path, self.root)

    def loc(self, path: Path, line: int = 0, col: int = 0) -> Location:
        """A location in ``path``."""
        return Location(self.show(path), line, col)


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies under it (after resolving links)."""
    return _under(_real(path), _real(folder))


def _real(path: Path) -> str:
    """``path`` with every link resolved (as far as it exists), as a string.

    ``os.path.realpath`` on strings: ``Path.resolve`` costs a second ``stat`` per call,
    and the loaders ask this of every file they read. A link loop is left as named;
    reading it then fails with an error of its own.
    """
    return os.path.realpath(path)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def list_files(
    project: Project, folder: Path, suffixes: tuple[str, ...], kind: str = ""
) -> tuple[list[Path], list[Diagnostic]]:
    """Files under ``folder`` with one of ``suffixes``, sorted; links out of the project refused.

    Hidden files and folders (dotfiles) and editor backups (``x~``, ``#x#``) are
    skipped; symbolic links are never followed out of the project or into loops.
    Given the ``kind`` of file the folder holds, any other file is a warning.
    """
    found: list[Path] = []
    diags: list[Diagnostic] = []
    if not folder.is_dir():
        return found, diags
    if refused := folder_problem(project, folder):
        return found, [refused]
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in list(dirnames):
            if (here / name).is_symlink():
                dirnames.remove(name)
                diags.append(error("symlink", "symbolic links to folders are not followed",
                                   project.loc(here / name),
                                   "copy the folder into the project instead"))
        for name in sorted(filenames):
            path = here / name
            if name.startswith((".", "#")) or name.endswith("~"):
                continue
            if not name.endswith(suffixes):
                if kind:
                    diags.append(_not_read(project, path, kind, suffixes))
                continue
            problem = link_problem(path, project.root) if path.is_symlink() else ""
            if problem:
                diags.append(error("symlink", problem, project.loc(path),
                                   "copy the file into the project"))
                continue
            found.append(path)
    return found, diags


def _not_read(project: Project, path: Path, kind: str, suffixes: tuple[str, ...]) -> Diagnostic:
    """The warning for a file that a folder of ``kind`` files holds but that is not read."""
    stem = path.name.split(".")[0] or path.name
    a_kind = ("an " if kind[:1] in "aeiou" else "a ") + kind
    hint = (f"rename it to {stem}{suffixes[0]}" if path.name.lower().endswith(suffixes)
            else f"{a_kind} file ends in {' or '.join(suffixes)}; move the file out if it is "
            "something else")
    return warning("file-ignored", f"not read: {path.name!r} is not {a_kind} file",
                   project.loc(path), hint)


def folder_problem(project: Project, folder: Path) -> Diagnostic | None:
    """An error if the source folder ``folder`` is a link out of the project or to a hidden one."""
    if not inside(folder, project.root):
        return error("symlink", "symbolic link points outside the project",
                     project.loc(folder), "copy the folder into the project instead")
    if hidden(folder, project.root):
        return error("symlink", "symbolic link points to a hidden folder",
                     project.loc(folder), "copy the folder into the project instead")
    return None


def hidden(path: Path, root: Path) -> bool:
    """Whether ``path``, as named or as its links resolve, is or lies in a dotfile of ``root``.

    Dotfiles (``.git/``, ``.env``) are private: nothing under one is ever read.
    """
    return _hidden(path, root, _real(path), _real(root))


def _hidden(path: Path, root: Path, real: str, real_root: str) -> bool:
    """``hidden``, given ``path`` and ``root`` with their links resolved."""
    names: list[str] = []
    for shown, base in ((os.path.abspath(path), os.path.abspath(root)), (real, real_root)):
        if _under(shown, base):
            names += shown[len(base):].split(os.sep)
    return any(name.startswith(".") and name not in (".", "..") for name in names)


def link_problem(link: Path, root: Path) -> str:
    """Why the symbolic link ``link`` may not be read, or an empty string if it may."""
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        return "broken symbolic link (its target does not exist)"
    except (OSError, RuntimeError):
        return "symbolic link loop"
    if not inside(target, root):
        return "symbolic link points outside the project"
    return "symbolic link points to a hidden file" if hidden(target, root) else ""


MAX_TEXT = 20_000_000  # bytes a text source (YAML, a seed) may hold; a long article is 100 kB


def read_source(project: Project, path: Path,
                text: bool = True) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a source file, or a diagnostic if it cannot be read safely.

    A text source (not a static file) larger than ``MAX_TEXT`` is refused unread.
    """
    real, real_root = _real(path), _real(project.root)
    if not _under(real, real_root):
        return None, [error("symlink", "file lies outside the project", project.loc(path))]
    if _hidden(path, project.root, real, real_root):
        return None, [error("symlink", "hidden files (dotfiles) are never read",
                            project.loc(path), "rename it without the leading dot")]
    try:
        # Only regular files: reading a FIFO or a device would hang or never end.
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return None, [error("io", "not a regular file", project.loc(path))]
        if text and st.st_size > MAX_TEXT:
            return None, [too_large(st.st_size, project.loc(path))]
        return path.read_bytes(), []
    except OSError as exc:
        return None, [error("io", f"cannot read file: {exc.strerror}", project.loc(path))]


def too_large(size: int, where: Location) -> Diagnostic:
    """The error for a text source of ``size`` bytes, over ``MAX_TEXT``."""
    return error("io", f"file is too large for a text source ({size:,} bytes; at most "
                 f"{MAX_TEXT:,})", where, "a card, an article or a seed is text: is this the "
                 "right file?")
