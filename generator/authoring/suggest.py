"""Which names, terms and dates in the articles no card covers yet: ``explainer suggest``.

A heuristic reader, not a parser: it takes runs of capitalised words
("Saudi Arabia", "Bank of England", "John F. Kennedy"), drops the capital of
an ordinary word starting a sentence, splits job titles off names ("US
Defense Secretary Pete Hegseth" gives "US" and "Pete Hegseth"), keeps forms
of address with the name ("Sir Keir"), and merges a short form into the one
longer name that contains it ("Trump" into "Donald Trump"). What a card
already matches (with the build's own alias matcher) is left out; a short
form of a card's name that the card does not list is reported as a missing
alias instead.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.authoring.wordlists import (
    CONNECTORS,
    DATE_WORDS,
    HONORIFICS,
    MONTHS,
    ORGANISATION_WORDS,
    PLACE_NAMES,
    PLACE_WORDS,
    STOPWORDS,
    TITLES,
    WEEKDAYS,
    is_demonym,
)
from generator.markup.linking import LayeredMatcher, Matcher
from generator.markup.text import snippet
from generator.model import Article
from generator.resolve.quotes import QUOTE_MARKS, QUOTED_RE, TRAILING, quoted_passage

TOKEN_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
POSSESSIVE_RE = re.compile(r"['’]s$")
OPENERS = "\"“‘'([«—-"
_MONTH = "|".join(MONTHS)
DATE_RE = re.compile(
    rf"\b(?:\d{{1,2}} (?:{_MONTH})(?: \d{{4}})?|(?:{_MONTH}) \d{{1,2}}(?:, \d{{4}})?"
    rf"|(?:{_MONTH}) \d{{4}}|(?:1[6-9]|20)\d\d|(?:{'|'.join(WEEKDAYS)}))\b")
AnyMatcher = Matcher | LayeredMatcher
PLACE_PREPOSITIONS = ("in", "from", "to", "at", "near", "across", "towards", "into")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a paragraph and where it is."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Found:
    """One occurrence of a possible name: its words, the text as written, and clues."""

    key: tuple[str, ...]
    name: str  # as written, without a form of address
    surface: str
    start: int
    end: int
    titled: bool  # a job title or form of address came before it
    initial: bool  # a single word starting a sentence: maybe just an ordinary word


@dataclass(frozen=True, slots=True)
class Candidate:
    """Something that may need a card, with where it occurs."""

    name: str
    kind: str  # "name", "term" or "date"
    guess: str  # the card type it looks like, or ""
    count: int
    forms: tuple[str, ...]  # the ways the text writes it, most frequent first
    places: tuple[tuple[str, int], ...]  # (article id, paragraph number), in text order
    card: str = ""  # for a missing alias: the card whose name contains it
    weak: bool = False  # only ever a single word starting a sentence


@dataclass(frozen=True, slots=True)
class Suggestions:
    """What ``suggest`` found: new names, short forms of cards' names, terms and dates."""

    names: tuple[Candidate, ...]
    missing_aliases: tuple[Candidate, ...]
    terms: tuple[Candidate, ...]
    dates: tuple[Candidate, ...]


def words(text: str) -> list[Word]:
    """The words of ``text`` with possessive endings cut off ("NASA's" -> "NASA")."""
    out = []
    for match in TOKEN_RE.finditer(text):
        token = POSSESSIVE_RE.sub("", match.group())
        out.append(Word(token, match.start(), match.start() + len(token)))
    return out


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _joined(text: str, prev: Word, word: Word) -> bool:
    gap = text[prev.end:word.start] if prev.end <= word.start else "?"
    return gap in (" ", "\u00a0") or (gap == ". " and len(prev.text) == 1 and prev.text.isupper())


def runs(text: str, covered: Sequence[tuple[int, int]] = ()) -> list[list[Word]]:
    """Maximal runs of capitalised words, with connectors and short numbers inside.

    Words inside ``covered`` spans (what cards already match) end a run.
    """
    tokens = [w for w in words(text)
              if not any(s < w.end and w.start < e for s, e in covered)]
    out: list[list[Word]] = []
    run: list[Word] = []
    for index, word in enumerate(tokens):
        follows = bool(run) and _joined(text, run[-1], word)
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if _capital(word.text) and (follows or word.text not in DATE_WORDS):
            if not follows and run:
                out.append(run)
                run = []
            run.append(word)
        elif follows and _inner(text, run[-1], word, nxt):
            run.append(word)
        elif run:
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out


def _inner(text: str, prev: Word, word: Word, nxt: Word | None) -> bool:
    """Whether a lower-case word or number continues a name: "Bank of England", "Apollo 11"."""
    if word.text.isdigit():
        return len(word.text) <= 3 and prev.text not in DATE_WORDS
    joins = word.text in CONNECTORS or (word.text == "the" and prev.text == "of")
    return joins and nxt is not None and _capital(nxt.text) and _joined(text, word, nxt)


def sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence (or a quotation after a colon)."""
    before = text[:start].rstrip().rstrip(OPENERS).rstrip()
    return not before or before[-1] in ".!?:;"


def _ordinary(word: str, lower_words: set[str]) -> bool:
    lower = word.lower()
    if len(word) > 1 and word.isupper():
        return False  # an acronym: "US", not "us"
    return lower in STOPWORDS or lower in lower_words or (
        len(word) > 5 and lower.endswith(("ly", "ing", "ed")))


def names_in(text: str, lower_words: set[str],
             covered: Sequence[tuple[int, int]] = ()) -> list[Found]:
    """Every possible name in ``text``: runs cleaned of sentence capitals and job titles."""
    found = []
    for run in runs(text, covered):
        if sentence_start(text, run[0].start) and _ordinary(run[0].text, lower_words):
            run = run[1:]
        while run and run[-1].text[:1].islower():
            run = run[:-1]
        titles = [i for i, w in enumerate(run) if w.text in TITLES]
        segments = [(run, False)]
        if titles and titles[-1] < len(run) - 1:
            head = run[:titles[0]]
            while head and is_demonym(head[-1].text):
                head = head[:-1]
            segments = [(head, False), (run[titles[-1] + 1:], True)]
        for segment, titled in segments:
            lead = 0
            while lead < len(segment) and segment[lead].text in HONORIFICS:
                lead += 1
            core = segment[lead:]
            if not core or all(w.text in DATE_WORDS or w.text.isdigit() or w.text in TITLES
                               or is_demonym(w.text) for w in core):
                continue
            single = core[0].text
            if len(core) == 1 and (is_demonym(single) or (
                    single.lower() in STOPWORDS and not (len(single) > 1 and single.isupper()))):
                continue
            found.append(Found(tuple(w.text for w in core), text[core[0].start:core[-1].end],
                               text[segment[0].start:segment[-1].end],
                               segment[0].start, segment[-1].end, titled or lead > 0,
                               len(segment) == 1 and sentence_start(text, segment[0].start)))
    return found


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    size = len(short)
    return size < len(long) and any(long[i:i + size] == short
                                    for i in range(len(long) - size + 1))


def _across_connector(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether ``short`` lies after a connector of ``long`` ("NASA" in "Eagle of NASA")."""
    cut = next((i for i, w in enumerate(long) if w in CONNECTORS), len(long))
    return cut < len(long) and not _inside(short, long[:cut]) and short != long[:cut]


def guess_type(key: tuple[str, ...], titled: bool, place_hint: bool) -> str:
    """The card type a name looks like, from its words and what stood before it."""
    if key[-1] in ORGANISATION_WORDS or (len(key) == 1 and key[0].isupper() and
                                         len(key[0]) >= 3):
        return "organisation"
    if key[-1] in PLACE_WORDS or " ".join(key) in PLACE_NAMES or place_hint:
        return "place"
    if titled or (len(key) in (2, 3) and all(w[:1].isupper() for w in key)):
        return "person"
    return ""


def suggest(articles: Sequence[Article], matcher_for: Callable[[Article], AnyMatcher],
            card_names: Iterable[tuple[str, str]]) -> Suggestions:
    """Names, terms and dates in ``articles`` that no alias in force there matches."""
    lower_words = {w.text for a in articles for p in a.paragraphs for w in words(p.text)
                   if w.text.islower()}
    names: dict[tuple[str, ...], list[tuple[Found, str, int, bool]]] = defaultdict(list)
    for article in articles:
        matcher = matcher_for(article)
        for paragraph in article.paragraphs:
            text = paragraph.text
            covered = [(m.start, m.end) for m in matcher.find(text)]
            for item in names_in(text, lower_words, covered):
                before = text[:item.start].split()
                place = bool(before) and before[-1].lower() in PLACE_PREPOSITIONS
                names[item.key].append((item, article.id, paragraph.number, place))
    # Merge a short form into the one longer name that contains it ("Trump").
    for key in sorted(names, key=len):
        longer = [k for k in names if _inside(key, k) and not _across_connector(key, k)
                  and not any(_inside(k, m) for m in names)]
        if len(longer) == 1:
            names[longer[0]] += names.pop(key)
    card_keys = defaultdict(set)
    for alias, card in card_names:
        card_keys[tuple(w.text for w in words(alias) if w.text not in HONORIFICS)].add(card)
    found: list[Candidate] = []
    gaps: list[Candidate] = []
    for key, items in names.items():
        owners = {c for k, cards in card_keys.items() if _inside(key, k) for c in cards}
        name_key = max((i[0].key for i in items), key=len)
        candidate = Candidate(
            next(i[0].name for i in items if i[0].key == name_key), "name",
            guess_type(name_key, any(i[0].titled for i in items), any(i[3] for i in items)),
            len(items), _forms(i[0].surface for i in items),
            _places((a, p) for _, a, p, _ in items), next(iter(owners)) if len(owners) == 1
            else "", all(i[0].initial for i in items))
        (gaps if candidate.card else found).append(candidate)
    return Suggestions(_ranked(found), _ranked(gaps), _ranked(terms(articles, matcher_for)),
                       tuple(dates(articles)))


def _forms(surfaces: Iterable[str]) -> tuple[str, ...]:
    counts = Counter(surfaces)
    return tuple(sorted(counts, key=lambda s: (-counts[s], -len(s), s)))


def _places(places: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple(dict.fromkeys(places))


def _ranked(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(sorted(candidates, key=lambda c: (c.weak, -c.count, c.places[0][1], c.name)))


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
                if not 1 <= len(term.split()) <= 4 or matcher.find(term):
                    continue
                count = len(re.findall(rf"(?<!\w){re.escape(term)}(?!\w)", body, re.I))
                if count < 2 and any(term in a or a in term for a in attributed):
                    continue
                found[term].append((article.id, paragraph.number))
                counts[term] = max(counts[term], count)
    return [Candidate(term, "term", "concept", counts[term], (term,), _places(places))
            for term, places in found.items()]


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
