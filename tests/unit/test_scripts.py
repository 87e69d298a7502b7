"""Aliases in other scripts: word boundaries, normal forms and the language's letter case."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.markup.linking import build_matcher
from generator.markup.marks import MARKS, UNICODE_VERSION, character_class, mark_ranges
from generator.markup.scripts import (
    WORD_CLASS,
    WORD_SPLIT_RE,
    Split,
    capitalised,
    casefold,
    sort_key,
    split_words,
    word_key,
)
from tests.unit.test_linking import rendered_and_linked

Cards = list[tuple[str, str]]


def found(text: str, cards: Cards, language: str = "") -> list[tuple[str, str]]:
    matcher, conflicts = build_matcher(cards, language)
    assert not conflicts
    return [(text[m.start:m.end], m.card) for m in matcher.find(text)]


UKRAINIAN = [("Київ", "kyiv"), ("Києва", "kyiv"), ("Києві", "kyiv"),
             ("Володимир Зеленський", "zelensky"), ("Зеленський", "zelensky"),
             ("Слов'янськ", "sloviansk"), ("Верховна Рада", "rada")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Засідання у Києві, 24 серпня.", [("Києві", "kyiv")]),
    ("«Зеленський» сказав", [("Зеленський", "zelensky")]),
    ("Володимир Зеленський і Верховна Рада", [("Володимир Зеленський", "zelensky"),
                                              ("Верховна Рада", "rada")]),
    ("Київщина і київський", []),  # a longer word is another word
    ("До Києва—й назад", [("Києва", "kyiv")]),
    # The three apostrophes Ukrainian is written with are one.
    ("Слов’янськ і Словʼянськ", [("Слов’янськ", "sloviansk"), ("Словʼянськ", "sloviansk")]),
    ("КИЇВ", []),  # as in English, "UKRAINE" is not "Ukraine"
])
def test_ukrainian(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, UKRAINIAN, "uk") == expected


GREEK = [("Αλέξης Τσίπρας", "tsipras"), ("Τσίπρας", "tsipras"), ("Αθήνα", "athens"),
         ("ευρωζώνη", "eurozone")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ο Αλέξης Τσίπρας, στην Αθήνα.", [("Αλέξης Τσίπρας", "tsipras"), ("Αθήνα", "athens")]),
    ("«Τσίπρας»;", [("Τσίπρας", "tsipras")]),  # the Greek question mark
    ("Αθηναίοι", []),
    ("Ευρωζώνη και ευρωζώνη", [("Ευρωζώνη", "eurozone"), ("ευρωζώνη", "eurozone")]),
    # Decomposed accents (NFD) are the same letters as the composed ones.
    ("στην Αθη\u0301να", [("Αθη\u0301να", "athens")]),
    ("Τσίπρασ", []),  # a word-final σ is a spelling mistake, not the name
])
def test_greek(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, GREEK, "el") == expected


def test_greek_alias_written_decomposed_matches_composed_text() -> None:
    nfd = unicodedata.normalize("NFD", "Αθήνα")
    assert found("Η Αθήνα.", [(nfd, "athens")], "el") == [("Αθήνα", "athens")]


ARABIC = [("القاهرة", "cairo"), ("مصر", "egypt"), ("أحمد الشرع", "sharaa"), ("لندن", "london"),
          ("بلندن", "blondon")]


@pytest.mark.parametrize(("text", "expected"), [
    ("في القاهرة.", [("القاهرة", "cairo")]),
    # Conjunctions and prepositions written onto the name are part of the mention.
    ("والقاهرة وبمصر", [("والقاهرة", "cairo"), ("وبمصر", "egypt")]),
    ("بالقاهرة، للقاهرة، كالقاهرة", [("بالقاهرة", "cairo"), ("للقاهرة", "cairo"),
                                    ("كالقاهرة", "cairo")]),
    ("فمصر", [("فمصر", "egypt")]),
    # A longer word is another word: Cairene, Egyptian.
    ("القاهري مصري", []),
    # Vowel marks and tatweel are optional; the alef with hamza may be written bare.
    ("مِصْرَ ومـصر", [("مِصْرَ", "egypt"), ("ومـصر", "egypt")]),
    ("قال احمد الشرع", [("احمد الشرع", "sharaa")]),
    # Another card's alias of the same letters wins over a prefixed form.
    ("بلندن ولندن", [("بلندن", "blondon"), ("ولندن", "london")]),
])
def test_arabic(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, ARABIC, "ar") == expected


def test_arabic_clitics_are_arabic_only() -> None:
    assert found("والقاهرة القاهرة", ARABIC, "en") == [("القاهرة", "cairo")]
    assert found("بمصر", [("مصر", "egypt")], "fa") == []
    assert found("ومن", [("من", "who")], "ar") == []  # too short to take a prefix


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("tr", "İstanbul'da ve İSTANBUL", [("İstanbul", "istanbul")]),
    ("tr", "ISTANBUL istanbul", []),
    ("tr", "İç savaş başladı; iç savaş sürdü", [("İç savaş", "war"), ("iç savaş", "war")]),
    ("tr", "Iç savaş", []),  # the capital of i is İ in Turkish
    ("az", "İç savaş", [("İç savaş", "war")]),
    ("en", "Iç savaş", [("Iç savaş", "war")]),
    ("en", "İç savaş", []),
    ("tr-TR", "Irmak taştı", [("Irmak", "river")]),  # and of ı is I
])
def test_turkish_capitals(language: str, text: str, expected: list[tuple[str, str]]) -> None:
    cards = [("İstanbul", "istanbul"), ("iç savaş", "war"), ("ırmak", "river")]
    assert found(text, cards, language) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("भारत का", [("भारत", "india")]),
    ("भारतीय सेना", []),  # vowel signs are part of the word: "Indian" is not "India"
    ("Jose\u0301 Mujica", [("Jose\u0301", "mujica")]),
    ("Josef", []),
    ("ایران‌شناسی و ایران", [("ایران", "iran")]),  # a zero-width non-joiner joins
])
def test_marks_and_joiners_are_inside_words(text: str, expected: list[tuple[str, str]]) -> None:
    cards = [("भारत", "india"), ("José", "mujica"), ("ایران", "iran")]
    assert found(text, cards) == expected


def test_the_sentence_capital_follows_the_language() -> None:
    assert capitalised("istanbul", "tr") == "İstanbul"
    assert capitalised("istanbul", "en-GB") == "Istanbul"
    assert capitalised("ırmak", "az") == "Irmak"
    assert capitalised("ǆamija", "hr") == "ǅamija"  # a title-case digraph
    assert capitalised("άρθρο", "el") == "Άρθρο"


@pytest.mark.parametrize(("a", "b", "language", "same"), [
    ("İstanbul", "istanbul", "tr", True),
    ("ISTANBUL", "istanbul", "tr", False),  # I is the capital of ı
    ("ISTANBUL", "ıstanbul", "tr", True),
    ("ISTANBUL", "istanbul", "en", True),
    ("ΤΣΊΠΡΑΣ", "Τσίπρας", "el", True),  # final sigma folds as σ
    ("Straße", "STRASSE", "de", True),
    ("Jose\u0301", "José", "es", True),
])
def test_casefold_by_language(a: str, b: str, language: str, same: bool) -> None:
    assert (casefold(a, language) == casefold(b, language)) is same


def test_word_key() -> None:
    assert word_key("مِصْرَ") == "مصر"
    assert word_key("أحمد") == "احمد"
    assert word_key("שָׁלוֹם") == "שלום"
    assert word_key("Jose\u0301") == "José"


def test_marks_table_is_this_pythons_unicode() -> None:
    """If this fails, Python's Unicode data changed: write MARKS anew (see marks.py)."""
    ranges = mark_ranges()
    if unicodedata.unidata_version == UNICODE_VERSION:
        assert character_class(ranges) == MARKS
        return
    # Another Unicode version: what the table calls a mark still is one (the new marks of
    # that version are not in it until it is written anew).
    table = re.compile(f"[{MARKS}]")
    marks = {point for start, end in ranges for point in range(start, end + 1)}
    assert [hex(p) for p in range(0x110000) if table.match(chr(p)) and p not in marks] == []


