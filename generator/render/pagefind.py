"""The Pagefind full-text index of a built site.

When the Pagefind binary is installed (``pip install 'explainer[search]'`` or
``pagefind[bin]``), the build also indexes the full text of articles and
cards into ``pagefind/``; the search box uses it when the site is served.
This module imports nothing of the pipeline: a build with nothing to do asks
it for the binary before it loads anything else.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import importlib.util
import os
import shutil
import signal
import subprocess
from contextlib import suppress
from functools import partial
from pathlib import Path

from generator.errors import Diagnostic, Location, warning

PAGEFIND_DIR = "pagefind"
# Pagefind's own ready-made UIs; the theme has its own search box, so they are left out.
PAGEFIND_SKIP = ("-ui.js", "-ui.css", "pagefind-highlight.js")


def pagefind_binary() -> Path | None:
    """The Pagefind executable, if the pagefind package (with its binary) is installed.

    Found the way ``pagefind.service.get_executable`` finds it (``PAGEFIND_BINARY_PATH``,
    then the extended and the plain binary packages, then ``PATH``), without importing
    that module, which brings asyncio with it: a build with nothing to do asks this too.
    """
    if importlib.util.find_spec("pagefind") is None:
        return None
    found: Path | None = None
    if named := os.environ.get("PAGEFIND_BINARY_PATH"):
        found = Path(named)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        if found is None and importlib.util.find_spec(package) is not None:
            with suppress(ImportError, FileNotFoundError, OSError):
                found = Path(importlib.import_module(package).get_executable())
    if found is None:
        external = shutil.which("pagefind_extended") or shutil.which("pagefind")
        found = Path(external) if external else None
    return found if found is not None and found.is_file() else None


def _die_with_parent(parent: int) -> None:
    """In the Pagefind process: end when the build does (Linux), so that a build killed
    while indexing leaves nothing writing into its staging folder."""
    with suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before that took effect
        os._exit(1)


PR_SET_PDEATHSIG = 1


def pagefind_index(site: Path, bundle: Path, binary: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Index the pages under ``site`` into the folder ``bundle``; the files of the bundle.

    ``bundle`` is in the staging folder of a build, so the index is swapped in together
    with the pages it was made from. A failure costs the index, not the build.
    """
    try:
        subprocess.run([str(binary), "--site", str(site), "--output-path", str(bundle),
                        "--silent"], check=True, capture_output=True, text=True, timeout=600,
                       preexec_fn=partial(_die_with_parent, os.getpid()))
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(bundle, ignore_errors=True)
        detail = getattr(exc, "stderr", "") or str(exc)
        return [], [warning("search-index", "Pagefind failed, so the site has no full-text "
                            f"search index: {detail.strip()}", Location(str(binary)))]
    files = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file():
            if path.name.endswith(PAGEFIND_SKIP):
                path.unlink()
            else:
                files.append(path)
    return files, []
