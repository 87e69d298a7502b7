"""Where each page lives in the output, and relative links between pages."""

from __future__ import annotations

import posixpath

INDEX_PAGES = {
    # card type -> (output file, heading)
    "person": ("people.html", "Who's who"),
    "organisation": ("organisations.html", "Organisations"),
    "place": ("places.html", "Places"),
    "concept": ("glossary.html", "Glossary"),
    "event": ("timeline.html", "Timeline"),
}
HOME = "index.html"
QUOTES = "quotes.html"
STYLE = "static/style.css"


def card_path(card_id: str) -> str:
    """The output path of a card's page."""
    return f"cards/{card_id}.html"


def article_path(article_id: str) -> str:
    """The output path of an article's page."""
    return f"articles/{article_id}.html"


def relative(target: str, page: str) -> str:
    """A link from output file ``page`` to output path ``target`` (may carry #fragment)."""
    path, _, fragment = target.partition("#")
    here = posixpath.dirname(page)
    rel = posixpath.relpath(path, here or ".") if path else posixpath.basename(page)
    return rel + (f"#{fragment}" if fragment else "")