WORD = re.compile(f"[{WORD_CLASS}]")


def _letter(char: str) -> bool:
    return char != "\u02bc" and WORD.match(char) is not None

LETTERS = st.sampled_from([
    *"aZé _-'’ʼ.,«»;:\n", "Київ", "Києві", "Αθήνα", "Τσίπρας", "ς", "القاهرة", "مصر", "و", "ب",
    "ل", "\u064e", "\u0640", "أ", "भारत", "ीय", "\u0301", "\u200c", "İ", "ı", "i", "I",
    "\U0001f600", "\U0001d400", "\u212b", "ё", "e\u0308",
])
TEXT = st.lists(LETTERS, max_size=30).map("".join)
ALIASES = st.lists(st.sampled_from(["Київ", "Києві", "Αθήνα", "القاهرة", "مصر", "भारत", "é",
                                    "İstanbul", "i", "ё", "Київ Києві", "a'Z", "ς"]),
                   max_size=5)


def slow_split(text: str) -> Split:
    parts = WORD_SPLIT_RE.split(text.replace("\u02bc", "'"))
    return Split(parts, [word_key(w) for w in parts[1::2]])


@settings(max_examples=500, deadline=None)
@given(text=TEXT)
@example(text="e\u0301")
def test_the_fast_split_is_the_full_one_where_it_is_used(text: str) -> None:
    fast, full = split_words(text), slow_split(text)
    assert fast == full
    assert "".join(fast.parts) == text.replace("\u02bc", "'")


