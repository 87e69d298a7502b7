"""Finding card aliases in text, in one pass, and turning them into links.

The matcher splits text into word tokens (runs of letters, digits and marks of
any script: see ``scripts``) and walks a trie of alias word sequences from each
token, so its cost grows with the length of the text (times the longest alias, in
words), not with the number of aliases. Matching is case-sensitive, except that an
alias whose first letter is lower-case also matches with a capital (at the start of
a sentence), capitalised as the site's language does it. Words are whole: "Russia"
never matches inside "Russian". Typographic apostrophes and dashes match their plain
forms, and runs of white space match one space. In Arabic, a conjunction or
preposition written onto the first word (وباريس, للقاهرة) is part of the mention.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, TypeVar

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from generator.markup.scripts import (
    Split,
    capitalised,
    clitic_forms,
    split_words,
    word_key,
    words_of,
)

SEPARATORS = str.maketrans({
    "’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
    "\u00a0": " ", "\u202f": " ",
})
SPACE_RE = re.compile(r"\s+")


class Match(NamedTuple):
    """A span of text that names a card (a named tuple: one is made for every mention)."""

    start: int
    end: int
    card: str


def _normal_sep(sep: str) -> str:
    return SPACE_RE.sub(" ", sep.translate(SEPARATORS))


def alias_key(alias: str) -> tuple[tuple[str, ...], tuple[str, str]] | None:
    """An alias as (word edges, (leading, trailing punctuation)): ('Sir', ' Keir'), ('', '');
    None if it has no word."""
    words = words_of(alias)
    if not words:
        return None
    edges = [word_key(words[0].group())]
    for prev, word in itertools.pairwise(words):
        edges.append(_normal_sep(alias[prev.end():word.start()]) + word_key(word.group()))
    return tuple(edges), (alias[:words[0].start()].strip().translate(SEPARATORS),
                          alias[words[-1].end():].strip().translate(SEPARATORS))


class Matcher:
    """A trie of every alias's words, built once per build, for a site's language."""

    def __init__(self, language: str = "") -> None:
        self.root: dict[str, _Node] = {}
        self.language = language

    def add(self, alias: str, card: str) -> str | None:
        """Add ``alias`` for ``card``; returns the card that already claims it, if any.

        The alias and its capitalised form claim their words; the forms with Arabic
        clitics only add to them: another card's alias of the same words wins.
        """
        key = alias_key(alias)
        if key is None:
            return None
        edges, ends = key
        variants = [edges]
        if edges[0][:1].islower():
            variants.append((capitalised(edges[0], self.language), *edges[1:]))
        for variant in variants:
            other = self._claim(variant, ends, card, weak=False)
            if other is not None:
                return other
        for form in clitic_forms(edges[0], self.language):
            self._claim((form, *edges[1:]), ends, card, weak=True)
        return None

    def _claim(self, edges: tuple[str, ...], ends: tuple[str, str], card: str,
               weak: bool) -> str | None:
        level = self.root
        node: _Node | None = None
        for edge in edges:
            node = level.setdefault(edge, _Node())
            level = node.children
        assert node is not None
        other = node.ends.get(ends)
        if other is not None:
            if weak:
                return None
            if ends not in node.weak:
                return other if other != card else None
            node.weak.discard(ends)
        elif weak:
            node.weak.add(ends)
        node.ends[ends] = card
        # Most punctuation first, so that "U.S." wins over "U.S" at the same words.
        node.ordered = tuple(sorted(node.ends.items(),
                                    key=lambda e: -len(e[0][0]) - len(e[0][1])))
        return None

    def find(self, text: str, split: Split | None = None) -> list[Match]:
        """Leftmost-longest, non-overlapping matches in ``text`` (split by ``split_words``)."""
        parts, words = split_words(text) if split is None else split
        root = self.root
        if root.keys().isdisjoint(words):  # most paragraphs of most layers
            return []
        ends = list(itertools.accumulate(map(len, parts)))  # ends[2k + 1]: end of word k
        matches: list[Match] = []
        count = len(words)
        after = 0  # the first word a match may start at
        floor = 0  # where the last match ended: leading punctuation may not reach before it
        for i in itertools.compress(itertools.count(), map(root.__contains__, words)):
            if i < after:
                continue
            best: Match | None = None
            level, key, j = root, words[i], i
            while True:
                node = level.get(key)
                if node is None:
                    break
                end = ends[2 * j + 1]
                for (head, tail), card in node.ordered:
                    start = ends[2 * i] - len(head)
                    if (not tail or text[end:end + len(tail)].translate(SEPARATORS) == tail) \
                            and (not head or (start >= floor and text[start:ends[2 * i]]
                                              .translate(SEPARATORS) == head)):
                        best, after = Match(start, end + len(tail), card), j + 1
                        break
                j += 1
                if j >= count or not node.children:
                    break
                level = node.children
                sep = parts[2 * j]
                key = (sep if sep == " " else _normal_sep(sep)) + words[j]
            if best is not None:
                matches.append(best)
                floor = best.end
        return matches


class _Node:
    __slots__ = ("children", "ends", "ordered", "weak")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.ends: dict[tuple[str, str], str] = {}  # (leading, trailing punctuation) -> card
        self.ordered: tuple[tuple[tuple[str, str], str], ...] = ()
        self.weak: set[tuple[str, str]] = set()  # ends held by a clitic form only


class LayeredMatcher:
    """Several matchers in order of precedence (an article's own aliases first)."""

    def __init__(self, *layers: Matcher) -> None:
        self.layers = tuple(layer for layer in layers if layer.root)

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest matches of all layers; on equal spans the earlier layer wins."""
        split = split_words(text)
        if len(self.layers) <= 1:
            return self.layers[0].find(text, split) if self.layers else []
        both = [m for layer in self.layers for m in layer.find(text, split)]
        both.sort(key=lambda m: (m.start, m.start - m.end))  # stable: earlier layer wins ties
        out: list[Match] = []
        for match in both:
            if not out or match.start >= out[-1].end:
                out.append(match)
        return out


def build_matcher(
    names: Iterable[tuple[str, str]], language: str = "",
) -> tuple[Matcher, list[tuple[str, str, str]]]:
    """A matcher for (alias, card) pairs in ``language``, and the (alias, card, other card)
    conflicts."""
    matcher = Matcher(language)
    conflicts = []
    for alias, card in names:
        other = matcher.add(alias, card)
        if other is not None:
            conflicts.append((alias, card, other))
    return matcher, conflicts


class Found(NamedTuple):
    """A match in a paragraph: offsets into the paragraph's plain text (a named tuple, as Match)."""

    card: str
    start: int
    end: int
    linked: bool


# A paragraph's inline content as the linker reads it: plain text (a str) to search,
# or anything else as (what it is, how many characters it adds to the paragraph's
# plain text, how it changes the link depth: one of the DEPTH_* values).
T = TypeVar("T")
Piece = str | tuple[T, int, int]
DEPTH_KEEP, DEPTH_OPEN, DEPTH_CLOSE, DEPTH_HTML_CLOSE = 0, 1, -1, -2
A_OPEN_RE = re.compile(r"<a[\s>]")


def piece_effect(child: Token) -> tuple[int, int]:
    """How a non-text inline token moves the plain-text offset and the link depth."""
    kind = child.type
    if kind == "link_open":
        return 0, DEPTH_OPEN
    if kind == "link_close":
        return 0, DEPTH_CLOSE
    if kind == "html_inline":
        tag = child.content.lower()
        if A_OPEN_RE.match(tag):
            return 0, DEPTH_OPEN
        return 0, DEPTH_HTML_CLOSE if tag.startswith("</a") else DEPTH_KEEP
    if kind in ("softbreak", "hardbreak"):
        return 1, DEPTH_KEEP
    return (len(child.content) if kind == "code_inline" else 0), DEPTH_KEEP


def find_mentions(
    pieces: Sequence[Piece[T]],
    matcher: Matcher | LayeredMatcher,
    should_link: Callable[[str], bool],
) -> list[Found]:
    """Every mention in a paragraph's pieces, at its offset in the paragraph's plain text.

    Text inside links, code and raw HTML is never linked, so no link ends up
    inside another link or inside an attribute. ``should_link(card)`` says
    whether a mention becomes a link (the link policy); every mention is
    found either way.
    """
    found: list[Found] = []
    offset = 0
    depth = 0  # inside a Markdown or raw-HTML link
    for piece in pieces:
        if not isinstance(piece, str):
            advance, change = piece[1], piece[2]
            offset += advance
            depth = max(0, depth - 1) if change == DEPTH_HTML_CLOSE else depth + change
            continue
        for match in matcher.find(piece):
            link = depth == 0 and should_link(match.card)
            found.append(Found(match.card, offset + match.start, offset + match.end, link))
        offset += len(piece)
    return found


Link = tuple[int, int, str]  # a mention that is a link: start, end, card


def linked_pieces(
    pieces: Sequence[Piece[T]], links: Sequence[Link], href: Callable[[str], str],
) -> list[str | None]:
    """For each piece, the HTML of its text with ``links`` (in order) made; None if it has none."""
    out: list[str | None] = []
    offset = 0
    at = 0
    opened: dict[str, str] = {}  # a mention's opening tag, by card
    for piece in pieces:
        if not isinstance(piece, str):
            offset += piece[1]
            out.append(None)
            continue
        after = offset + len(piece)
        if at == len(links) or links[at][0] >= after:
            out.append(None)
            offset = after
            continue
        html: list[str] = []
        pos = 0
        while at < len(links) and links[at][0] < after:
            start, end, card = links[at]
            start, end, at = start - offset, end - offset, at + 1
            tag = opened.get(card)
            if tag is None:
                tag = opened[card] = mention_tag(href(card), card)
            html += (escapeHtml(piece[pos:start]), tag, escapeHtml(piece[start:end]), "</a>")
            pos = end
        html.append(escapeHtml(piece[pos:]))
        out.append("".join(html))
        offset = after
    return out


def link_inline(
    children: Sequence[Token],
    matcher: Matcher | LayeredMatcher,
    href: Callable[[str], str],
    should_link: Callable[[str], bool],
) -> tuple[list[Token], list[Found]]:
    """New inline children with card mentions linked (see ``find_mentions``), and every mention."""
    pieces = [c.content if c.type == "text" else (c, *piece_effect(c)) for c in children]
    found = find_mentions(pieces, matcher, should_link)
    html = linked_pieces(pieces, [(f.start, f.end, f.card) for f in found if f.linked], href)
    return [child if linked is None else Token("html_inline", "", 0, content=linked)
            for child, linked in zip(children, html, strict=True)], found


def mention_open(url: str, card: str) -> Token:
    """The opening token of a link to a card, as previews and styles expect it."""
    return Token("link_open", "a", 1, attrs={"href": url, "class": "mention", "data-card": card})


def mention_tag(url: str, card: str) -> str:
    """``mention_open(url, card)`` as markdown-it renders it (written out: it is made often)."""
    return f'<a href="{escapeHtml(url)}" class="mention" data-card="{escapeHtml(card)}">'
