"""The on-disk build cache: a rebuild redoes only what changed, and always equals a cold build."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest

import generator
import generator.engine.produce
import generator.engine.record
import generator.engine.store
from generator.build import BuildResult, Options, build
from generator.engine.record import CACHE_DIR
from generator.model import Article, Card
from generator.project import Project
from tests.conftest import SITES, copy_project, write_files
from tests.hardening.conftest import manifest


def inodes(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file's inode and modification time: what a write would change."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def cold(root: Path, tmp: Path) -> dict[str, str]:
    """What a full build without the cache writes, as a manifest."""
    out = tmp / f"cold-{random.random()}"
    build(Options(root, output=out, cache=False))
    return manifest(out)


@pytest.fixture
def summit(tmp_path: Path) -> Path:
    root = copy_project(SITES / "summit", tmp_path / "summit")
    build(Options(root))
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def card_file(root: Path, name: str) -> Path:
    [found] = root.glob(f"content/cards/**/{name}.yaml")
    return found


def test_a_rebuild_with_no_change_writes_nothing(summit: Path) -> None:
    before = inodes(summit / "public")
    result = build(Options(summit))
    assert (result.rendered, result.changed) == (0, 0)
    assert result.files == len(before) - 1  # all but the marker
    assert inodes(summit / "public") == before
    assert result.pages == build(Options(summit, output=summit / "full", cache=False)).pages


def test_a_summary_edit_remakes_only_the_pages_that_show_it(summit: Path,
                                                            tmp_path: Path) -> None:
    full = build(Options(summit, output=tmp_path / "full", cache=False)).rendered
    edit(card_file(summit, "ukraine"), "summary: ", "summary: Edited. ")
    result = build(Options(summit))
    assert 0 < result.rendered < full / 2
    assert "Edited." in (summit / "public/cards/ukraine.html").read_text(encoding="utf-8")
    assert manifest(summit / "public") == cold(summit, tmp_path)


@pytest.mark.parametrize("change", [
    "summary", "name", "alias", "new card", "removed card", "article title", "article text",
    "new article", "template", "site.yaml", "static file", "related", "catalogue", "language",
])
def test_every_kind_of_edit_gives_what_a_cold_build_gives(summit: Path, tmp_path: Path,
                                                          change: str) -> None:
    card = card_file(summit, "ukraine")
    article = next((summit / "content/articles").glob("*.yaml"))
    if change == "summary":
        edit(card, "summary: ", "summary: New words. ")
    elif change == "name":
        edit(card, "name: Ukraine", "name: Ukraina")
    elif change == "alias":
        edit(card, "name: Ukraine", "name: Ukraine\naliases: [Kyiv government]")
    elif change == "new card":
        write_files(summit, {"content/cards/extra.yaml": (
            "type: concept\nname: Coalition of the willing\nsummary: A group.\n"
            "as_of: 2025-03-02\nsources:\n  - publisher: BBC\n    title: T\n"
            "    date: 2025-03-02\n")})
    elif change == "removed card":
        card_file(summit, "elysee-palace").unlink()
    elif change == "article title":
        edit(article, "title: ", "title: Updated ")
    elif change == "article text":
        seed = next((summit / "seeds").iterdir())
        seed.write_text(seed.read_text(encoding="utf-8") + "\nUkraine was named again.\n",
                        encoding="utf-8")
    elif change == "new article":
        text = article.read_text(encoding="utf-8").replace("title: ", "title: Second ")
        write_files(summit, {"content/articles/second.yaml": text})
    elif change == "template":
        theme = Path(generator.__file__).parent / "theme" / "templates" / "card.html"
        write_files(summit, {"templates/card.html": theme.read_text(encoding="utf-8").replace(
            "</h1>", " (card)</h1>", 1)})
    elif change == "site.yaml":
        edit(summit / "site.yaml", "title: ", "title: Renamed ")
    elif change == "static file":
        write_files(summit, {"static/extra.css": "body { color: red }\n"})
    elif change == "related":
        edit(card, "summary: ", "related: [russia]\nsummary: ")
    elif change == "catalogue":  # the site's own words for the theme's
        write_files(summit, {"translations/en.po": (
            'msgid "Mentioned in"\nmsgstr "In the news"\n')})
    elif change == "language":
        edit(summit / "site.yaml", "language: en-GB", "language: fr")
    result = build(Options(summit))
    assert result.changed > 0
    assert manifest(summit / "public") == cold(summit, tmp_path)
    again = build(Options(summit))
    assert (again.rendered, again.changed) == (0, 0)


def test_deleting_the_cache_gives_the_same_site(summit: Path, tmp_path: Path) -> None:
    edit(card_file(summit, "ukraine"), "summary: ", "summary: Changed. ")
    build(Options(summit))
    expected = manifest(summit / "public")
    for record in (summit / CACHE_DIR).glob("build-*"):
        record.unlink()
    result = build(Options(summit))
    assert result.rendered == build(Options(summit, output=tmp_path / "full",
                                            cache=False)).rendered  # a full build
    assert manifest(summit / "public") == expected == cold(summit, tmp_path)


def test_another_tool_version_ignores_the_cache(summit: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    expected = manifest(summit / "public")
    full = build(Options(summit, output=tmp_path / "full", cache=False)).rendered
    monkeypatch.setattr(generator, "__version__", "99.0")
    result = build(Options(summit))
    assert result.rendered == full
    assert manifest(summit / "public") == expected


def test_a_damaged_cache_means_a_full_build(summit: Path) -> None:
    expected = manifest(summit / "public")
    for record in (summit / CACHE_DIR).glob("build-*"):
        record.write_bytes(os.urandom(200))
    result = build(Options(summit))
    assert result.rendered > 0
    assert manifest(summit / "public") == expected


def test_files_changed_or_added_in_the_output_are_put_right(summit: Path) -> None:
    out = summit / "public"
    expected = manifest(out)
    page = out / "cards" / "ukraine.html"
    page.write_text("vandalised", encoding="utf-8")
    (out / "stray.html").write_text("not ours", encoding="utf-8")
    (out / "index.html").unlink()
    result = build(Options(summit))
    assert 0 < result.changed < len(expected)
    assert manifest(out) == expected


def test_a_kept_file_is_never_written_through(summit: Path) -> None:
    """Unchanged files are hard links to the previous site's: rewriting one must not alter it."""
    out = summit / "public"
    kept = out / "cards" / "ukraine.html"
    held = kept.read_bytes()
    edit(card_file(summit, "russia"), "summary: ", "summary: Other. ")
    old_inode = kept.stat().st_ino
    build(Options(summit))
    assert kept.stat().st_ino == old_inode  # taken over, not rewritten
    assert kept.read_bytes() == held


