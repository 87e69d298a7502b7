"""Events dated only to the month or year: loaded, ordered and shown as what is known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.cli import main
from tests.conftest import soup, write_files

EVENT = """type: event
name: {name}
aliases: [{alias}]
summary: Something that happened.
as_of: 2024-03-01
date: {date}
{end}sources:
  - article: story
"""


def event(name: str, alias: str, date: str, end: str = "") -> str:
    return EVENT.format(name=name, alias=alias, date=date,
                        end=f"end_date: {end}\n" if end else "")


@pytest.fixture
def project(base_project: Path) -> Path:
    write_files(base_project, {
        "content/cards/accord.yaml": event("The Accord", "the accord", "2019"),
        "content/cards/summit.yaml": event("The Summit", "the summit", "2023-07", "2024"),
        "content/cards/talks.yaml": event("The Talks", "the talks", "2023-07-14"),
        "seeds/story.txt": ("Alice Example met Bob Example after the accord, the summit and "
                            "the talks.\nThey spoke.\n")})
    return base_project


def test_partial_dates_are_shown_as_known_and_sorted_by_their_first_day(project: Path) -> None:
    build(Options(project))
    out = project / "public"
    summit = soup(out / "cards" / "summit.html").select_one(".event-date")
    assert summit is not None
    assert summit.get_text(" ", strip=True) == "July 2023 – 2024"
    assert [t["datetime"] for t in summit.select("time")] == ["2023-07", "2024"]
    accord = soup(out / "cards" / "accord.html").select_one(".event-date time")
    assert accord is not None and accord.get_text() == "2019" and accord["datetime"] == "2019"
    timeline = soup(out / "timeline.html")
    listed = [t.get_text(strip=True) for t in timeline.select("main li time")]
    assert listed == ["2019", "July 2023", "14 July 2023"]
    dates = [t.get_text() for t in timeline.select("figure .tl-date")]
    assert dates[:3] == ["2019", "July 2023 – 2024", "14 July 2023"]
    # The time that certainly passed: from the end of 2019 to 1 July 2023 (3.5 years);
    # none after a summit that may have lasted into 2024; from the talks to the story.
    gaps = [t.get_text() for t in timeline.select("figure .tl-gap")]
    assert gaps == ["3 years later", "8 months later"]
    ld = json.loads(soup(out / "cards" / "summit.html").select_one(
        'script[type="application/ld+json"]').string)
    event = next(item for item in ld["@graph"] if item.get("@type") == "Event") \
        if "@graph" in ld else ld
    assert (event["startDate"], event["endDate"]) == ("2023-07", "2024")


@pytest.mark.parametrize(("date", "end", "message"), [
    ("2024-07", "2024-06", "end_date is before date"),
    ("2024-13", "", "'date': '2024-13' is not a valid date"),
])
def test_bad_partial_dates_are_errors(project: Path, date: str, end: str, message: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    write_files(project, {"content/cards/summit.yaml": event("The Summit", "the summit",
                                                             date, end)})
    assert main(["-C", str(project), "build"]) == 1
    assert message in capsys.readouterr().err


def test_the_same_month_or_year_is_not_before_itself(project: Path) -> None:
    write_files(project, {"content/cards/summit.yaml": event("The Summit", "the summit",
                                                             "2024-07", "2024-07-20")})
    assert build(Options(project)).pages > 0