@settings(max_examples=500, deadline=None)
@given(text=TEXT, aliases=ALIASES, language=st.sampled_from(["en", "uk", "el", "ar", "tr"]))
def test_mentions_are_whole_words_in_every_script(text: str, aliases: list[str],
                                                  language: str) -> None:
    matcher, _ = build_matcher(((a, f"c{i}") for i, a in enumerate(aliases)), language)
    matches = matcher.find(text)
    assert matches == matcher.find(text, slow_split(text))
    for match in matches:
        # "ʼ" is a letter to Unicode but an apostrophe to the matcher, as "'" and "’" are
        assert match.start == 0 or not _letter(text[match.start - 1])
        assert match.end == len(text) or not _letter(text[match.end])
        assert text[match.start:match.end].strip() == text[match.start:match.end]


@settings(max_examples=300, deadline=None)
@given(before=TEXT, alias=st.sampled_from(["Київ", "Αθήνα", "القاهرة", "भारत", "İstanbul"]),
       after=TEXT, normal=st.sampled_from(["NFC", "NFD"]))
def test_an_alias_between_separators_is_found(before: str, alias: str, after: str,
                                              normal: str) -> None:
    text = f"{before} {unicodedata.normalize(normal, alias)}, {after}"
    matcher, _ = build_matcher([(alias, "card")], "uk")
    start = len(before) + 1
    assert any(m.start == start and m.card == "card" for m in matcher.find(text))


MARKDOWN_PIECES = st.sampled_from(["Київ", "Києві", "«", "»", "Αθήνα", "القاهرة", "وبالقاهرة",
                                   "مِصْرَ", "İstanbul", "\u0301", "ʼ", " ", "\n\n", "*", "`",
                                   "[", "](https://x.org)", "<", "&", "_", "# "])


@settings(max_examples=200, deadline=None)
@given(text=st.lists(MARKDOWN_PIECES, max_size=30).map("".join),
       language=st.sampled_from(["uk", "ar", "tr"]))
def test_linking_other_scripts_keeps_the_text_and_never_nests(text: str, language: str) -> None:
    cards = [("Київ", "kyiv"), ("القاهرة", "cairo"), ("مصر", "egypt"), ("İstanbul", "ist")]
    matcher, _ = build_matcher(cards, language)
    before, after = rendered_and_linked(text, matcher)
    assert not after.nested and after.depth == 0
    assert "".join(after.text) == "".join(before.text)


@pytest.mark.parametrize(("language", "names"), [
    ("en", ["Æsir", "Aesop", "Afar", "élan", "Élysée Palace", "Emmanuel Macron", "Riyadh",
            "Zelensky"]),
    ("fr", ["Écosse", "Edimbourg", "Élysée", "Étienne", "Eure", "Zurich"]),
    ("pl", ["Az", "Ąb", "Lublin", "Łódź", "Mazury", "Zabrze", "Źródło", "Żory"]),
    ("uk", ["Гарний", "Ґанок", "Дніпро", "Євген", "Жовква", "Иван", "Ігор", "Їжак", "Йосип",
            "Київ", "Яків"]),
    ("es", ["Nube", "Núñez", "Ñandú", "Oviedo"]),
    ("tr", ["Hakan", "ırmak", "İstanbul", "İzmir", "Ordu", "Ödemiş"]),
])
def test_names_sort_in_the_languages_alphabet(language: str, names: list[str]) -> None:
    shuffled = names[::-1][1:] + names[-1:]
    assert sorted(shuffled, key=lambda n: sort_key(n, language)) == names
