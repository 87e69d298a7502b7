"""The authoring workflow end to end: init, new article, new card, build, check, cards."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import soup

STORY = """Ada Lovelace published her notes on the Analytical Engine in 1843.
Lovelace worked with Charles Babbage, who had designed the engine.
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exit:  # argparse's usage errors
        status = int(exit.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def bare_project(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                 story: str = "") -> tuple[Path, Path]:
    """A project made by ``init --bare`` in ``tmp_path/p``, and ``story`` written beside it."""
    project = tmp_path / "p"
    run(capsys, "init", str(project), "--bare")
    path = tmp_path / "vote.txt"
    path.write_text(story, encoding="utf-8")
    return project, path


def test_init_new_article_new_card_build_and_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "site"
    assert run(capsys, "init", str(project))[0] == 0
    story = tmp_path / "lovelace.txt"
    story.write_text(STORY, encoding="utf-8")
    status, out, _ = run(capsys, "-C", str(project), "new", "article", str(story),
                         "--title", "Ada Lovelace's notes")
    assert status == 0, out
    meta = project / "content" / "articles" / "ada-lovelace-s-notes.yaml"
    text = meta.read_text(encoding="utf-8")
    assert f"date: {dt.date.today().isoformat()}" in text
    assert "dek: Ada Lovelace published her notes on the Analytical Engine in 1843." in text
    assert (project / "seeds" / "lovelace.txt").read_text(encoding="utf-8") == STORY
    status, out, err = run(capsys, "-C", str(project), "new", "card", "person", "Ada Lovelace",
                           "--alias", "Lovelace", "--summary", "An English mathematician.")
    assert status == 0, err
    assert "citing ada-lovelace-s-notes, paragraph 1" in out
    card = project / "content" / "cards" / "people" / "ada-lovelace.yaml"
    assert card.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../../schemas/card.schema.json\n")
    status, _, err = run(capsys, "-C", str(project), "build")
    assert status == 0, err
    status, _, err = run(capsys, "-C", str(project), "check", "--ignore", "card-unused")
    assert status == 0, err
    page = soup(project / "public" / "articles" / "ada-lovelace-s-notes.html")
    links = {(a.get_text(), a["href"]) for a in page.select(".body a.mention")}
    assert ("Ada Lovelace", "../cards/ada-lovelace.html") in links
    assert ("Lovelace", "../cards/ada-lovelace.html") in links
    backlinks = soup(project / "public" / "cards" / "ada-lovelace.html").select(".backlinks a")
    assert any("ada-lovelace-s-notes.html#p1" in a["href"] for a in backlinks)


def test_init_builds_and_checks_at_once(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "moon"
    status, out, _ = run(capsys, "init", str(project), "--title", "Moon explainer")
    assert status == 0 and "Created a new explainer" in out
    assert {p.name for p in project.iterdir()} >= {
        "site.yaml", "content", "seeds", "schemas", ".gitignore", ".vscode"}
    settings = json.loads((project / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"]["./schemas/card.schema.json"] == ["content/cards/**/*.yaml"]
    assert "title: Moon explainer" in (project / "site.yaml").read_text()
    assert run(capsys, "-C", str(project), "build")[0] == 0
    status, _, err = run(capsys, "-C", str(project), "check")
    assert status == 0, err
    page = soup(project / "public" / "articles" / "apollo-11-landing.html")
    assert {a["href"] for a in page.select(".body a.mention")} >= {
        "../cards/neil-armstrong.html", "../cards/nasa.html", "../cards/sea-of-tranquility.html"}


def test_init_refuses_an_existing_project(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    assert run(capsys, "init", str(project), "--bare")[0] == 0
    site = (project / "site.yaml").read_text()
    status, _, err = run(capsys, "init", str(project))
    assert status == 1 and "already an explainer project" in err
    assert (project / "site.yaml").read_text() == site
    other = tmp_path / "q"
    (other / "seeds").mkdir(parents=True)
    (other / "seeds" / "apollo-11-landing.txt").write_text("mine")
    (other / ".gitignore").write_text("mine")
    status, _, err = run(capsys, "init", str(other))
    assert status == 1
    assert "seeds/apollo-11-landing.txt already exists" in err and ".gitignore already" in err
    assert not (other / "site.yaml").exists()


def test_new_card_refuses_a_taken_id_and_aliases_in_one_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    run(capsys, "init", str(project))
    status, _, err = run(capsys, "-C", str(project), "new", "card", "person", "NASA",
                         "--alias", "Armstrong")
    assert status == 1
    assert "card id 'nasa' is already used by content/cards/organisations/nasa.yaml" in err
    assert "'NASA' already names card 'nasa'" in err
    assert "'Armstrong' already names card 'neil-armstrong'" in err
    status, _, err = run(capsys, "-C", str(project), "new", "card", "persn", "Michael Collins")
    assert status == 2 and "did you mean 'person'?" in err


def test_new_card_lists_every_field_of_its_type(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    run(capsys, "init", str(project))
    status, out, _ = run(capsys, "-C", str(project), "new", "card", "person", "Michael Collins")
    assert status == 0 and "citing apollo-11-landing, paragraph 2" in out
    assert "Next: fill in summary" in out
    text = (project / "content/cards/people/michael-collins.yaml").read_text()
    for field in ("# kind:", "# wikidata:", "# roles:", "#     from:", "#     aliases:",
                  "summary:\n", "as_of:", "  - article: apollo-11-landing"):
        assert field in text
    assert "end_date" not in text and "# place:" not in text  # event fields
    status, _, err = run(capsys, "-C", str(project), "check")
    assert status == 1 and "missing required key 'summary'" in err
    status, out, _ = run(capsys, "-C", str(project), "new", "card", "event", "Gemini 8")
    event = (project / "content/cards/events/gemini-8.yaml").read_text()
    assert "date:\n" in event and "# roles:" not in event
    # No paragraph names it: the newest article is cited, never an empty source.
    assert "  - article: apollo-11-landing\n" in event and "publisher" not in event.split(
        "sources:")[1].split("\n\n")[0]
    assert "citing apollo-11-landing, which does not name it" in out


def test_new_article_lists_unattributed_quotes_and_refuses_to_overwrite(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    run(capsys, "init", str(project), "--bare")
    story = tmp_path / "talks.md"
    story.write_text("# Talks resume\n\nThe minister called it “a new stage.” He said "
                     "“wait: and see,” later.\n")
    assert run(capsys, "-C", str(project), "new", "article", str(story))[0] == 0
    meta = (project / "content/articles/talks-resume.yaml").read_text()
    # Proposed in the form the build matches: the words, without the trailing punctuation,
    # quoted where YAML needs it.
    assert "title: Talks resume" in meta and "#     text: a new stage\n" in meta
    assert "#     text: 'wait: and see'\n" in meta
    status, _, err = run(capsys, "-C", str(project), "new", "article", str(story))
    assert status == 1 and "content/articles/talks-resume.yaml already exists" in err
    status, _, err = run(capsys, "-C", str(project), "new", "article", str(tmp_path / "nope"))
    assert status == 1 and "no such file" in err


def test_cards_table_shows_mentions_and_freshness(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    run(capsys, "init", str(project))
    meta = project / "content" / "articles" / "apollo-11-landing.yaml"
    text = meta.read_text()
    meta.write_text(text.replace(f"date: {dt.date.today().isoformat()}", "date: 2030-01-01"))
    status, out, _ = run(capsys, "-C", str(project), "cards", "--max-age", "100000")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "type", "name", "mentions", "articles", "as", "of",
                                "freshness"]
    assert lines[1].split()[:4] == ["neil-armstrong", "person", "Neil", "Armstrong"]
    assert lines[1].endswith("behind 2030-01-01 article")  # the article is newer than the facts
    status, out, _ = run(capsys, "-C", str(project), "list", "--json", "--type", "place")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["sea-of-tranquility"] and rows[0]["mentions"] == 1


def test_schema_command_writes_and_prints(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema", "--print", "card")
    assert status == 0 and json.loads(out)["title"].startswith("explainer card")
    assert run(capsys, "schema", "-o", str(tmp_path))[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "article.schema.json", "card.schema.json", "site.schema.json"]


def test_new_card_without_summary_is_a_draft_the_build_leaves_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    run(capsys, "init", str(project))
    status, out, _ = run(capsys, "-C", str(project), "new", "card", "person", "Michael Collins")
    assert status == 0 and "then delete the line 'draft: true'" in out
    card = project / "content/cards/people/michael-collins.yaml"
    assert "\ndraft: true\n" in card.read_text()
    status, _, err = run(capsys, "-C", str(project), "build")
    assert status == 0, err
    line = card.read_text().splitlines().index("draft: true") + 1
    assert (f"content/cards/people/michael-collins.yaml:{line}:1: warning[card-draft]: card "
            "'michael-collins' is a draft: it is not published (to finish: missing required "
            "key 'summary' in card)") in err
    assert not (project / "public/cards/michael-collins.html").exists()
    page = soup(project / "public/articles/apollo-11-landing.html")
    assert not [a for a in page.select("a") if "michael-collins" in a.get("href", "")]
    assert run(capsys, "-C", str(project), "build", "--strict")[0] == 1
    status, _, err = run(capsys, "-C", str(project), "check")
    assert status == 1 and "error[card-draft]" in err  # check is the gate: drafts fail it
    assert run(capsys, "-C", str(project), "check", "--ignore", "card-draft")[0] == 0
    text = card.read_text().replace("summary:\n", "summary: An astronaut.\n")
    card.write_text(text.replace("draft: true\n", ""))
    status, _, err = run(capsys, "-C", str(project), "build", "--strict")
    assert status == 0, err
    assert (project / "public/cards/michael-collins.html").is_file()


@pytest.mark.parametrize(("name", "path"), [
    ("Володимир Зеленський", "people/volodymyr-zelenskyi.yaml"),
    ("Κυριάκος Μητσοτάκης", "people/kyriakos-mitsotakis.yaml"),
    ("Élysée Palace", "people/elysee-palace.yaml"),
])
def test_new_card_ids_from_cyrillic_and_greek_names(
        name: str, path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    run(capsys, "init", str(project), "--bare")
    status, _, err = run(capsys, "-C", str(project), "new", "card", "person", name,
                         "--summary", "Someone.")
    assert status == 0, err
    assert f"name: {name}\n" in (project / "content/cards" / path).read_text(encoding="utf-8")


def test_new_card_needs_an_id_for_a_name_of_no_latin_letters_and_warns_of_short_aliases(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    run(capsys, "init", str(project), "--bare")
    status, _, err = run(capsys, "-C", str(project), "new", "card", "place", "東京")
    assert status == 1 and "error[card-id]: '東京' has no letter" in err and "--id" in err
    status, _, err = run(capsys, "-C", str(project), "new", "card", "organisation",
                         "X Corp", "--alias", "X", "--summary", "A company.")
    assert status == 0
    assert "warning[alias-short]: 'X' is very short" in err
    assert "'X Corp'" not in err


REUTERS_STORY = """Councillors in Berlin voted on Thursday to extend the night-flight ban.
The measure passed by 31 votes to 24.
(Reuters)
"""


def test_a_card_for_the_credited_agency_is_linked_from_the_credit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project, story = bare_project(tmp_path, capsys, REUTERS_STORY)
    run(capsys, "-C", str(project), "new", "article", str(story), "--title", "Berlin vote")
    status, out, _ = run(capsys, "-C", str(project), "new", "card", "organisation", "Reuters",
                         "--summary", "A news agency.")
    assert status == 0 and "citing berlin-vote, which does not name it" in out
    run(capsys, "-C", str(project), "new", "card", "place", "Berlin", "--summary", "A city.")
    status, _, err = run(capsys, "-C", str(project), "check", "--ignore", "quote-unattributed")
    assert status == 0, err  # Reuters is not unused: the credit links to it
    assert run(capsys, "-C", str(project), "build")[0] == 0
    credit = soup(project / "public/articles/berlin-vote.html").select_one("p.credit a")
    assert credit is not None and credit["href"] == "../cards/reuters.html"
    assert credit.get_text() == "Reuters"
    status, out, _ = run(capsys, "-C", str(project), "cards", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert "unused" not in rows["reuters"]["freshness"]


def test_the_preview_shows_a_draft_marked_and_the_build_leaves_it_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.build import Options
    from generator.engine.live import BuildState

    project = tmp_path / "p"
    run(capsys, "init", str(project))
    run(capsys, "-C", str(project), "new", "card", "person", "Michael Collins")
    state = BuildState(Options(project), tmp_path / "preview")
    rebuilt = state.rebuild()
    assert [d.code for d in rebuilt.diagnostics] == ["card-draft"]
    page = soup(tmp_path / "preview" / "cards" / "michael-collins.html")
    mark = page.select_one("p.draft")
    assert mark is not None and "not publish" in mark.get_text()
    article = soup(tmp_path / "preview" / "articles" / "apollo-11-landing.html")
    assert article.select('.body a.mention[href="../cards/michael-collins.html"]')
    assert not soup(tmp_path / "preview" / "cards" / "nasa.html").select("p.draft")
    assert run(capsys, "-C", str(project), "build")[0] == 0
    assert not (project / "public/cards/michael-collins.html").exists()
