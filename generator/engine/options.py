"""What the user asked a build for, and where its output goes.

Apart from the pipeline so that a build with nothing to do, which needs only
these, does not import the stages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import SiteConfig


@dataclass(frozen=True, slots=True)
class Options:
    """What the user asked for on the command line."""

    project: Path
    output: Path | None = None
    base_url: str | None = None
    strict: bool = False
    cache: bool = True  # use and keep the build cache (.explainer-cache/)
    # The day corrections may not be after, and whose roles site-wide pages show
    # (explainer check --today); None: the clock, and for pages the build date.
    today: dt.date | None = None
    # Called with (pages rendered, pages in all) while rendering, e.g. for a progress bar.
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)


def output_dir(options: Options, config: SiteConfig) -> Path:
    """The output folder: --output, else site.yaml's output_dir under the project."""
    return (options.output or options.project / config.output_dir).resolve()
