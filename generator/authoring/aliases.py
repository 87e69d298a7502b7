"""Aliases that may link the wrong words: too short, ordinary words, roles, shared or partial.

Each problem is a warning at the alias in its card file, with the evidence
from the articles where there is some ("'reform' occurs in lower case in
article x, paragraph 3").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from generator.authoring.suggest import AnyMatcher, names_in, words
from generator.authoring.wordlists import CONNECTORS, HONORIFICS, STOPWORDS, TITLES, is_demonym
from generator.errors import Diagnostic, Location, warning
from generator.markup.scripts import capitalised, casefold
from generator.markup.text import long_date
from generator.model import Article, Card

ROLE_WORDS = frozenset(w.lower() for w in TITLES) | {"leader", "boss", "head", "chief"}


def alias_warnings(cards: Sequence[Card], articles: Sequence[Article],
                   matcher_for: Callable[[Article], AnyMatcher],
                   language: str = "") -> list[Diagnostic]:
    """Every alias that is short, common, a role, shared with another card, or partial
    (letter case compared by the rules of the site's ``language``)."""
    lower_words: dict[str, tuple[str, int]] = {}  # by the word case-folded
    for article in articles:
        for paragraph in article.paragraphs:
            for word in words(paragraph.text):
                if word.text.islower():
                    lower_words.setdefault(casefold(word.text, language),
                                           (article.id, paragraph.number))
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)  # (type, word) -> cards
    for card in cards:
        for name in card.all_names:
            for word in words(name):
                owners[card.type, word.text].add(card.id)
    diags = []
    for card in cards:
        for alias, where in zip(card.all_names, card.alias_locations, strict=True):
            diags += _alias_problems(card, alias, where, lower_words, owners, language)
    diags += _partial_matches(cards, articles, matcher_for, language)
    return diags


def _alias_problems(card: Card, alias: str, where: Location,
                    lower_words: dict[str, tuple[str, int]],
                    owners: dict[tuple[str, str], set[str]], language: str) -> list[Diagnostic]:
    found = [w.text for w in words(alias)]
    out = []
    if short_alias(alias):
        out.append(warning("alias-short", f"alias '{alias}' of card '{card.id}' is very "
                           "short: it links every such letter or word in the text", where,
                           "use a longer form, e.g. the full name"))
    if len(found) == 1 and not alias.isupper():
        word = found[0]
        folded = casefold(word, language)
        seen = lower_words.get(folded)
        if folded in STOPWORDS or (seen and word[:1].isupper()):
            evidence = f" ('{folded}' is in {seen[0]}, paragraph {seen[1]})" if seen else ""
            out.append(warning("alias-common-word", f"alias '{alias}' of card '{card.id}' is "
                               f"also an ordinary word{evidence}: starting a sentence, the "
                               "ordinary word will link to the card", where,
                               "use a longer form, or check the links on the built pages"))
        others = sorted(owners.get((card.type, word), set()) - {card.id})
        # A card's own one-word name ("Berlin") beside a longer name ("Berlin Airport"):
        # the longest match already decides, and a bare "Berlin" is this card.
        if others and alias != card.name:
            out.append(warning("alias-ambiguous", f"alias '{alias}' of card '{card.id}' is "
                               f"also part of the name of {card.type} card '{others[0]}'"
                               + (f" and {len(others) - 1} more" if len(others) > 1 else "")
                               + f": a bare '{alias}' always links to '{card.id}'", where,
                               "keep it only if it cannot mean the other card"))
    if card.type == "person" and _role_phrase(found):
        out.append(warning("alias-role", f"alias '{alias}' of card '{card.id}' names a role, "
                           "not the person: in an article from a time someone else held it, "
                           "it links the wrong person", where,
                           "move it to the aliases: of the role under roles:, where it links "
                           "only in articles dated within the role"))
    return out


def short_alias(alias: str) -> bool:
    """Whether an alias is so short that it links stray letters: "X", "Al" (not "UK")."""
    size = len(alias.strip())
    return size == 1 or (size == 2 and not alias.isupper())


def _role_phrase(found: list[str]) -> bool:
    """Whether the words name a position ("the UK prime minister", "German Chancellor")."""
    if not {w.lower() for w in found} & ROLE_WORDS:
        return False
    return all(w in TITLES or is_demonym(w) or (w.isupper() and len(w) <= 3) or w.islower()
               for w in found)


def _alias_location(card: Card, alias: str, language: str) -> Location:
    for name, where in zip(card.all_names, card.alias_locations, strict=True):
        if alias in (name, capitalised(name, language)):
            return where
    return card.location


def _partial_matches(cards: Sequence[Card], articles: Sequence[Article],
                     matcher_for: Callable[[Article], AnyMatcher],
                     language: str) -> list[Diagnostic]:
    """Matches that cover only part of a longer name in the text ("Kennedy Space Center")."""
    by_id = {c.id: c for c in cards}
    reported: set[tuple[str, str]] = set()
    out = []
    for article in articles:
        matcher = matcher_for(article)
        for paragraph in article.paragraphs:
            text = paragraph.text
            matches = matcher.find(text)
            for name in names_in(text, set()):
                if any(w in CONNECTORS for w in name.key):
                    continue  # "NASA" in "Eagle of NASA" is most likely NASA
                inner = [m for m in matches if m.start < name.end and name.start < m.end]
                if not inner or any(m.start < name.start or m.end > name.end for m in inner):
                    continue
                uncovered = [w for w in words(text[name.start:name.end])
                             if not any(m.start <= name.start + w.start < m.end for m in inner)
                             and w.text not in HONORIFICS and w.text not in TITLES
                             and w.text[:1].isupper()]
                if not uncovered:
                    continue
                for match in inner:
                    alias = text[match.start:match.end]
                    if (match.card, alias) in reported or match.card not in by_id:
                        continue
                    reported.add((match.card, alias))
                    card = by_id[match.card]
                    out.append(warning(
                        "alias-partial", f"'{alias}' (card '{card.id}') matched inside "
                        f"'{name.surface}' in {article.id}, paragraph {paragraph.number} "
                        f"({long_date(article.date)}): is that the same thing?",
                        _alias_location(card, alias, language),
                        f"if it is, add '{name.surface}' to the aliases; if not, give "
                        f"'{name.surface}' a card of its own (the longer name wins)"))
    return out
