"""The build-time SVG diagrams: escaping, grouping, layout and words."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from generator.markup.text import date_range
from generator.markup.words import Words
from generator.render.diagrams import (
    Group,
    Moment,
    Node,
    gap_label,
    initials,
    timeline_svg,
    whos_who_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    """The diagram's words in document (reading) order."""
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")
            if t.get("aria-hidden") != "true"]


def test_whos_who_escapes_and_reads_in_order() -> None:
    evil = Node("x", 'Bobby "<script>alert(1)</script>" Tables & Co', "../cards/x.html?a=1&b=2")
    groups = [Group("France & <Co>", (Node("a", "Ann Able", "a.html"), evil)),
              Group("Other", (Node("c", "Cy", "c.html"),))]
    svg = str(whos_who_svg(groups, "ww", "cap"))
    assert "<script>" not in svg
    root = ET.fromstring(svg)  # well-formed XML, so nothing escaped its attribute or text
    assert root.get("aria-labelledby") == "cap"
    words = texts(svg)
    assert words[0] == "France & <Co>" and words[1] == "Ann Able" and words[-1] == "Cy"
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("data-card") for a in links] == ["a", "x", "c"]
    assert links[1].get("href") == "../cards/x.html?a=1&b=2"
    # a name too long for two lines is cut on screen but whole for screen readers
    assert links[1].get("aria-label") == evil.name


def test_whos_who_packs_small_groups_side_by_side() -> None:
    groups = [Group(f"G{i}", (Node(f"p{i}", f"Person {i}", "#"),)) for i in range(5)]
    root = ET.fromstring(str(whos_who_svg(groups, "ww", "cap")))
    boxes = [(float(r.get("x", 0)), float(r.get("y", 0))) for r in root.iter(f"{SVG}rect")]
    assert len({y for _, y in boxes}) == 2  # five groups of one fill two rows
    width = float(root.get("width", 0))
    assert all(x + 90 < width for x, _ in boxes)


def test_timeline_marks_gaps_and_the_article() -> None:
    moments = [Moment(dt.date(2022, 2, 24), None, "Invasion", "i.html", "invasion"),
               Moment(dt.date(2025, 2, 14), dt.date(2025, 2, 16), "Conference", "c.html", "msc"),
               Moment(dt.date(2025, 2, 17), None, "This article: <b>", "a.html", "", True)]
    svg = str(timeline_svg(moments, "tl", "cap", Words.english()))
    words = texts(svg)
    assert words == ["24 February 2022", "Invasion", "3 years later", "14–16 February 2025",
                     "Conference", "17 February 2025", "This article: <b>"]
    root = ET.fromstring(svg)
    assert [a.get("class") for a in root.iter(f"{SVG}a")] == [
        "mention tl-link", "mention tl-link", "tl-link"]


def test_a_right_to_left_timeline_is_mirrored() -> None:
    moments = [Moment(dt.date(2025, 2, 14), None, "Conference", "c.html", "msc"),
               Moment(dt.date(2025, 3, 17), None, "Summit", "s.html", "summit")]
    arabic = Words("ar", Words.english().translations)
    root = ET.fromstring(str(timeline_svg(moments, "tl", "cap", arabic)))
    [axis] = root.iter(f"{SVG}line")
    assert axis.get("x1") == "306"  # 14 from the right edge of 320
    # each text starts (right to left) just left of the line
    assert {t.get("x") for t in root.iter(f"{SVG}text")} == {"290"}
    ltr = ET.fromstring(str(timeline_svg(moments, "tl", "cap", Words.english())))
    assert next(ltr.iter(f"{SVG}line")).get("x1") == "14"
    people = [Group("France", (Node("a", "A B", "a.html"), Node("c", "C D", "c.html")))]
    mirrored = ET.fromstring(str(whos_who_svg(people, "ww", "cap", rtl=True)))
    plain = ET.fromstring(str(whos_who_svg(people, "ww", "cap")))
    xs = [float(c.get("cx")) for c in plain.iter(f"{SVG}circle")]
    assert [float(c.get("cx")) for c in mirrored.iter(f"{SVG}circle")] == [320 - x for x in xs]


@pytest.mark.parametrize(("days", "words"), [
    (0, ""), (1, ""), (3, "3 days later"), (20, "3 weeks later"), (100, "3 months later"),
    (800, "2 years later")])
def test_gap_label(days: int, words: str) -> None:
    start = dt.date(2020, 1, 1)
    assert gap_label(Words.english(), start, start + dt.timedelta(days=days)) == words


@pytest.mark.parametrize(("name", "letters"), [
    ("François Mitterrand", "FM"), ("Elizabeth II", "E"), ("JD Vance", "JV"),
    ("Jean-Luc Picard", "JP"), ("de Gaulle", "G"), ("x", "X")])
def test_initials(name: str, letters: str) -> None:
    assert initials(name) == letters


@pytest.mark.parametrize(("start", "end", "text"), [
    (dt.date(2025, 2, 14), dt.date(2025, 2, 16), "14–16 February 2025"),
    (dt.date(2025, 1, 30), dt.date(2025, 2, 2), "30 January – 2 February 2025"),
    (dt.date(2024, 12, 30), dt.date(2025, 1, 2), "30 December 2024 – 2 January 2025"),
    (dt.date(2025, 1, 30), None, "30 January 2025")])
def test_date_range(start: dt.date, end: dt.date | None, text: str) -> None:
    assert date_range(start, end) == text
