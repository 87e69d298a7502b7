"""Quotes: each attributed quote placed in its paragraph, quoted passages nobody said found."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from generator.errors import Diagnostic, Location, error, unknown_id, warning
from generator.model import Article, Quote

TRAILING = " \t,.;:!?"
# A quoted passage in any of the marks newsrooms use: “double”, "straight", ‘single’ (an
# apostrophe inside is kept: ‘it’s’), «guillemets» (French spacing too), »German«, „low“,
# ‹single guillemets›, and 'straight single' holding a space ('n' in rock 'n' roll is no quote).
QUOTED_RE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|‘((?:[^‘’]|’(?=\w))+)’(?!\w)"
                       r"|«\s?([^«»]+?)\s?»|»([^«»]+)«|„([^„“”]+)[“”]|‹([^‹›]+)›"
                       r"|(?<!\w)'([^'\n]*\s[^'\n]*)'(?!\w)")
QUOTE_MARKS = "\"“”‘’«»„‹›'"


def quoted_passage(match: re.Match[str]) -> str:
    """The words a ``QUOTED_RE`` match holds, without the marks."""
    return next((group for group in match.groups() if group), "")




@dataclass(frozen=True, slots=True)
class PlacedQuote:
    """An attributed quote and the paragraph of the article that holds it."""

    quote: Quote
    article: str
    paragraph: int


def _squash(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).strip(TRAILING)


def place_quotes(
    article: Article, cards: Collection[str]
) -> tuple[list[PlacedQuote], list[Diagnostic]]:
    """Each attributed quote's paragraph; unknown speakers, missing words and unattributed
    quoted passages reported."""
    diags: list[Diagnostic] = []
    placed: list[PlacedQuote] = []
    for quote in article.quotes:
        if quote.speaker not in cards:
            diags.append(unknown_id("card", quote.speaker, cards, quote.location))
            continue
        number = next((p.number for p in article.paragraphs if quote.text in p.text), 0)
        if not number:
            diags.append(error("quote-not-found", f"quote not found in the article text: "
                               f"\"{quote.text}\"", quote.location,
                               "copy the words exactly as they stand in the seed, "
                               "including ’ apostrophes"))
            continue
        placed.append(PlacedQuote(quote, article.id, number))
    attributed = [_squash(q.text) for q in article.quotes]
    for paragraph in article.paragraphs:
        for match in QUOTED_RE.finditer(paragraph.text):
            passage = _squash(quoted_passage(match))
            if passage and not any(passage in a or a in passage for a in attributed if a):
                diags.append(warning(
                    "quote-unattributed", f"quoted passage not attributed to anyone: "
                    f"“{passage}”", Location(paragraph.location.path, paragraph.location.line,
                                             match.start() + 1),
                    f"add it under 'quotes:' in {article.location.path}"))
    return placed, diags
