"""Pictures drawn at build time as inline SVG: who's who, and a timeline of events.

The drawings need no JavaScript and no fonts from anywhere: text is SVG text in
the page's own font, colours come from the theme's stylesheet (so dark mode
and print follow), and every name is a link with its text in reading order,
so a screen reader reads a diagram as a list: group, then its people; date,
then its event. All text from content is escaped. For a language written right
to left the drawings are mirrored: groups fill rows from the right, and the
timeline runs down the right with its text to the left of the line.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.markup.text import Day, as_partial
from generator.markup.words import Words
from generator.model import Card

WIDTH = 320
PAD = 4
COLUMNS = 3
GROUP_GAP = 6
CELL = (WIDTH - 2 * GROUP_GAP - 6 * PAD) / COLUMNS  # three groups of one fit a row
AVATAR = 20
HEADER = 26
ROW = 2 * AVATAR + 42
PALETTE = 6


@dataclass(frozen=True, slots=True)
class Node:
    """A card drawn in a diagram: its id, name and link."""

    card: str
    name: str
    url: str
    picture: str = ""  # a link to a small size of the card's picture; initials without one


@dataclass(frozen=True, slots=True)
class Group:
    """A labelled group of people (a country, an organisation, or the rest)."""

    label: str
    people: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Moment:
    """A point on a timeline: an event (``card`` set) or an article."""

    day: Day  # a day, or an event's month or year
    end: Day | None
    name: str
    url: str
    card: str
    current: bool = False


def group_people(cards: Mapping[str, Card], people: Sequence[str],
                 day: dt.date | None, other: str = "Other") -> list[tuple[str, list[str]]]:
    """People grouped by country, else (or when their card says ``group_by: role``) by the
    organisation of a role held on ``day``; the rest under ``other``.

    Groups are ordered largest first, then by name; people keep their order.
    """
    groups: dict[str, list[str]] = {}
    for card_id in people:
        card = cards[card_id]
        roles = card.roles_on(day) if day else tuple(r for r in card.roles if r.end is None)
        office = next((r.org for r in roles if r.org in cards), "")
        owner = (card.group_by == "role" and office) or card.country or office
        label = cards[owner].name if owner in cards else other
        groups.setdefault(label, []).append(card_id)
    return sorted(groups.items(), key=lambda g: (g[0] == other, -len(g[1]), g[0].lower()))


def initials(name: str) -> str:
    """Two letters for an avatar: 'François Mitterrand' -> 'FM', 'Elizabeth II' -> 'E'."""
    words = [w for w in name.replace("-", " ").split()
             if w[:1].isupper() and not set(w) <= set("IVXL.")]
    if not words:
        return name[:1].upper()
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _x(value: float, rtl: bool) -> float:
    """A point's x, mirrored for a language written right to left."""
    return WIDTH - value if rtl else value


def _lines(text: str, width: int, most: int) -> tuple[list[str], bool]:
    lines = list(_wrap(text, width))
    if len(lines) <= most:
        return lines, False
    kept = lines[:most]
    kept[-1] = kept[-1][: width - 1].rstrip() + "…"
    return kept, True


@functools.lru_cache(maxsize=1 << 14)
def _wrap(text: str, width: int) -> tuple[str, ...]:
    # Wrapping is slow and the same names are wrapped on many pages and rebuilds.
    return tuple(textwrap.wrap(text, width, break_long_words=True) or [""])


def _tspans(lines: Sequence[str], x: float, first: float, step: float) -> str:
    # A trailing space keeps the words apart for screen readers and copy and paste.
    last = len(lines) - 1
    return "".join(f'<tspan x="{_num(x)}" dy="{_num(first if i == 0 else step)}">'
                   f'{escape(line)}{"" if i == last else " "}</tspan>'
                   for i, line in enumerate(lines))


def _svg_open(prefix: str, height: float, label_id: str) -> str:
    return (f'<svg class="diagram-svg" id="{prefix}" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {WIDTH} {_num(height)}" width="{WIDTH}" height="{_num(height)}" '
            f'role="group" aria-labelledby="{label_id}">')


def _pack(groups: Sequence[Group]) -> list[list[tuple[Group, int, list[str]]]]:
    """Groups into rows, left to right: (group, columns, label lines) for each."""
    rows: list[list[tuple[Group, int, list[str]]]] = [[]]
    used = 0.0
    for group in groups:
        columns = min(len(group.people), COLUMNS)
        width = columns * CELL + 2 * PAD
        if rows[-1] and used + GROUP_GAP + width > WIDTH:
            rows.append([])
            used = 0.0
        used += (GROUP_GAP if rows[-1] else 0) + width
        label, _ = _lines(group.label, int(width / 7.8), 2)
        rows[-1].append((group, columns, label))
    return rows


