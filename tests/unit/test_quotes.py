"""Quotes are placed where they stand as quotations."""

from __future__ import annotations

import datetime as dt

from generator.errors import Location
from generator.model import EMPTY_BODY, Article, Paragraph, Quote
from generator.resolve.quotes import place_quotes

HERE = Location("a.yaml", 1, 1)


def article(*texts: str, quotes: tuple[str, ...]) -> Article:
    return Article("a", "A", "", dt.date(2025, 2, 18), "", "", "a.txt", (),
                   tuple(Quote("ks", q, "", HERE) for q in quotes), (),
                   tuple(Paragraph(i, t, HERE.path, HERE.line) for i, t in enumerate(texts, 1)),
                   EMPTY_BODY,
                   HERE, HERE)


def test_a_quote_is_placed_where_it_is_quoted_not_where_its_words_first_appear() -> None:
    placed, diags = place_quotes(article(
        "Any deal would need a “US backstop” to deter Russia.",
        "He did not say what he meant by a “backstop,” but aides did.",
        quotes=("backstop", "US backstop")), {"ks"})
    assert not diags
    assert [(p.quote.text, p.paragraph, p.quoted) for p in placed] == [
        ("backstop", 2, "backstop"), ("US backstop", 1, "US backstop")]


def test_the_words_are_shown_as_quoted_with_the_punctuation_inside_the_marks() -> None:
    placed, _ = place_quotes(article("Scholz called it “completely premature.”",
                                     "They said “This is the key,” he added.",
                                     quotes=("completely premature", "This is the key")),
                             {"ks"})
    assert [p.quoted for p in placed] == ["completely premature.", "This is the key"]


def test_words_outside_quotation_marks_still_place_the_quote() -> None:
    placed, diags = place_quotes(article("No marks here: a plain phrase.",
                                         quotes=("plain phrase",)), {"ks"})
    assert [(p.paragraph, p.quoted) for p in placed] == [(1, "plain phrase")]
    assert not [d for d in diags if d.code == "quote-not-found"]


def test_quoted_passages_in_every_kind_of_mark() -> None:
    from generator.resolve.quotes import quoted_passages

    text = "«Nobody asked us», he said. „Ja“, „Nein“ and ‘quite so’ and “done”."
    assert quoted_passages(text) == ["Nobody asked us", "Ja", "Nein", "quite so", "done"]
