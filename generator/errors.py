"""Locations and diagnostics shared by every stage of the build, and ``quick_pickling``
for the frozen values of every stage (these first) that the build record reads back."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, fields
from enum import StrEnum
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

V = TypeVar("V")


def quick_pickling(cls: type[V]) -> type[V]:
    """Give a frozen, slotted dataclass a state that pickles and unpickles quickly.

    The build record holds every card and article as loaded, and a build after
    an edit reads them all back: about 150,000 values at 5,000 articles. The
    state that ``dataclass`` gives a slotted class looks up the class's fields
    for every value read back, which was two thirds of the time spent reading;
    here the names are looked up once, when the class is made.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    setters = tuple(getattr(cls, name).__set__ for name in names)  # the slots' descriptors
    state = attrgetter(*names) if len(names) > 1 else (lambda self: (getattr(self, names[0]),))

    def getstate(self: V) -> tuple[Any, ...]:
        return state(self)

    def setstate(self: V, values: tuple[Any, ...]) -> None:
        for set_slot, value in zip(setters, values, strict=True):
            set_slot(self, value)

    made: Any = cls  # the methods are set on the class once it is made
    made.__getstate__, made.__setstate__ = getstate, setstate
    return cls


class Severity(StrEnum):
    """How bad a problem is: errors stop the build, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@quick_pickling
@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a source file; line and col are 1-based, 0 meaning unknown."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path

    def at_line(self, offset: int) -> Location:
        """The same file, ``offset`` lines further down, column unknown."""
        return Location(self.path, self.line + offset, 0) if self.line else self


@quick_pickling
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the project, tied to where it comes from."""

    severity: Severity
    code: str
    message: str
    location: Location
    hint: str = ""

    def format(self) -> str:
        """``path:line:col: error[code]: message`` plus an indented hint line."""
        text = f"{self.location}: {self.severity.value}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def to_json(self) -> dict[str, object]:
        """A plain mapping for ``--format json``."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "path": self.location.path,
            "line": self.location.line,
            "col": self.location.col,
            "hint": self.hint,
        }


def error(code: str, message: str, location: Location, hint: str = "") -> Diagnostic:
    """An error diagnostic."""
    return Diagnostic(Severity.ERROR, code, message, location, hint)


def warning(code: str, message: str, location: Location, hint: str = "") -> Diagnostic:
    """A warning diagnostic."""
    return Diagnostic(Severity.WARNING, code, message, location, hint)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True if any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "did you mean 'x'?" hint for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def unknown_id(kind: str, ref: str, known: Iterable[str], where: Location) -> Diagnostic:
    """An error for a reference to an id no card (or article) has, with the closest id."""
    return error(f"unknown-{kind}", f"unknown {kind} id '{ref}'", where,
                 did_you_mean(ref, known) or f"no {kind} has this id")


def unknown_ref(diagnostic: Diagnostic) -> tuple[str, str] | None:
    """The kind and id of an ``unknown_id`` diagnostic ("card", "smith"), else None."""
    kind = diagnostic.code.removeprefix("unknown-")
    prefix = f"unknown {kind} id '"
    if diagnostic.code == f"unknown-{kind}" and diagnostic.message.startswith(prefix):
        return kind, diagnostic.message.removeprefix(prefix).removesuffix("'")
    return None


def shown(value: object, limit: int = 60) -> str:
    """A value quoted for a message, cut short so that a huge value cannot flood the output."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 4] + "..." + text[-1]


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when it is inside it, else as given."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


class BuildFailed(Exception):
    """The build stopped because of errors; carries every diagnostic found."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        super().__init__(f"{sum(d.severity is Severity.ERROR for d in diagnostics)} error(s)")
        self.diagnostics = diagnostics


def stop_if_failed(diags: list[Diagnostic], strict: bool) -> None:
    """Raise BuildFailed with every problem if there is an error (or, strictly, any problem)."""
    if has_errors(diags) or (strict and diags):
        raise BuildFailed(tuple(diags))
