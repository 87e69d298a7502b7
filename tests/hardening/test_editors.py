"""What a careless editor writes: tabs in values, words where numbers belong, settings out of
range, invisible characters in names, aliases of punctuation. Each gets a message that says
what is expected, at its line and column."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.project import MAX_TEXT
from tests.conftest import soup
from tests.hardening.conftest import CAROL, put, run_build

pytestmark = pytest.mark.hostile

C = "content/cards/carol.yaml"
SITE = "title: Base\ndescription: x\nbase_url: https://example.org/\n"


@pytest.mark.parametrize("line", ["name: Carol\tExample", "name:\tCarol Example",
                                  "name: Carol Example\t", "name: Carol Example\t# a note",
                                  "name: \tCarol\t\tExample"])
def test_a_tab_inside_or_around_a_value_is_read_as_yaml_allows(
        project: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    # YAML allows tabs as white space between words and around values (not as indentation);
    # such a tab is read as a space.
    put(project, {C: CAROL.replace("name: Carol Example", line)})
    outcome = run_build(project, capsys)
    assert outcome.status == 0 and outcome.reported == [], outcome.err
    title = soup(project / "public/cards/carol.html").h1
    assert title is not None and " ".join(title.get_text().split()) == "Carol Example"


@pytest.mark.parametrize("value", ['"Carol\tExample"', "'Carol\tExample'", '"Carol\\tExample"'])
def test_a_tab_in_quotes_is_fine(project: Path, capsys: pytest.CaptureFixture[str],
                                 value: str) -> None:
    put(project, {C: CAROL.replace("name: Carol Example", f"name: {value}")})
    assert run_build(project, capsys).status == 0


def test_a_tab_as_indentation_keeps_its_hint(project: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {C: CAROL.replace("  - article: story", "\t- article: story")})
    assert "hint: YAML indents with spaces; replace the tab with spaces" in run_build(
        project, capsys).err


WRONG_NUMBERS = [
    (C, CAROL + "    paragraph: two\n", "7:16", "'paragraph': expected a whole number, got the "
     "text 'two'", "write a whole number in digits, e.g.  paragraph: 4"),
    (C, CAROL + "    paragraph: 0\n", "7:16", "'paragraph': 0 is out of range: it must be from "
     "1 to 100000", "write a whole number in digits, e.g.  paragraph: 4"),
    ("site.yaml", SITE + "snippet_chars: -5\n", "4:16", "'snippet_chars': -5 is out of range: "
     "it must be from 0 to 1000", "write a whole number in digits, e.g.  snippet_chars: 4"),
    ("site.yaml", SITE + "snippet_chars: 100000000000000000000\n", "4:16",
     "'snippet_chars': 100000000000000000000 is out of range: it must be from 0 to 1000", ""),
    ("site.yaml", SITE + "per_page: 0\n", "4:11", "'per_page': 0 is out of range: it must be "
     "from 1 to 10000", "write a whole number in digits, e.g.  per_page: 4"),
    ("site.yaml", SITE + "feed_entries: 10001\n", "4:15", "'feed_entries': 10001 is out of "
     "range: it must be from 1 to 10000", ""),
    ("site.yaml", SITE + "freshness_days: -1\n", "4:17", "'freshness_days': -1 is out of "
     "range: it must be from 0 to 36500", "e.g.  freshness_days: 4"),
    ("site.yaml", SITE + "per_page: 1.5\n", "4:11", "'per_page': expected a whole number, got "
     "the number 1.5", ""),
]


@pytest.mark.parametrize(("name", "text", "where", "message", "hint"), WRONG_NUMBERS)
def test_numbers_out_of_range_or_in_words(project: Path, capsys: pytest.CaptureFixture[str],
                                          name: str, text: str, where: str, message: str,
                                          hint: str) -> None:
    put(project, {name: text})
    outcome = run_build(project, capsys)
    assert outcome.reported == [f"{name}:{where}: error[schema-value]: {message}"]
    assert hint in outcome.err


@pytest.mark.parametrize(("epoch", "problem"), [
    ("99999999999999", "is after the year 9999"), ("-1", "is not a whole number of seconds"),
    ("1e9", "is not a whole number of seconds"), ("١٢٣", "is not a whole number of seconds"),
    (" 12", "is not a whole number of seconds")])
def test_source_date_epoch_out_of_range(project: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch, epoch: str,
                                        problem: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    put(project, {"site.yaml": SITE + "timestamps: true\n"})
    outcome = run_build(project, capsys)
    assert outcome.reported == [
        f"SOURCE_DATE_EPOCH: error[source-date-epoch]: SOURCE_DATE_EPOCH={epoch!r} {problem}"]
    assert "hint: seconds since 1970-01-01 UTC, from 0 to 253402300799" in outcome.err


@pytest.mark.parametrize("epoch", ["0", "253402300799", "1700000000"])
def test_source_date_epoch_in_range(project: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch, epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    put(project, {"site.yaml": SITE + "timestamps: true\n"})
    assert run_build(project, capsys).status == 0


INVISIBLE = [("name", "Carol \u202eelpmaxE", "202E", "RIGHT-TO-LEFT OVERRIDE"),
             ("name", "Carol\u200bExample", "200B", "ZERO WIDTH SPACE"),
             ("alias", "Car\u2066ol", "2066", "LEFT-TO-RIGHT ISOLATE"),
             ("alias", "\ufeffCarol", "FEFF", "ZERO WIDTH NO-BREAK SPACE"),
             ("alias", "Ca\u00adrol", "00AD", "SOFT HYPHEN"),
             ("role", "the \u200emayor", "200E", "LEFT-TO-RIGHT MARK"),
             ("local", "the \u2067visitor", "2067", "RIGHT-TO-LEFT ISOLATE")]


def _with(kind: str, value: str) -> dict[str, str]:
    """A project file with ``value`` as a card name, card alias, role alias or local alias."""
    if kind == "name":
        return {C: CAROL.replace("Carol Example", value)}
    if kind == "alias":
        return {C: CAROL + f"aliases: [\"{value}\"]\n"}
    if kind == "role":
        return {C: CAROL + f"roles:\n  - title: Mayor\n    from: 2020-01-01\n"
                           f"    aliases: [\"{value}\"]\n"}
    return {"content/articles/story.yaml": "title: A story\ndek: Two people meet.\n"
            "date: 2024-03-01\nseed: story.txt\naliases:\n"
            f"  - text: \"{value}\"\n    card: alice\n"}


WHERE = {"name": (C, "2:7", "name"), "alias": (C, "7:11", "alias"),
         "role": (C, "10:15", "alias"), "local": ("content/articles/story.yaml", "6:11", "text")}


@pytest.mark.parametrize(("kind", "value", "code", "char"), INVISIBLE)
def test_invisible_characters_in_names_and_aliases(
        project: Path, capsys: pytest.CaptureFixture[str], kind: str, value: str, code: str,
        char: str) -> None:
    put(project, _with(kind, value))
    outcome = run_build(project, capsys)
    name, where, field = WHERE[kind]
    [line] = outcome.reported
    assert line.startswith(f"{name}:{where}: error[schema-value]: '{field}': ")
    assert line.endswith(f" holds the invisible character U+{code} ({char})")
    assert "hint: delete it (it does not show in most editors)" in outcome.err


@pytest.mark.parametrize("value", ["Carol\u200dExample", "Carol \u0645\u0631\u0647\u200c\u0627"])
def test_joiners_are_fine_in_names(project: Path, capsys: pytest.CaptureFixture[str],
                                   value: str) -> None:
    put(project, _with("name", value))
    assert run_build(project, capsys).status == 0


@pytest.mark.parametrize("kind", ["name", "alias", "role", "local"])
@pytest.mark.parametrize("value", ["+++", "\u2014", "...", "()"])
def test_names_and_aliases_without_a_letter_or_digit(
        project: Path, capsys: pytest.CaptureFixture[str], kind: str, value: str) -> None:
    put(project, _with(kind, value))
    outcome = run_build(project, capsys)
    name, where, field = WHERE[kind]
    assert outcome.reported == [
        f"{name}:{where}: error[schema-value]: '{field}': {value!r} has no letter or digit: "
        "it can never be found in a text"]


@pytest.mark.parametrize(("alias", "text", "linked"), [
    ("(CE)", "Carol met (CE) and CE) today.", ["(CE)"]),
    ("[Carol]", "Then [Carol] and Carol] spoke.", ["[Carol]"]),
    ("#Carol", "Tagged #Carol, not Carol.", ["#Carol"]),
    ("\u00bfCarol?", "They asked \u00bfCarol? and Carol?", ["\u00bfCarol?"]),
])
def test_aliases_with_leading_punctuation_keep_it(
        project: Path, capsys: pytest.CaptureFixture[str], alias: str, text: str,
        linked: list[str]) -> None:
    put(project, {C: CAROL + f"aliases: [\"{alias}\"]\n",
                  "seeds/story.txt": f"Alice Example met Bob Example.\n{text}\n"})
    outcome = run_build(project, capsys)
    assert outcome.status == 0, outcome.err
    page = soup(project / "public/articles/story.html")
    assert [a.get_text() for a in page.select("#p2 a.mention")] == linked


@pytest.mark.parametrize(("make", "problem"), [
    ("fifo", "is not a regular file (a FIFO, socket or device)"),
    ("folder", "is a folder, not a text file"),
    ("/dev/zero", "is not a regular file (a FIFO, socket or device)"),
    ("missing", "no such file"),
    ("hidden", "is a hidden file (dotfiles are never read)"),
])
def test_new_article_from_something_that_is_not_a_text_file(
        project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, make: str,
        problem: str) -> None:
    source = Path(make) if make.startswith("/") else tmp_path / (
        ".story.txt" if make == "hidden" else make)
    if make == "fifo":
        os.mkfifo(source)
    elif make == "folder":
        source.mkdir()
    elif make == "hidden":
        source.write_text("Alice Example met Bob Example.\n")
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    assert main(["-C", str(project), "new", "article", str(source), "--title", "T"]) == 1
    err = capsys.readouterr().err
    assert f"{source}: error[seed-missing]: {source}: {problem}" in err
    assert "hint: give the text file of the article, or - to read standard input" in err
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


QUOTES = [
    ("She said ‘we will not move’ and left.", "we will not move"),
    ("Il a déclaré « nous ne bougerons pas » hier.", "nous ne bougerons pas"),
    ("Er sagte »wir bleiben hier« und ging.", "wir bleiben hier"),
    ("Er sagte „wir bleiben hier“ und ging.", "wir bleiben hier"),
    ("She said 'we will not move' and left.", "we will not move"),
    ("Elle a dit ‹ pas question › hier.", "pas question"),
    ("She said ‘it’s over’ and left.", "it's over"),
]


@pytest.mark.parametrize(("sentence", "passage"), QUOTES)
def test_quotes_in_any_marks_need_a_speaker(project: Path, capsys: pytest.CaptureFixture[str],
                                            sentence: str, passage: str) -> None:
    put(project, {"seeds/story.txt": f"Alice Example met Bob Example.\n{sentence}\n"})
    outcome = run_build(project, capsys)
    assert outcome.status == 0
    column = sentence.index(next(c for c in sentence if c in "‘«»„'‹")) + 1
    assert outcome.reported == [
        f"seeds/story.txt:2:{column}: warning[quote-unattributed]: quoted passage not "
        f"attributed to anyone: “{passage}”"]


@pytest.mark.parametrize("sentence", ["Alice's and Bob's dogs met.", "They played rock 'n' roll.",
                                      "The ’90s were loud.", "Bob’s ‘yes’ counted."])
def test_apostrophes_are_not_quotes(project: Path, capsys: pytest.CaptureFixture[str],
                                    sentence: str) -> None:
    put(project, {"seeds/story.txt": f"Alice Example met Bob Example.\n{sentence}\n"})
    outcome = run_build(project, capsys)
    assert [line for line in outcome.reported if "quote" in line] == (
        ["seeds/story.txt:2:7: warning[quote-unattributed]: quoted passage not attributed to "
         "anyone: “yes”"] if "‘yes’" in sentence else [])


IGNORED = [
    ("content/cards/dave.YAML", "content/cards/dave.YAML",
     "not read: 'dave.YAML' is not a card file", "rename it to dave.yaml"),
    ("content/cards/dave.json", "content/cards/dave.json",
     "not read: 'dave.json' is not a card file",
     "a card file ends in .yaml or .yml; move the file out if it is something else"),
    ("content/articles/other.txt", "content/articles/other.txt",
     "not read: 'other.txt' is not an article file", "an article file ends in .yaml or .yml"),
    ("content/dave.yaml", "content/dave.yaml",
     "not read: content/ holds only cards/ and articles/",
     "move it into content/cards/ or content/articles/"),
    ("content/card/dave.yaml", "content/card", "not read: content/ holds only cards/ and "
     "articles/", "did you mean 'cards'?"),
]


@pytest.mark.parametrize(("name", "shown", "message", "hint"), IGNORED)
def test_files_that_are_not_read_get_a_warning(project: Path, capsys: pytest.CaptureFixture[str],
                                               name: str, shown: str, message: str,
                                               hint: str) -> None:
    put(project, {name: CAROL})
    outcome = run_build(project, capsys)
    assert outcome.reported == [f"{shown}: warning[file-ignored]: {message}"]
    assert f"hint: {hint}" in outcome.err


def test_yml_cards_are_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(project, {"content/cards/carol.yml": CAROL})
    outcome = run_build(project, capsys)
    assert outcome.status == 0 and outcome.reported == []
    assert (project / "public/cards/carol.html").is_file()


@pytest.mark.parametrize("name", ["content/cards/carol.yaml", "seeds/story.txt", "site.yaml"])
def test_a_huge_text_source_is_refused_unread(project: Path, capsys: pytest.CaptureFixture[str],
                                              name: str) -> None:
    with open(project / name, "wb") as handle:  # sparse: no disk used
        handle.truncate(MAX_TEXT + 1)
    outcome = run_build(project, capsys)
    assert outcome.reported == [
        f"{name}: error[io]: file is too large for a text source ({MAX_TEXT + 1:,} bytes; at "
        f"most {MAX_TEXT:,})"]


def test_a_huge_static_file_is_fine(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "static").mkdir()
    with open(project / "static/film.bin", "wb") as handle:
        handle.truncate(MAX_TEXT + 1)
    assert run_build(project, capsys).status == 0
    assert (project / "public/static/film.bin").stat().st_size == MAX_TEXT + 1


def test_new_article_from_a_huge_file(project: Path, capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(MAX_TEXT + 1)
    assert main(["-C", str(project), "new", "article", str(tmp_path / "huge.txt")]) == 1
    assert "file is too large for a text source" in capsys.readouterr().err
