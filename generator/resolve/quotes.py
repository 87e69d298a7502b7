"""Quotes: each attributed quote placed in its paragraph, quoted passages nobody said found."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from generator.errors import Diagnostic, Location, error, quick_pickling, unknown_id, warning
from generator.model import Article, Paragraph, Quote

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




@quick_pickling
@dataclass(frozen=True, slots=True)
class PlacedQuote:
    """An attributed quote, the paragraph of the article that holds it, and its words as the
    article quotes them (``quoted``: the passage within the quotation marks, without the
    comma or colon that only joins it to the sentence; the quote's own text when the words
    stand outside quotation marks)."""

    quote: Quote
    article: str
    paragraph: int
    quoted: str = ""


def _squash(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).strip(TRAILING)


def quoted_passages(text: str) -> list[str]:
    """The passages of ``text`` inside quotation marks, with the punctuation inside them."""
    return [quoted_passage(m) for m in QUOTED_RE.finditer(text)]


def attributable(passage: str) -> str:
    """A quoted passage in the form a quote's ``text`` gives it: its words, no trailing
    punctuation (the build matches with or without it)."""
    return " ".join(passage.split()).strip(TRAILING)


def _place(quote: Quote, paragraphs: tuple[Paragraph, ...]) -> tuple[int, str]:
    """Where the quote stands as a quotation: the first paragraph quoting exactly its words,
    else the first quoting them within a longer passage, else the first holding the words."""
    words = _squash(quote.text)
    best: tuple[int, int, str] = (0, 0, "")
    for paragraph in paragraphs:
        for passage in quoted_passages(paragraph.text):
            rank = 3 if _squash(passage) == words else 2 if words in _squash(passage) else 0
            shown = passage.strip().rstrip(",;:") if rank == 3 else quote.text
            if rank > best[0]:
                best = (rank, paragraph.number, shown)
        if not best[0] and quote.text in paragraph.text:
            best = (1, paragraph.number, quote.text)
    return best[1], best[2]


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
        number, quoted = _place(quote, article.paragraphs)
        if not number:
            diags.append(error("quote-not-found", f"quote not found in the article text: "
                               f"\"{quote.text}\"", quote.location,
                               "copy the words exactly as they stand in the seed, "
                               "including ’ apostrophes"))
            continue
        placed.append(PlacedQuote(quote, article.id, number, quoted))
    attributed = [_squash(q.text) for q in article.quotes]
    for paragraph in article.paragraphs:
        for match in QUOTED_RE.finditer(paragraph.text):
            passage = _squash(quoted_passage(match))
            if passage and not any(passage in a or a in passage for a in attributed if a):
                diags.append(warning(
                    "quote-unattributed", f"quoted passage not attributed to anyone: "
                    f"“{passage}”", Location(paragraph.path, paragraph.line,
                                             match.start() + 1),
                    f"add it under 'quotes:' in {article.location.path}"))
    return placed, diags
