"""Which names, terms and dates in the articles no card covers yet: ``explainer suggest``.

A heuristic reader, not a parser: it takes runs of capitalised words
("Saudi Arabia", "Bank of England", "John F. Kennedy", "Parc de la Villette",
"Khalid al-Mansouri"), in any script with capitals (Latin, Cyrillic, Greek);
drops the capital of an ordinary word starting a sentence, splits job titles
off names ("US Defense Secretary Pete Hegseth" gives "US" and "Pete
Hegseth"), keeps forms of address with the name ("Sir Keir"), and merges a
short form into the one longer name that contains it ("Trump" into "Donald
Trump", "Van der Berg" into "Pieter van der Berg"), but not a name that a
longer one is named after ("Berlin" stays beside "Berlin Airport"). The
agency of an article's credit line is a name too. What a card already matches
(with the build's own alias matcher) is left out; a short form of a card's
name that the card does not list is reported as a missing alias instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.authoring.kinds import ORGANISATION, PERSON, context_cue, guess_type
from generator.authoring.passages import AnyMatcher, Candidate, dates, places_of, quotes, terms
from generator.authoring.wordlists import (
    CONNECTORS,
    DATE_WORDS,
    GREEK_DATE_STEMS,
    HONORIFICS,
    JOINED_PARTICLES,
    PARTICLES,
    PLACE_NAMES,
    STOPWORDS,
    TITLES,
    is_demonym,
)
from generator.model import Article

__all__ = ["AnyMatcher", "Candidate", "Found", "Suggestions", "guess_type", "names_in",
           "runs", "suggest", "words"]
TOKEN_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
POSSESSIVE_RE = re.compile(r"['’]s$")
OPENERS = "\"“‘'([«—-„‹"
ORDINARY_ENDINGS = ("ly", "ing", "ed", "ental", "ional", "ical")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a paragraph and where it is."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Found:
    """One occurrence of a possible name: its words, the text as written, and clues."""

    key: tuple[str, ...]  # its words, particles in lower case ("van der Berg")
    name: str  # as written, without a form of address
    surface: str
    start: int
    end: int
    titled: bool  # a job title or form of address came before it
    initial: bool  # a single word starting a sentence: maybe just an ordinary word


@dataclass(frozen=True, slots=True)
class Suggestions:
    """What ``suggest`` found: new names, short forms of cards' names, terms, quoted
    passages no quote attributes, and dates."""

    names: tuple[Candidate, ...]
    missing_aliases: tuple[Candidate, ...]
    terms: tuple[Candidate, ...]
    dates: tuple[Candidate, ...]
    quotes: tuple[Candidate, ...] = ()


def words(text: str) -> list[Word]:
    """The words of ``text`` with possessive endings cut off ("NASA's" -> "NASA")."""
    out = []
    for match in TOKEN_RE.finditer(text):
        token = POSSESSIVE_RE.sub("", match.group())
        out.append(Word(token, match.start(), match.start() + len(token)))
    return out


def _capital(word: str) -> bool:
    """Whether a word can be part of a name: a capital, or "al-Mansouri", "l'Industrie"."""
    if word[:1].isupper():
        return True
    lower = word.lower()
    return any(lower.startswith(p) and word[len(p):len(p) + 1].isupper()
               for p in JOINED_PARTICLES)


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if not unicodedata.combining(c))


def date_word(word: str) -> bool:
    """A weekday or month (English, or Greek in any case form)."""
    return word in DATE_WORDS or (_script(word) == "GREEK"
                                  and _plain(word).startswith(GREEK_DATE_STEMS))


def _script(word: str) -> str:
    """The script of the word's first letter: LATIN, CYRILLIC, GREEK..."""
    return unicodedata.name(word[:1], "?").split(" ", 1)[0] if word else ""


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
        if _capital(word.text) and (follows or not date_word(word.text)):
            if not follows and run:
                out.append(run)
                run = []
            run.append(word)
        elif follows and _inner(text, tokens, index, run[-1]):
            run.append(word)
        elif run:
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out


def _inner(text: str, tokens: list[Word], index: int, prev: Word) -> bool:
    """Whether a lower-case word or number continues a name: "Bank of England", "Apollo
    11", "Parc de la Villette" (connectors in a row, then a capital)."""
    word = tokens[index]
    if word.text.isdigit():
        return len(word.text) <= 3 and not date_word(prev.text)
    end, before = index, prev
    while (end < len(tokens) and _joined(text, before, tokens[end])
           and tokens[end].text in CONNECTORS):
        before, end = tokens[end], end + 1
    return (end > index and end < len(tokens) and _capital(tokens[end].text)
            and _joined(text, before, tokens[end]))


def sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence (or a quotation after a colon)."""
    before = text[:start].rstrip().rstrip(OPENERS).rstrip()
    return not before or before[-1] in ".!?:;"


def _ordinary(word: str, lower_words: set[str]) -> bool:
    lower = word.lower()
    if len(word) > 1 and word.isupper():
        return False  # an acronym: "US", not "us"
    return lower in STOPWORDS or lower in lower_words or (
        len(word) > 5 and lower.endswith(ORDINARY_ENDINGS))


def _common_noun(word: str) -> bool:
    """Whether a word seen only starting a sentence is most likely not a name: in a script
    whose function words no list here knows (Cyrillic, Greek), or an English plural
    ("Residents", "Engineers")."""
    if _script(word) in ("CYRILLIC", "GREEK"):
        return True
    return (len(word) > 4 and word.endswith("s") and not word.endswith("ss")
            and not word.isupper() and word not in PLACE_NAMES)


def _key(words_: Sequence[Word]) -> tuple[str, ...]:
    return tuple(w.text.lower() if w.text.lower() in PARTICLES else w.text for w in words_)


def names_in(text: str, lower_words: set[str],
             covered: Sequence[tuple[int, int]] = ()) -> list[Found]:
    """Every possible name in ``text``: runs cleaned of sentence capitals and job titles."""
    found = []
    for run in runs(text, covered):
        first = run[0].text
        particle = first.lower() in PARTICLES and len(run) > 1  # "Van der Berg said"
        if sentence_start(text, run[0].start) and _ordinary(first, lower_words) and not particle:
            run = run[1:]
        while run and run[0].text[:1].islower() and not _capital(run[0].text):
            run = run[1:]  # "of" after "Residents" was dropped
        while run and run[-1].text[:1].islower() and not _capital(run[-1].text):
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
            if not core or all(date_word(w.text) or w.text.isdigit() or w.text in TITLES
                               or is_demonym(w.text) for w in core):
                continue
            single = core[0].text
            if len(core) == 1 and (is_demonym(single) or (
                    single.lower() in STOPWORDS and not (len(single) > 1 and single.isupper()))):
                continue
            initial = len(segment) == 1 and sentence_start(text, segment[0].start)
            if initial and _common_noun(single):
                continue
            found.append(Found(_key(core), text[core[0].start:core[-1].end],
                               text[segment[0].start:segment[-1].end],
                               segment[0].start, segment[-1].end, titled or lead > 0, initial))
    return found


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    size = len(short)
    return size < len(long) and any(long[i:i + size] == short
                                    for i in range(len(long) - size + 1))


def _across_connector(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether ``short`` lies after a connector of ``long`` ("NASA" in "Eagle of NASA"); a
    particle does not count: "Van der Berg" is "Pieter van der Berg"."""
    cut = next((i for i, w in enumerate(long) if w in CONNECTORS and w not in PARTICLES),
               len(long))
    return cut < len(long) and not _inside(short, long[:cut]) and short != long[:cut]


Item = tuple[Found, str, int, str]  # the occurrence, article id, paragraph, context cue


def _named_after(short: tuple[str, ...], long: tuple[str, ...], items: list[Item]) -> bool:
    """Whether ``long`` is something named after ``short`` ("Berlin Airport", "Abu Dhabi
    Energy Authority") while ``short`` also stands for itself ("in Berlin")."""
    if guess_type(long, False) in ("", PERSON):
        return False
    return " ".join(short) in PLACE_NAMES or any(cue and cue != PERSON for *_, cue in items)


def suggest(articles: Sequence[Article], matcher_for: Callable[[Article], AnyMatcher],
            card_names: Iterable[tuple[str, str]]) -> Suggestions:
    """Names, terms and dates in ``articles`` that no alias in force there matches."""
    lower_words = {w.text for a in articles for p in a.paragraphs for w in words(p.text)
                   if w.text.islower()}
    names: dict[tuple[str, ...], list[Item]] = defaultdict(list)
    for article in articles:
        matcher = matcher_for(article)
        for paragraph in article.paragraphs:
            text = paragraph.text
            covered = [(m.start, m.end) for m in matcher.find(text)]
            for item in names_in(text, lower_words, covered):
                names[item.key].append((item, article.id, paragraph.number,
                                        context_cue(text, item.start, item.end)))
        credit = article.credit.strip()
        if credit and not matcher.find(credit):  # "(Reuters)": the agency
            key = _key(words(credit))
            names[key].append((Found(key, credit, credit, 0, len(credit), False, False),
                               article.id, 0, ORGANISATION))
    # Merge a short form into the one longer name that contains it ("Trump").
    for key in sorted(names, key=len):
        longer = [k for k in names if _inside(key, k) and not _across_connector(key, k)
                  and not any(_inside(k, m) for m in names)]
        if len(longer) == 1 and not _named_after(key, longer[0], names[key]):
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
            guess_type(name_key, any(i[0].titled for i in items), (i[3] for i in items)),
            len(items), _forms(i[0].surface for i in items),
            places_of((a, p) for _, a, p, _ in items), next(iter(owners)) if len(owners) == 1
            else "", all(i[0].initial for i in items))
        (gaps if candidate.card else found).append(candidate)
    listed = terms(articles, matcher_for)
    return Suggestions(_ranked(found), _ranked(gaps), _ranked(listed), tuple(dates(articles)),
                       tuple(quotes(articles, (t.name for t in listed))))


def _forms(surfaces: Iterable[str]) -> tuple[str, ...]:
    counts = Counter(surfaces)
    return tuple(sorted(counts, key=lambda s: (-counts[s], -len(s), s)))


def _ranked(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(sorted(candidates, key=lambda c: (c.weak, -c.count, c.places[0][1], c.name)))