def test_no_cache_neither_reads_nor_writes_it(tmp_path: Path) -> None:
    root = copy_project(SITES / "summit", tmp_path / "summit")
    result: BuildResult = build(Options(root, cache=False))
    assert result.changed == result.files
    assert not (root / CACHE_DIR).exists()


def test_an_unwritable_cache_costs_only_time(summit: Path, tmp_path: Path) -> None:
    for record in (summit / CACHE_DIR).glob("build-*"):
        record.unlink()
    (summit / CACHE_DIR).chmod(0o500)
    try:
        edit(card_file(summit, "ukraine"), "summary: ", "summary: Again. ")
        build(Options(summit))
        assert manifest(summit / "public") == cold(summit, tmp_path)
    finally:
        (summit / CACHE_DIR).chmod(0o700)


def test_the_cache_is_ignored_by_git(summit: Path) -> None:
    assert (summit / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_input_digests_follow_content_not_timestamps(summit: Path) -> None:
    card = card_file(summit, "ukraine")
    os.utime(card, ns=(1, 1))  # touched, same bytes
    result = build(Options(summit))
    assert result.rendered == 0
    scan = generator.engine.record.scan_inputs(Project(summit), None)
    assert scan[card.relative_to(summit).as_posix()][0][0] == 1


class Payload:
    """A pickle that runs code when read: what a hostile cache record would hold."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.mkdir, (str(self.marker),))


@pytest.mark.parametrize("tag", ["none", "zeros", "another user's key"])
def test_a_record_not_signed_by_this_user_is_never_read(summit: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         tag: str) -> None:
    """A record shipped with a project (a cloned repository) must not run its code."""
    import pickle

    marker = tmp_path / "payload-ran"
    body = pickle.dumps(Payload(marker))
    [record] = (summit / CACHE_DIR).glob("build-*.pickle")
    if tag == "none":
        record.write_bytes(body)
    elif tag == "zeros":
        record.write_bytes(bytes(32) + body)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-user"))
        other = generator.engine.store.secret()
        assert other is not None
        import hashlib
        import hmac
        record.write_bytes(hmac.new(other, body, hashlib.sha256).digest() + body)
        monkeypatch.delenv("XDG_CACHE_HOME")
    result = build(Options(summit))
    assert not marker.exists()
    assert result.rendered == result.pages  # a full build


def test_the_key_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    key = generator.engine.store.secret()
    assert key is not None and len(key) == 32
    path = tmp_path / "c" / "explainer" / "cache-key"
    assert path.stat().st_mode & 0o777 == 0o600
    assert generator.engine.store.secret() == key  # made once
    path.chmod(0o644)  # readable by others: not a secret any more
    assert generator.engine.store.secret() is None


def test_a_linked_cache_folder_is_not_written_through(tmp_path: Path) -> None:
    root = copy_project(SITES / "summit", tmp_path / "summit")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / CACHE_DIR).symlink_to(elsewhere)
    build(Options(root))
    assert list(elsewhere.iterdir()) == []


def test_only_changed_files_are_loaded_again(summit: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.load.articles
    import generator.load.cards

    calls: list[str] = []
    for module, name in ((generator.load.cards, "load_card"),
                         (generator.load.articles, "load_article")):
        real = getattr(module, name)

        def counting(*args: object, real: object = real) -> object:
            calls.append(Path(str(args[1])).name)
            return real(*args)  # type: ignore[operator]

        monkeypatch.setattr(module, name, counting)
    edit(card_file(summit, "ukraine"), "summary: ", "summary: Edited. ")
    build(Options(summit))
    assert calls == ["ukraine.yaml"]
    calls.clear()
    seed = next((summit / "seeds").iterdir())  # an article's text: its metadata is read again
    seed.write_text(seed.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    build(Options(summit))
    assert calls == ["paris-meeting.yaml"]
    assert manifest(summit / "public") == cold(summit, tmp_path)


def _calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """The ids of the cards or articles that resolve's ``name`` is called for, from now on."""
    import generator.resolve.site

    calls: list[str] = []
    real = getattr(generator.resolve.site, name)

    def counting(value: Article | Card, *args: Any) -> object:
        calls.append(value.id)
        return real(value, *args)

    monkeypatch.setattr(generator.resolve.site, name, counting)
    return calls


def test_articles_are_linked_again_only_when_they_or_the_names_change(
        summit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    linked = _calls(monkeypatch, "_resolve_article")
    edit(card_file(summit, "ukraine"), "summary: ", "summary: Edited. ")
    build(Options(summit))
    assert linked == []  # a summary links nothing anew
    edit(card_file(summit, "ukraine"), "name: Ukraine", "name: Ukraine\naliases: [Kyiv]")
    build(Options(summit))
    assert linked == ["paris-meeting"]  # an alias: every article is linked again
    assert manifest(summit / "public") == cold(summit, tmp_path)


def test_card_texts_are_parsed_again_only_when_the_card_or_the_names_change(
        summit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _calls(monkeypatch, "_card_text")
    edit(card_file(summit, "ukraine"), "summary: ", "summary: Edited. ")
    build(Options(summit))
    assert parsed == ["ukraine"]  # the other cards' texts come from the record
    parsed.clear()
    edit(card_file(summit, "ukraine"), "name: Ukraine", "name: Ukraine\naliases: [Kyiv]")
    build(Options(summit))
    assert len(parsed) == len(list(summit.glob("content/cards/**/*.yaml")))  # a new alias
    assert manifest(summit / "public") == cold(summit, tmp_path)


def test_a_damaged_detail_file_means_a_full_build(summit: Path, tmp_path: Path) -> None:
    [detail] = (summit / CACHE_DIR).glob("build-*.detail")
    data = bytearray(detail.read_bytes())
    data[-5] ^= 0xFF  # one flipped bit: the signature no longer matches
    detail.write_bytes(bytes(data))
    edit(card_file(summit, "ukraine"), "summary: ", "summary: Again. ")
    result = build(Options(summit))
    assert result.rendered == result.pages
    assert manifest(summit / "public") == cold(summit, tmp_path)


def test_a_detail_file_others_could_write_means_a_full_build(summit: Path,
                                                           tmp_path: Path) -> None:
    records = sorted((summit / CACHE_DIR).glob("build-*"))
    assert records and all(r.stat().st_mode & 0o777 == 0o600 for r in records)  # the user's
    [detail] = (summit / CACHE_DIR).glob("build-*.detail")
    detail.chmod(0o620)  # the group could rewrite it between its check and its reading
    edit(card_file(summit, "ukraine"), "summary: ", "summary: Again. ")
    result = build(Options(summit))
    assert result.rendered == result.pages
    assert manifest(summit / "public") == cold(summit, tmp_path)
    edit(card_file(summit, "ukraine"), "summary: Again. ", "summary: Once more. ")
    assert build(Options(summit)).rendered < result.pages  # the new record is read again


def test_a_successor_is_read_from_the_roles_alone(summit: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A card page names who took over an ended role by every card's role dates: an edit of
    another card's summary keeps it, an edit of the dates that makes a successor does not."""
    write_files(summit, {"content/cards/people/friedrich-merz.yaml": (
        "type: person\nname: Friedrich Merz\nsummary: Chancellor of Germany.\n"
        "as_of: 2025-06-01\nsources:\n  - article: paris-meeting\nroles:\n"
        "  - title: Chancellor of Germany\n    org: germany\n    from: 2025-05-07\n")})
    build(Options(summit))
    scholz = summit / "public/cards/olaf-scholz.html"
    assert "succeeded by" not in scholz.read_text(encoding="utf-8")
    rendered: list[str] = []
    emit = generator.engine.produce.Producer.emit
    monkeypatch.setattr(generator.engine.produce.Producer, "emit",
                        lambda self, page, *rest: rendered.append(page.path) or emit(
                            self, page, *rest))
    edit(card_file(summit, "jd-vance"), "summary: ", "summary: Edited. ")
    build(Options(summit))
    assert "cards/jd-vance.html" in rendered
    assert "cards/olaf-scholz.html" not in rendered  # it shows nothing of that card
    edit(card_file(summit, "friedrich-merz"), "from: 2025-05-07", "from: 2025-05-06")
    result = build(Options(summit))
    assert result.rendered > 0
    assert "succeeded by Friedrich Merz." in scholz.read_text(encoding="utf-8")
    assert manifest(summit / "public") == cold(summit, tmp_path)


def test_the_output_check_sees_each_kind_of_change_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, {"index.html": "home", "cards/a.html": "a", "cards/b/index.html": "b"})
    files = {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_size,
                                             p.stat().st_mtime_ns)
             for p in out.rglob("*") if p.is_file()}
    intact = generator.engine.store.intact
    assert intact(out, files)
    (out / "cards" / "c.html").write_text("stray", encoding="utf-8")
    assert not intact(out, files)  # a file added
    (out / "cards" / "c.html").unlink()
    assert intact(out, files)
    assert not intact(out, files | {"cards/gone.html": (1, 2, 3)})  # a file removed
    (out / "cards" / "b" / "index.html").write_text("bb", encoding="utf-8")
    assert not intact(out, files)  # a file changed
    assert not intact(tmp_path / "missing", files)


def test_the_tool_fingerprint_follows_the_package_files(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "generator"
    write_files(package, {"__init__.py": "", "render/pages.py": "x = 1\n",
                          "theme/templates/base.html": "<html>"})
    monkeypatch.setattr(generator, "__file__", str(package / "__init__.py"))
    fingerprint = generator.engine.record.tool_fingerprint
    first = fingerprint(None)
    write_files(package, {"render/__pycache__/pages.cpython-311.pyc": "compiled"})
    assert fingerprint(None) == first  # compiled files are not the tool
    write_files(package, {"theme/templates/base.html": "<html lang>"})
    assert fingerprint(None) != first
    write_files(package, {"theme/templates/base.html": "<html>", "render/new.py": ""})
    assert fingerprint(None) != first
