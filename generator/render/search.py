"""Search and previews: the site index script and the Pagefind bundle.

``static/site-index.js`` holds, for every card, what a preview shows (name,
type, roles with dates, summary) and what the built-in search matches (name,
aliases, kind, summary), plus each article's title and dek. It is a script
that assigns the data, not JSON to fetch, so it also loads from ``file://``.

When the Pagefind binary is installed (``pip install 'explainer[search]'`` or
``pagefind[bin]``), the build also indexes the full text of articles and
cards into ``pagefind/``; the search box uses it when the site is served.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import logging
import os
import shutil
import signal
import subprocess
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import Any

from generator import urls
from generator.engine.memo import Memo
from generator.errors import Diagnostic, Location, warning
from generator.markup.markdown import inline_plain
from generator.markup.text import date_range, long_date
from generator.model import Card
from generator.resolve.site import LinkedArticle, Site

log = logging.getLogger(__name__)

TYPE_LABELS = {"person": "Person", "organisation": "Organisation", "place": "Place",
               "concept": "Term", "event": "Event"}
PAGEFIND_DIR = "pagefind"
# Pagefind's own ready-made UIs; the theme has its own search box, so they are left out.
PAGEFIND_SKIP = ("-ui.js", "-ui.css", "pagefind-highlight.js")


def plain_summary(site: Site, card_id: str) -> str:
    """A card's summary as plain text on one line."""
    tokens = site.card_texts[card_id].summary
    text = " ".join(inline_plain(t.children or []) for t in tokens if t.type == "inline")
    return " ".join(text.split())


def site_index(site: Site, pagefind: bool, memo: Memo | None = None) -> bytes:
    """The script that gives previews and the built-in search their data.

    ``memo`` keeps each card's and article's entry, as JSON, from build to build.
    """
    memo = memo or Memo()
    cards = [memo.get(("card", id(card), id(site.card_texts[card.id])),
                      partial(_card_entry, site, card), (card, site.card_texts[card.id]))
             for card in sorted(site.cards.values(), key=lambda c: c.id)]
    articles = [memo.get(("article", id(linked)), partial(_article_entry, linked), linked)
                for linked in site.articles]
    # Keys in order, as json.dumps(sort_keys=True) would put them.
    text = (f'{{"articles":[{",".join(articles)}],"cards":[{",".join(cards)}],'
            f'"pagefind":{_json(pagefind)}}}')
    # Valid JSON is valid JavaScript; "</" is escaped so the data could also sit in a page.
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.explainerIndex={text};\n".encode()


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _card_entry(site: Site, card: Card) -> str:
    entry: dict[str, Any] = {
        "id": card.id, "n": card.name, "t": TYPE_LABELS[card.type],
        "s": plain_summary(site, card.id), "u": urls.card_path(card.id)}
    if card.aliases:
        entry["a"] = list(card.aliases)
    if card.kind:
        entry["k"] = card.kind
    if card.roles:
        entry["r"] = [[r.title, r.start.isoformat(), r.end.isoformat() if r.end else ""]
                      for r in card.roles]
    if card.date:
        entry["d"] = date_range(card.date, card.end_date)
    return _json(entry)


def _article_entry(linked: LinkedArticle) -> str:
    article = linked.article
    return _json({"n": article.title, "s": article.dek, "d": long_date(article.date),
                  "u": urls.article_path(article.id)})


def pagefind_binary() -> Path | None:
    """The Pagefind executable, if the pagefind package (with its binary) is installed."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    try:
        found = get_executable()
    except (FileNotFoundError, OSError):
        return None
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


def pagefind_index(folder: Path, binary: Path) -> tuple[list[str], list[Diagnostic]]:
    """Index the pages under ``folder`` into ``folder/pagefind``; the files of the bundle.

    ``folder`` is the staging folder of a build, so the index is swapped in
    together with the pages it was made from. A failure costs the index, not the build.
    """
    bundle = folder / PAGEFIND_DIR
    try:
        subprocess.run([str(binary), "--site", str(folder), "--output-path", str(bundle),
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
                files.append(path.relative_to(folder).as_posix())
    return files, []
