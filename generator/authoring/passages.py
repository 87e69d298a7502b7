"""What ``explainer suggest`` lists besides names: quoted terms, quoted passages, dates."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.authoring.wordlists import MONTHS, WEEKDAYS
from generator.markup.linking import LayeredMatcher, Matcher
from generator.markup.text import snippet
from generator.model import Article
from generator.resolve.quotes import QUOTE_MARKS, QUOTED_RE, TRAILING, attributable, quoted_passage

AnyMatcher = Matcher | LayeredMatcher
_MONTH = "|".join(MONTHS)
DATE_RE = re.compile(
    rf"\b(?:\d{{1,2}} (?:{_MONTH})(?: \d{{4}})?|(?:{_MONTH}) \d{{1,2}}(?:, \d{{4}})?"
    rf"|(?:{_MONTH}) \d{{4}}|(?:1[6-9]|20)\d\d|(?:{'|'.join(WEEKDAYS)}))\b")
TERM_WORDS = 4  # a quoted passage of at most this many words may be a term


@dataclass(frozen=True, slots=True)
class Candidate:
    """Something that may need a card (or a quote attributed), with where it occurs."""

    name: str
    kind: str  # "name", "term", "quote" or "date"
    guess: str  # the card type it looks like, or ""
    count: int
    forms: tuple[str, ...]  # the ways the text writes it, most frequent first
    places: tuple[tuple[str, int], ...]  # (article id, paragraph number; 0: the credit line)
    card: str = ""  # for a missing alias: the card whose name contains it
    weak: bool = False  # only ever a single word starting a sentence


def places_of(places: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """The places in order, each once."""
    return tuple(dict.fromkeys(places))


def _attributed(article: Article) -> list[str]:
    return [attributable(q.text) for q in article.quotes]


def _taken(passage: str, attributed: list[str]) -> bool:
    return any(passage in a or a in passage for a in attributed if a)


def terms(articles: Sequence[Article], matcher_for: Callable[[Article], AnyMatcher],
          ) -> list[Candidate]:
    """Short quoted terms ("US backstop") that are not attributed quotes or recur."""
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for article in articles:
        matcher = matcher_for(article)
        attributed = [q.text.strip(TRAILING) for q in article.quotes]
        body = " ".join(p.text for p in article.paragraphs)
        for paragraph in article.paragraphs:
            for match in QUOTED_RE.finditer(paragraph.text):
                term = quoted_passage(match).strip(TRAILING + QUOTE_MARKS)
                if not 1 <= len(term.split()) <= TERM_WORDS or matcher.find(term):
                    continue
                count = len(re.findall(rf"(?<!\w){re.escape(term)}(?!\w)", body, re.I))
                if count < 2 and any(term in a or a in term for a in attributed):
                    continue
                found[term].append((article.id, paragraph.number))
                counts[term] = max(counts[term], count)
    return [Candidate(term, "term", "concept", counts[term], (term,), places_of(places))
            for term, places in found.items()]


def quotes(articles: Sequence[Article], listed: Iterable[str]) -> list[Candidate]:
    """Every quoted passage that no quote of its article attributes, except the terms
    ``listed`` already: each one to attribute under the article's ``quotes:``."""
    skip = {attributable(t) for t in listed}
    out = []
    for article in articles:
        attributed = _attributed(article)
        for paragraph in article.paragraphs:
            for match in QUOTED_RE.finditer(paragraph.text):
                passage = attributable(quoted_passage(match)).strip(QUOTE_MARKS)
                if passage and passage not in skip and not _taken(passage, attributed):
                    out.append(Candidate(passage, "quote", "", 1, (passage,),
                                         ((article.id, paragraph.number),)))
    return out


def dates(articles: Sequence[Article]) -> list[Candidate]:
    """Dates and weekdays in the text, each with the sentence it is in: events to consider."""
    out = []
    for article in articles:
        for paragraph in article.paragraphs:
            for match in DATE_RE.finditer(paragraph.text):
                around = "".join(snippet(paragraph.text, match.start(), match.end(), 60))
                out.append(Candidate(match.group(), "date", "event", 1, (around,),
                                     ((article.id, paragraph.number),)))
    return out
