"""Finding card aliases in text, in one pass, and turning them into links.

The matcher splits text into word tokens (runs of letters and digits) and walks
a trie of alias word sequences from each token, so its cost grows with the
length of the text (times the longest alias, in words), not with the number of
aliases. Matching is case-sensitive, except that an alias whose first letter is
lower-case also matches with a capital (at the start of a sentence). Words are
whole: "Russia" never matches inside "Russian". Typographic apostrophes and
dashes match their plain forms, and runs of white space match one space.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

WORD_RE = re.compile(r"\w+")
SEPARATORS = str.maketrans({
    "’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
    "\u00a0": " ", "\u202f": " ",
})
SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Match:
    """A span of text that names a card."""

    start: int
    end: int
    card: str


def _normal_sep(sep: str) -> str:
    return SPACE_RE.sub(" ", sep.translate(SEPARATORS))


def alias_key(alias: str) -> tuple[tuple[str, ...], str] | None:
    """An alias as (word edges, trailing punctuation): ('Sir', ' Keir'), ''; None if no word."""
    words = list(WORD_RE.finditer(alias))
    if not words:
        return None
    edges = [words[0].group()]
    for prev, word in itertools.pairwise(words):
        edges.append(_normal_sep(alias[prev.end():word.start()]) + word.group())
    return tuple(edges), alias[words[-1].end():].strip().translate(SEPARATORS)


class Matcher:
    """A trie of every alias's words, built once per build."""

    def __init__(self) -> None:
        self.root: dict[str, _Node] = {}

    def add(self, alias: str, card: str) -> str | None:
        """Add ``alias`` for ``card``; returns the card that already claims it, if any."""
        key = alias_key(alias)
        if key is None:
            return None
        edges, tail = key
        variants = [edges]
        if edges[0][:1].islower():
            variants.append((edges[0][:1].upper() + edges[0][1:], *edges[1:]))
        for variant in variants:
            level = self.root
            node: _Node | None = None
            for edge in variant:
                node = level.setdefault(edge, _Node())
                level = node.children
            assert node is not None
            other = node.ends.get(tail)
            if other is not None and other != card:
                return other
            node.ends[tail] = card
            # Longest tail first, so that "U.S." wins over "U.S" at the same words.
            node.ordered = tuple(sorted(node.ends.items(), key=lambda e: -len(e[0])))
        return None

    def find(self, text: str, words: list[Word] | None = None) -> list[Match]:
        """Leftmost-longest, non-overlapping matches in ``text`` (split into ``words``)."""
        if words is None:
            words = split_words(text)
        root = self.root
        matches: list[Match] = []
        i, count = 0, len(words)
        while i < count:
            key = words[i][2]
            if key not in root:  # most words start no alias
                i += 1
                continue
            best: Match | None = None
            best_j = i
            level = root
            j = i
            while True:
                node = level.get(key)
                if node is None:
                    break
                for tail, card in node.ordered:
                    end = words[j][1]
                    if not tail or text[end:end + len(tail)].translate(SEPARATORS) == tail:
                        best, best_j = Match(words[i][0], end + len(tail), card), j
                        break
                j += 1
                if j >= count or not node.children:
                    break
                level = node.children
                key = _normal_sep(text[words[j - 1][1]:words[j][0]]) + words[j][2]
            if best is not None:
                matches.append(best)
                i = best_j + 1
            else:
                i += 1
        return matches


class _Node:
    __slots__ = ("children", "ends", "ordered")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.ends: dict[str, str] = {}
        self.ordered: tuple[tuple[str, str], ...] = ()


Word = tuple[int, int, str]


def split_words(text: str) -> list[Word]:
    """The words of ``text`` as (start, end, word)."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


class LayeredMatcher:
    """Several matchers in order of precedence (an article's own aliases first)."""

    def __init__(self, *layers: Matcher) -> None:
        self.layers = tuple(layer for layer in layers if layer.root)

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest matches of all layers; on equal spans the earlier layer wins."""
        words = split_words(text)
        if len(self.layers) <= 1:
            return self.layers[0].find(text, words) if self.layers else []
        both = [m for layer in self.layers for m in layer.find(text, words)]
        both.sort(key=lambda m: (m.start, m.start - m.end))  # stable: earlier layer wins ties
        out: list[Match] = []
        for match in both:
            if not out or match.start >= out[-1].end:
                out.append(match)
        return out


def build_matcher(names: Iterable[tuple[str, str]]) -> tuple[Matcher, list[tuple[str, str, str]]]:
    """A matcher for (alias, card) pairs, and the (alias, card, other card) conflicts."""
    matcher = Matcher()
    conflicts = []
    for alias, card in names:
        other = matcher.add(alias, card)
        if other is not None:
            conflicts.append((alias, card, other))
    return matcher, conflicts


@dataclass(frozen=True, slots=True)
class Found:
    """A match inside an inline token stream: ``offset`` into the paragraph's plain text."""

    card: str
    start: int
    end: int
    linked: bool


def link_inline(
    children: Sequence[Token],
    matcher: Matcher | LayeredMatcher,
    href: Callable[[str], str],
    should_link: Callable[[str], bool],
) -> tuple[list[Token], list[Found]]:
    """New children with card mentions wrapped in links, and every mention found.

    Text inside links, code and raw HTML is never touched, so no link ends up
    inside another link or inside an attribute. ``should_link(card)`` says
    whether a mention becomes a link (the link policy); every mention is
    reported either way.
    """
    out: list[Token] = []
    found: list[Found] = []
    offset = 0
    depth = 0  # inside a Markdown or raw-HTML link
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif child.type == "html_inline":
            tag = child.content.lower()
            if re.match(r"<a[\s>]", tag):
                depth += 1
            elif tag.startswith("</a"):
                depth = max(0, depth - 1)
        if child.type in ("softbreak", "hardbreak", "code_inline"):
            offset += 1 if child.type != "code_inline" else len(child.content)
        if child.type != "text":
            out.append(child)
            continue
        text = child.content
        pos = 0
        for match in matcher.find(text):
            link = depth == 0 and should_link(match.card)
            found.append(Found(match.card, offset + match.start, offset + match.end, link))
            if not link:
                continue
            if match.start > pos:
                out.append(Token("text", "", 0, content=text[pos:match.start]))
            out += mention_link(text[match.start:match.end], href(match.card), match.card)
            pos = match.end
        if pos == 0:
            out.append(child)
        elif pos < len(text):
            out.append(Token("text", "", 0, content=text[pos:]))
        offset += len(text)
    return out, found


def mention_open(url: str, card: str) -> Token:
    """The opening token of a link to a card, as previews and styles expect it."""
    return Token("link_open", "a", 1, attrs={"href": url, "class": "mention", "data-card": card})


def mention_link(text: str, url: str, card: str) -> list[Token]:
    """The three tokens of a mention link."""
    return [mention_open(url, card), Token("text", "", 0, content=text),
            Token("link_close", "a", -1)]
