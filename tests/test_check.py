"""``explainer check``: broken sites, each problem reported at the file it is in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.conftest import SITES, copy_project, write_files

BOB = ("type: person\nname: Bob Example\nsummary: Another person in the story.\n"
       "as_of: 2024-03-01\nsources:\n  - article: story\n")


def check(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    status = main(["-C", str(project), "check", "--format", "json", "--today", "2024-03-02",
                   *args])
    return status, json.loads(capsys.readouterr().out)


def found(report: Any) -> list[tuple[str, str, int]]:
    return [(d["code"], d["path"], d["line"]) for d in report["diagnostics"]]


def test_clean_site_passes(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, report = check(base_project, capsys)
    assert status == 0
    assert report["ok"] is True and report["diagnostics"] == []
    assert report["pages"] == 7 and report["links"] > 50
    assert not (base_project / "public").exists()


def test_tunnel_site_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(SITES / "tunnel", tmp_path / "p")
    assert main(["-C", str(project), "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Checked 20 pages, 37 files and ") and "no problems" in out


def test_dangling_link_and_missing_anchor(base_project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    # Links to the site's own address are internal links; so are links in raw HTML.
    write_files(base_project, {
        "site.yaml": (base_project / "site.yaml").read_text() + "allow_raw_html: true\n",
        "content/cards/bob.yaml": BOB + (
            "body: |\n  See [the list](https://example.org/cards/nobody.html).\n\n"
            "  And [paragraph nine](https://example.org/articles/story.html#p9),\n"
            "  [two](https://example.org/articles/story.html#p2).\n\n"
            '  <p><a href="../people.html#nobody">who</a></p>\n')})
    status, report = check(base_project, capsys)
    assert status == 1 and report["ok"] is False
    assert found(report) == [("link-broken", "content/cards/bob.yaml", 8),
                             ("anchor-missing", "content/cards/bob.yaml", 10),
                             ("anchor-missing", "content/cards/bob.yaml", 13)]
    broken = report["diagnostics"][0]
    assert "cards/bob.html" in broken["message"] and "cards/nobody.html" in broken["message"]
    assert broken["col"] == 18 and broken["severity"] == "error"
    assert "#p9" in report["diagnostics"][1]["message"]
    assert report["counts"] == {"anchor-missing": 2, "link-broken": 1}


def test_unreachable_page(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(base_project, {"static/orphan.html": "<!DOCTYPE html><title>x</title>"
                               '<a href="../index.html">home</a><a href="gone.css">x</a>\n'})
    status, report = check(base_project, capsys)
    assert status == 1
    assert found(report) == [("page-unreachable", "static/orphan.html", 0),
                             ("link-broken", "static/orphan.html", 1)]


def test_template_link_points_at_the_template(base_project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    write_files(base_project, {"templates/home.html": (
        '{% extends "base.html" %}\n{% block main %}\n<p>Hi</p>\n'
        '<p><a href="about.html">About</a> <a href="#nowhere">x</a></p>\n{% endblock %}\n')})
    status, report = check(base_project, capsys)
    assert status == 1
    codes = found(report)
    assert ("link-broken", "templates/home.html", 4) in codes
    assert ("anchor-missing", "templates/home.html", 4) in codes
    assert len(codes) == 2
    hint = report["diagnostics"][0]["hint"]
    assert "in the built index.html, line" in hint


def test_stale_card(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = (base_project / "site.yaml").read_text() + "freshness_days: 30\n"
    write_files(base_project, {"site.yaml": site})
    status, report = check(base_project, capsys, "--today", "2024-04-15")
    assert status == 1
    assert found(report) == [("facts-stale", "content/cards/alice.yaml", 5),
                             ("facts-stale", "content/cards/bob.yaml", 4)]
    assert "45 days ago (site.yaml allows 30)" in report["diagnostics"][0]["message"]
    status, report = check(base_project, capsys, "--today", "2024-03-20")
    assert status == 0


def test_undated_source_unused_card_and_unattributed_quote(
        base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(base_project, {
        "content/cards/carol.yaml": (
            "type: person\nname: Carol Example\nsummary: Not in the story.\nas_of: 2024-03-01\n"
            "sources:\n  - publisher: The Gazette\n    title: Carol's day\n"),
        "seeds/story.txt": 'Alice Example met Bob Example in Springfield.\n'
                           'They said “hello there” and left.\n',
    })
    status, report = check(base_project, capsys)
    assert status == 1
    assert found(report) == [("card-unused", "content/cards/carol.yaml", 1),
                             ("source-undated", "content/cards/carol.yaml", 6),
                             ("quote-unattributed", "seeds/story.txt", 2)]
    assert all(d["severity"] == "error" for d in report["diagnostics"])  # strict
    status, report = check(base_project, capsys, "--ignore", "card-unused",
                           "--ignore", "source-undated", "--ignore", "quote-unattributed")
    assert status == 0


def test_card_linked_from_another_card_is_used(base_project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    write_files(base_project, {
        "content/cards/carol.yaml": (
            "type: person\nname: Carol Example\nsummary: Not in the story.\nas_of: 2024-03-01\n"
            "sources: [{article: story}]\n"),
        "content/cards/bob.yaml": BOB + "related: [carol]\n",
    })
    status, report = check(base_project, capsys)
    assert (status, report["diagnostics"]) == (0, [])


def test_human_output(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(base_project, {"content/cards/bob.yaml": BOB + "body: '[x](https://example.org/x.html)'\n"})
    assert main(["-C", str(base_project), "check"]) == 1
    err = capsys.readouterr().err
    assert "content/cards/bob.yaml:7:" in err and "error[link-broken]" in err
    assert "Check failed: 1 problem(s) (1 link-broken) in 7 pages." in err


def test_load_errors_are_json_too(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(base_project, {"content/cards/bob.yaml": "type: person\nname: Bob\n"})
    status, report = check(base_project, capsys)
    assert status == 1 and report["ok"] is False
    assert {d["code"] for d in report["diagnostics"]} == {"schema-missing-key"}
    assert {d["path"] for d in report["diagnostics"]} == {"content/cards/bob.yaml"}


def test_check_a_built_folder(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(base_project), "build"]) == 0
    public = base_project / "public"
    assert main(["-C", str(base_project), "check", "--built", str(public)]) == 0
    (public / "static" / "style.css").unlink()
    (public / "cards" / "alice.html").write_text(
        (public / "cards" / "alice.html").read_text().replace('id="main"', 'id="content"'))
    capsys.readouterr()
    status, report = check(base_project, capsys, "--built", str(public))
    assert status == 1
    codes = {(d["code"], d["path"]) for d in report["diagnostics"]}
    assert ("link-broken", f"{public}/index.html") in codes
    assert ("anchor-missing", f"{public}/cards/alice.html") in codes
    assert all(d["line"] > 0 for d in report["diagnostics"])


def test_open_ended_roles_on_stale_cards_come_first(base_project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    site = (base_project / "site.yaml").read_text() + "freshness_days: 30\n"
    bob = (base_project / "content/cards/bob.yaml").read_text()
    write_files(base_project, {"site.yaml": site, "content/cards/bob.yaml": bob + (
        "roles:\n  - title: Mayor of Springfield\n    from: 2020\n")})
    status, report = check(base_project, capsys, "--today", "2024-04-15")
    assert status == 1
    assert found(report) == [("roles-stale", "content/cards/bob.yaml", 4),
                             ("facts-stale", "content/cards/alice.yaml", 5)]
    assert "still holds Mayor of Springfield" in report["diagnostics"][0]["message"]


def test_did_you_mean_for_ids_written_as_names_and_quotes_written_on_a_card(
        base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(base_project, {
        "content/cards/bob.yaml": BOB + "quotes:\n  - speaker: bob-example\n    text: x\n",
        "content/articles/story.yaml": ("title: A story\ndek: Two people meet.\n"
                                        "date: 2024-03-01\nseed: story.txt\nquotes:\n"
                                        "  - speaker: alice\n    text: They spoke.\n"),
    })
    status, report = check(base_project, capsys)
    assert status == 1
    hints = {d["code"]: d["hint"] for d in report["diagnostics"]}
    assert hints["schema-unknown-key"].startswith(
        "quotes belong to the article that quotes them")
    assert "unknown-card" not in hints  # 'alice' is the id of card Alice Example
    write_files(base_project, {
        "content/cards/bob.yaml": BOB,
        "content/articles/story.yaml": ("title: A story\ndek: Two people meet.\n"
                                        "date: 2024-03-01\nseed: story.txt\nquotes:\n"
                                        "  - speaker: example\n    text: They spoke.\n"),
    })
    status, report = check(base_project, capsys)
    hints = {d["code"]: d["hint"] for d in report["diagnostics"]}
    assert "unknown-card" in hints and "did you mean" not in hints["unknown-card"]
    write_files(base_project, {
        "content/articles/story.yaml": ("title: A story\ndek: Two people meet.\n"
                                        "date: 2024-03-01\nseed: story.txt\nquotes:\n"
                                        "  - speaker: bob-example\n    text: They "
                                        "spoke.\n"),
    })
    status, report = check(base_project, capsys)
    hints = {d["code"]: d["hint"] for d in report["diagnostics"]}
    assert hints["unknown-card"] == ("did you mean 'bob'? 'bob-example' is written like its "
                                     "name or alias 'Bob Example'; a reference names a card "
                                     "by its id")
    write_files(base_project, {
        "content/cards/jane-smith.yaml": BOB.replace("Bob Example", "Jane Smith"),
        "content/articles/story.yaml": ("title: A story\ndek: Two people meet.\n"
                                        "date: 2024-03-01\nseed: story.txt\nquotes:\n"
                                        "  - speaker: smith\n    text: They spoke.\n"),
    })
    status, report = check(base_project, capsys)
    hints = {d["code"]: d["hint"] for d in report["diagnostics"]}
    assert hints["unknown-card"].startswith("did you mean 'jane-smith'? 'smith' is written")
