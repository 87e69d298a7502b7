"""Words and letter case in every script, by the site's language.

A word is a run of letters, digits and combining marks of any script: Python's
``\\w`` (letters and digits of every script, and "_") with the marks of
``marks.MARKS`` (accents, Devanagari vowel signs, Arabic harakat, Hebrew points)
and the zero-width (non-)joiners Persian and Indic text writes inside words. The
modifier letter apostrophe "ʼ" (U+02BC, as in Ukrainian "Обʼєднання") separates
words like the other apostrophes do, so it matches "'" and "’".

Words are compared by a key: the word in NFC form, without the optional Arabic
vowel marks and tatweel and the Hebrew points, with the Arabic alef forms (أ إ آ ٱ)
as a bare alef. Most text needs none of this: ``split_words`` checks the text once
and only text with such characters takes the slower path.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from generator.markup.marks import MARKS

FAST_SPLIT_RE = re.compile(r"(\w+)")
WORD_CLASS = rf"\w{MARKS}\u200c\u200d"
WORD_SPLIT_RE = re.compile(rf"([{WORD_CLASS}]+)")
WORD_RE = re.compile(rf"[{WORD_CLASS}]+")
_BMP_MARKS = MARKS[:next(i for i, c in enumerate(MARKS) if ord(c) > 0xFFFF)]
# Text with none of these splits the same by \w alone, and its words are their own keys.
SLOW_RE = re.compile(rf"[{_BMP_MARKS}\u200c\u200d\u02bc\u0640\u0622\u0623\u0625\u0671"
                     r"\U00010000-\U0010ffff]")
# Marks a writer may leave out: Arabic harakat and the superscript alef, the tatweel,
# the Hebrew points and cantillation marks.
OPTIONAL_RE = re.compile("[\u064b-\u065f\u0670\u0640\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4"
                         "\u05c5\u05c7]")
ALEFS = str.maketrans("أإآٱ", "اااا")
# Turkish and Azerbaijani write the capital of i as İ (and of ı as I).
DOTTED_I = frozenset({"tr", "az"})
# Arabic writes "and", "so" and the prepositions "with, in", "like", "for" onto the
# next word: وباريس, بالقاهرة; ل with the article ال is written لل (للقاهرة).
ARABIC_CONJUNCTIONS = ("", "و", "ف")
ARABIC_PREPOSITIONS = ("", "ب", "ك", "ل")
ARABIC_LETTERS_RE = re.compile("[\u0621-\u064a\u0671-\u06d3]")
CLITIC_MIN_LETTERS = 3  # a shorter word with a prefix is too often another word


class Split(NamedTuple):
    """A text cut into [separator, word, ..., separator], and the words' keys."""

    parts: list[str]
    keys: list[str]


def split_words(text: str) -> Split:
    """``text`` cut into words and the separators between them, with each word's key."""
    if text.isascii() or (SLOW_RE.search(text) is None
                          and unicodedata.is_normalized("NFC", text)):
        parts = FAST_SPLIT_RE.split(text)
        return Split(parts, parts[1::2])
    parts = WORD_SPLIT_RE.split(text.replace("\u02bc", "'"))
    return Split(parts, [word_key(word) for word in parts[1::2]])


def words_of(text: str) -> list[re.Match[str]]:
    """The words of ``text`` (an alias), as matches of ``WORD_RE``."""
    return list(WORD_RE.finditer(text.replace("\u02bc", "'")))


def word_key(word: str) -> str:
    """What a word is compared by: NFC, optional marks left out, alefs made plain."""
    word = unicodedata.normalize("NFC", word)
    if not word.isascii():
        word = OPTIONAL_RE.sub("", word).translate(ALEFS)
    return word


def primary(language: str) -> str:
    """The language of a BCP 47 tag, in lower case: 'tr' for 'tr-TR'."""
    return language.split("-", 1)[0].split("_", 1)[0].lower()


def capitalised(word: str, language: str) -> str:
    """``word`` with a capital first letter, as the language writes it ('istanbul' ->
    'İstanbul' in Turkish, 'Istanbul' elsewhere)."""
    if not word:
        return word
    first = word[0]
    if primary(language) in DOTTED_I and first == "i":
        return "İ" + word[1:]
    return first.title() + word[1:]


def casefold(text: str, language: str) -> str:
    """``text`` folded for comparing without case, by the language's rules: in Turkish and
    Azerbaijani İ folds to i and I to ı; elsewhere the full Unicode case folding (ς and σ
    alike, ß as ss), in NFC form."""
    text = unicodedata.normalize("NFC", text)
    if primary(language) in DOTTED_I:
        text = text.replace("İ", "i").replace("I", "ı")
    return unicodedata.normalize("NFC", text.casefold())


def clitic_forms(word: str, language: str) -> list[str]:
    """The forms of an alias's first word with attached Arabic conjunctions and prepositions
    (in Arabic sites, for words of three letters or more); [] otherwise."""
    if primary(language) != "ar" or len(ARABIC_LETTERS_RE.findall(word)) < CLITIC_MIN_LETTERS \
            or not ARABIC_LETTERS_RE.match(word):
        return []
    forms = []
    for conjunction in ARABIC_CONJUNCTIONS:
        for preposition in ARABIC_PREPOSITIONS:
            if not conjunction and not preposition:
                continue
            if preposition == "ل" and word.startswith("ال"):
                forms.append(conjunction + "ل" + word[1:])
            else:
                forms.append(conjunction + preposition + word)
    return forms


# Letters a language sorts as letters of their own, each after the first of its group:
# Polish "łódź" after every "lu...", Ukrainian "і" between "и" and "й" (where Unicode's order
# puts it after "я"). In every language, the letters with no accent to take off sort after
# their base letter (``ANY_LANGUAGE``), and the others with it ("Élysée" under E, not after Z).
OWN_LETTERS = {
    "es": "nñ",
    "pl": "aą cć eę lł nń oó sś zźż",
    "tr": "cç gğ hıi oö sş uü",
    "az": "cç gğ hıi oö sş uü",
    "uk": "гґ еє иіїй",
}
ANY_LANGUAGE = "dđ iı lł oø гґ еє иі"
LIGATURES = {ord("æ"): "ae", ord("œ"): "oe"}


def _ranks(groups: str) -> dict[int, str]:
    table: dict[int, str] = {}
    for group in groups.split():
        for rank, letter in enumerate(group[1:], start=1):
            table[ord(letter)] = group[0] + "\uffff" * rank
    return table


_ANY_RANKS = _ranks(ANY_LANGUAGE) | LIGATURES


@functools.cache
def _own_ranks(language: str) -> dict[int, str]:
    return _ranks(OWN_LETTERS.get(language, ""))


# Kept: every listing sorts the same few thousand names, in every build and live rebuild.
@functools.lru_cache(maxsize=1 << 16)
def sort_key(text: str, language: str) -> tuple[str, str, str]:
    """What names are put in alphabetical order by, in the site's language: letters without
    their accents and case first, then with them ("élan" before "Élysée", both among the
    E's), the language's own letters in their place (see ``OWN_LETTERS``)."""
    folded = casefold(text, language)
    decomposed = unicodedata.normalize("NFKD", folded.translate(_own_ranks(primary(language))))
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.translate(_ANY_RANKS), folded, text
