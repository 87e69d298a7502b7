"""Terminal output for the CLI: colour and progress only on a terminal, quiet mode, tables.

Everything the command line prints goes through a ``Console``, so colour,
``--quiet`` and the progress bar are decided in one place: colour only when
the stream is a terminal (and ``NO_COLOR`` is unset, or ``--color always``),
and a progress bar only on a terminal and only once a job has run for a while.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from generator.errors import Diagnostic, Severity

STYLES = {"error": "1;31", "warning": "1;33", "hint": "36", "ok": "32", "dim": "2",
          "bold": "1", "path": "1"}
# Our own colour codes are kept; any other control character (an escape sequence from a card
# name or a file name that would retitle or clear the terminal) and the bidirectional
# overrides that reorder what is shown are printed as escapes such as \u001b (valid in a JSON
# string too, so that --json output stays JSON).
UNSAFE_RE = re.compile("(" + "|".join(re.escape(f"\x1b[{code}m") for code in
                                      [*STYLES.values(), "0"]) + ")"
                       "|[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                       "\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character written out, so that it cannot drive a terminal."""
    return UNSAFE_RE.sub(lambda m: m.group(1) or f"\\u{ord(m.group()):04x}", text)


class SafeFormatter(logging.Formatter):
    """Log lines made safe for a terminal (a file name or a request path may hold escapes)."""

    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record))


def wants_colour(stream: TextIO, choice: str = "auto") -> bool:
    """Colour for ``stream``: always, never, or (auto) on a terminal unless NO_COLOR is set."""
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(stream) and os.environ.get("TERM") != "dumb"


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Console:
    """Where and how the CLI writes: stdout for results, stderr for problems and progress."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    quiet: bool = False
    colour: str = "auto"

    def style(self, text: str, role: str, stream: TextIO | None = None) -> str:
        """``text`` in the colour of ``role`` when the stream shows colour."""
        if not wants_colour(stream or self.out, self.colour) or role not in STYLES:
            return text
        return f"\x1b[{STYLES[role]}m{text}\x1b[0m"

    def say(self, text: str = "") -> None:
        """A result line on stdout (left out in quiet mode)."""
        if not self.quiet:
            print(terminal_safe(text), file=self.out)

    def result(self, text: str) -> None:
        """Output that is the point of the command (printed even in quiet mode)."""
        print(terminal_safe(text), file=self.out)

    def problem(self, text: str) -> None:
        """A line on stderr (always printed)."""
        print(terminal_safe(text), file=self.err)

    def diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Every diagnostic on stderr, errors first, in file order."""
        ordered = sorted(diagnostics, key=lambda d: (d.severity is not Severity.ERROR,
                                                     d.location))
        for diagnostic in ordered:
            self.problem(self.format(diagnostic))

    def format(self, diagnostic: Diagnostic, stream: TextIO | None = None) -> str:
        """A diagnostic as text, coloured if ``stream`` (default stderr) is a terminal."""
        to = stream or self.err
        head = f"{diagnostic.severity.value}[{diagnostic.code}]"
        text = (f"{self.style(str(diagnostic.location), 'path', to)}: "
                f"{self.style(head, diagnostic.severity.value, to)}: {diagnostic.message}")
        if diagnostic.hint:
            text += f"\n    {self.style('hint:', 'hint', to)} {diagnostic.hint}"
        return text

    def progress(self, label: str, delay: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> Progress:
        """A progress bar on stderr, shown only on a terminal and only after ``delay`` s."""
        show = not self.quiet and is_terminal(self.err)
        return Progress(self.err if show else None, label, delay, clock)


class Progress:
    """A one-line progress bar that appears once a job is slow, and clears itself."""

    def __init__(self, stream: TextIO | None, label: str, delay: float,
                 clock: Callable[[], float]) -> None:
        self.stream = stream
        self.label = label
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.drawn = False

    def update(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` steps."""
        if self.stream is None or self.clock() - self.started < self.delay or total <= 0:
            return
        width = max(10, min(40, shutil.get_terminal_size((80, 24)).columns - 40))
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Clear the bar, if it was drawn."""
        if self.stream is not None and self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def table(rows: Sequence[Sequence[str]], headers: Sequence[str],
          right: frozenset[int] = frozenset()) -> list[str]:
    """Rows as aligned text columns; columns in ``right`` are right-aligned (numbers)."""
    cells = [list(headers)] + [list(r) for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [(c.rjust(w) if i in right else c.ljust(w))
                 for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(parts).rstrip())
    return lines