def whos_who_svg(groups: Sequence[Group], prefix: str, label_id: str,
                 rtl: bool = False) -> Markup:
    """People in labelled boxes packed into rows, one avatar with initials and a name each."""
    parts: list[str] = []
    y = 0.0
    for index, row in enumerate(_pack(groups)):
        label_lines = max(len(label) for _, _, label in row)
        header = HEADER + 16 * (label_lines - 1)
        height = header + max(math.ceil(len(g.people) / COLUMNS) for g, _, _ in row) * ROW
        x = 0.0
        for slot, (group, columns, label) in enumerate(row):
            width = columns * CELL + 2 * PAD
            colour = (index * COLUMNS + slot) % PALETTE
            text = _tspans(label, _x(x + PAD, rtl), 0, 16)
            box = _x(x + width - 0.5, rtl) if rtl else x + 0.5
            parts.append(f'<g class="ww-group ww-g{colour}">'
                         f'<rect class="ww-box" x="{_num(box)}" y="{_num(y + 0.5)}" '
                         f'width="{_num(width - 1)}" height="{_num(height - 1)}" rx="8"/>'
                         f'<text class="ww-label" x="{_num(_x(x + PAD, rtl))}" '
                         f'y="{_num(y + 19)}">{text}</text>')
            for place, node in enumerate(group.people):
                cx = _x(x + PAD + CELL * (place % COLUMNS) + CELL / 2, rtl)
                top = y + header + ROW * (place // COLUMNS)
                parts.append(_person(node, cx, top, f"{prefix}-p{index}-{slot}-{place}"))
            parts.append("</g>")
            x += width + GROUP_GAP
        y += height + GROUP_GAP
    total = max(y - GROUP_GAP, 1)
    return Markup(_svg_open(prefix, total, label_id) + "".join(parts) + "</svg>")


def _person(node: Node, cx: float, top: float, clip: str) -> str:
    lines, cut = _lines(node.name, 14, 2)
    label = f' aria-label="{escape(node.name)}"' if cut else ""
    cy = top + AVATAR + 4
    text = _tspans(lines, cx, 0, 15)
    circle = f'cx="{_num(cx)}" cy="{_num(cy)}" r="{AVATAR}"'
    # The portrait, cut to the circle, in place of the initials (the name is beside it).
    face = (f'<clipPath id="{clip}"><circle {circle}/></clipPath>'
            f'<image class="ww-portrait" href="{escape(node.picture)}" x="{_num(cx - AVATAR)}" '
            f'y="{_num(cy - AVATAR)}" width="{2 * AVATAR}" height="{2 * AVATAR}" '
            f'preserveAspectRatio="xMidYMid slice" clip-path="url(#{clip})" '
            'aria-hidden="true"/>') if node.picture else (
            f'<text class="ww-initials" x="{_num(cx)}" y="{_num(cy + 5)}" '
            f'aria-hidden="true">{escape(initials(node.name))}</text>')
    return (f'<a class="mention ww-person" href="{escape(node.url)}" '
            f'data-card="{escape(node.card)}"{label}>'
            f'<circle class="ww-avatar" {circle}/>{face}'
            f'<text class="ww-name" x="{_num(cx)}" y="{_num(cy + AVATAR + 17)}">{text}</text>'
            "</a>")


def gap_label(words: Words, earlier: dt.date, later: dt.date) -> str:
    """How long passed between two days, in reader's words: '3 months later'."""
    days = (later - earlier).days
    if days < 2:
        return ""
    if days < 14:
        return words.ngettext("%(num)s day later", "%(num)s days later", days)
    if days < 61:
        return words.ngettext("%(num)s week later", "%(num)s weeks later", round(days / 7))
    if days < 730:
        return words.ngettext("%(num)s month later", "%(num)s months later",
                              round(days / 30.44))
    return words.ngettext("%(num)s year later", "%(num)s years later", round(days / 365.25))


def timeline_svg(moments: Sequence[Moment], prefix: str, label_id: str,
                 words: Words) -> Markup:
    """Events (dots) and articles (diamonds) down a line, with the time between them."""
    axis = 14.0
    rtl = words.direction == "rtl"
    parts: list[str] = []
    y = 8.0
    previous: dt.date | None = None
    for moment in moments:
        # From the last day the one before can be to the first this one can be: the time
        # that certainly passed.
        gap = gap_label(words, previous, as_partial(moment.day).first) if previous else ""
        if gap:
            parts.append(f'<text class="tl-gap" x="{_num(_x(axis + 16, rtl))}" '
                         f'y="{_num(y + 12)}">{escape(gap)}</text>')
            y += 22
        parts.append(_moment(moment, axis, y, words.date_range(moment.day, moment.end), rtl))
        lines, _ = _lines(moment.name, 34, 3)
        y += 20 + 18 * len(lines) + 10
        previous = as_partial(moment.end or moment.day).last
    height = max(y, 20)
    line = (f'<line class="tl-axis" x1="{_num(_x(axis, rtl))}" y1="4" '
            f'x2="{_num(_x(axis, rtl))}" y2="{_num(height - 6)}"/>')
    return Markup(_svg_open(prefix, height, label_id) + line + "".join(parts) + "</svg>")


@functools.lru_cache(maxsize=1 << 14)  # most moments stay where they were when one changes
def _moment(moment: Moment, axis: float, y: float, when: str, rtl: bool) -> str:
    text_x = _x(axis + 16, rtl)
    axis = _x(axis, rtl)
    lines, cut = _lines(moment.name, 34, 3)
    kind = "tl-article" if not moment.card else "tl-event"
    current = " tl-current" if moment.current else ""
    cy = y + 9
    if moment.card:
        marker = f'<circle class="tl-dot" cx="{_num(axis)}" cy="{_num(cy)}" r="6"/>'
    else:
        marker = (f'<rect class="tl-dot" x="{_num(axis - 5)}" y="{_num(cy - 5)}" width="10" '
                  f'height="10" transform="rotate(45 {_num(axis)} {_num(cy)})"/>')
    text = _tspans(lines, text_x, 18, 18)
    card = f' data-card="{escape(moment.card)}"' if moment.card else ""
    mention = "mention " if moment.card else ""
    label = f' aria-label="{escape(moment.name)}"' if cut else ""
    return (f'<g class="tl-item {kind}{current}">{marker}'
            f'<text class="tl-date" x="{_num(text_x)}" y="{_num(cy + 4)}">{escape(when)}'
            "</text>"
            f'<a class="{mention}tl-link" href="{escape(moment.url)}"{card}{label}>'
            f'<text class="tl-name" x="{_num(text_x)}" y="{_num(cy + 4)}">{text}</text></a>'
            "</g>")
