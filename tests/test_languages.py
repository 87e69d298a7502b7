"""The interface in the site's language: every shipped catalogue on the seed site, dates in the
locale's form, a project's own catalogue, `check` on missing messages, and bad catalogues."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from PIL import Image

from generator.build import Options, build
from generator.check.site import check_project
from generator.engine.pipeline import load_site, render_site
from generator.errors import BuildFailed
from generator.load.translations import LOCALES, load_words, theme_messages
from generator.markup.words import babel_locale
from generator.model import PartialDate
from generator.project import Project
from tests.conftest import ROOT, write_files

SHIPPED = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "uk", "ar"]
ARTICLE = "articles/paris-us-backstop.html"
# One page of every type the seed site has (with the pictures ``seed_project`` adds), and the
# 404 page.
PAGES = ["index.html", ARTICLE, "cards/keir-starmer.html", "cards/paris-meeting.html",
         "cards/nato.html", "cards/elysee-palace.html", "cards/us-backstop.html",
         "people.html", "organisations.html", "places.html", "glossary.html", "timeline.html",
         "topics.html", "quotes.html", "search.html", "credits.html", "404.html"]
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def seed_project(tmp_path: Path, language: str) -> Path:
    """The seed site (site.yaml, content/, seeds/) with ``language`` set, and two pictures
    (see ``add_pictures``)."""
    project = tmp_path / "seed"
    for part in ("content", "seeds"):
        shutil.copytree(ROOT / part, project / part)
    text = (ROOT / "site.yaml").read_text(encoding="utf-8")
    (project / "site.yaml").write_text(re.sub(r"(?m)^language: .*$", f"language: {language}",
                                              text), encoding="utf-8")
    add_pictures(project)
    return project


def add_pictures(project: Path) -> None:
    """A portrait on Keir Starmer's card (with a source) and a picture at the top of the
    article (without one), drawn with Pillow: the credit lines, the credits page and its
    "not given" are on the pages the language test reads."""
    images = project / "images"
    images.mkdir()
    Image.new("RGB", (400, 500), (40, 60, 120)).save(images / "portrait.jpg")
    Image.new("RGB", (800, 450), (90, 120, 60)).save(images / "scene.png")
    pictures = {"cards/people/keir-starmer.yaml": ("portrait.jpg", "\n  source: "
                                                   "https://example.org/pictures/1"),
                "articles/paris-us-backstop.yaml": ("scene.png", "")}
    for path, (file, source) in pictures.items():
        with open(project / "content" / path, "a", encoding="utf-8") as f:
            f.write(f"image:\n  file: images/{file}\n  alt: A test picture\n"
                    f"  credit: Pixel Studio{source}\n  licence: CC0 1.0\n")


def built(project: Path) -> dict[str, str]:
    """Every page of the project, built in memory, as text."""
    site, _ = load_site(Options(project))
    files, _, problems = render_site(Options(project), site)
    assert problems == []
    return {path: data.decode() for path, data in files.items() if path.endswith(".html")}


def content_strings(project: Path) -> list[str]:
    """What the content says (names, titles, roles...): English, whatever the interface."""
    site, _ = load_site(Options(project))
    found = {site.config.title, site.config.description}
    pictures = [c.image for c in site.cards.values()] + [a.article.image for a in site.articles]
    found |= {text for picture in pictures if picture
              for text in (picture.alt, picture.credit, picture.licence, picture.source)}
    for card in site.cards.values():
        found |= {card.name, card.kind, *card.aliases, *(r.title for r in card.roles),
                  *(r.note for r in card.roles), *(s.title for s in card.sources),
                  *(s.publisher for s in card.sources)}
    for linked in site.articles:
        article = linked.article
        found |= {article.title, article.dek, article.credit, *article.topics,
                  *(q.quote.context for q in linked.quotes)}
    return sorted((s for s in found if s), key=len, reverse=True)


def theme_text(html: str, content: list[str]) -> str:
    """The words the theme puts on a page: visible text, labels and the script's words,
    with the content's own text (bodies, summaries, quotes, names, titles) taken out."""
    page = BeautifulSoup(html, "html.parser")
    said = page.find("script", id="explainer-words")
    words = json.loads(said.string) if said else {}
    for tag in page.select("script, style, .body, .summary, blockquote, .backlinks li, "
                           ".dek, .lede, .search-list"):
        tag.decompose()
    text = [page.get_text(" ")]
    text += [str(tag[attr]) for attr in ("aria-label", "placeholder", "title")
             for tag in page.find_all(attrs={attr: True})]
    text += [v for value in words.values()
             for v in (value.values() if isinstance(value, dict) else [value])]
    joined = " ".join(" ".join(text).split())
    for string in content:
        joined = joined.replace(" ".join(string.split()), " ")
    return joined


def english_fragments() -> list[str]:
    """The English of every theme message, cut at its placeholders: pieces of two words or
    more, or one word of five letters or more (a shorter one is too likely in a name)."""
    out: set[str] = set()
    for message in theme_messages():
        for text in (message.id if isinstance(message.id, tuple) else (message.id,)):
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" .,:;()“”←→")
                if " " in piece or len(piece) >= 5:
                    out.add(piece)
    return sorted(out)


def translations(language: str) -> list[str]:
    """Every translation in a shipped catalogue (nothing for English)."""
    path = LOCALES / language / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return []
    with path.open("rb") as handle:
        return [s for m in read_po(handle) if m.id
                for s in (m.string if isinstance(m.string, tuple) else (m.string,))]


def _has(text: str, fragment: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text) is not None


@pytest.fixture(scope="module")
def fragments() -> list[str]:
    return english_fragments()


@pytest.mark.parametrize("language", SHIPPED)
def test_the_seed_site_speaks_each_shipped_language(language: str, tmp_path: Path,
                                                    fragments: list[str]) -> None:
    project = seed_project(tmp_path, language)
    pages = built(project)
    assert set(PAGES) <= set(pages)
    locale = babel_locale(language)
    day = format_date(dt.date(2025, 2, 18), "long", locale=locale)
    article = BeautifulSoup(pages[ARTICLE], "html.parser")
    assert article.html["lang"] == language
    assert article.html.get("dir") == ("rtl" if language == "ar" else None)
    assert article.select_one("header .meta time").get_text() == day
    content = content_strings(project)
    # Words the language shares with English ("Article", "Sources", "Organisation") are its.
    same = " ".join(translations(language))
    wanted = [f for f in fragments if not _has(same, f)]
    english = {}
    for path in PAGES:
        text = theme_text(pages[path], content)
        english[path] = [f for f in wanted if _has(text, f)]
    if language == "en":
        assert day == "18 February 2025"
        assert "Then and now" in english["cards/keir-starmer.html"]  # the check can fail
        assert "Search cards and articles" in english["404.html"]
        assert {"Shown on", "not given"} <= set(english["credits.html"])
        assert "Photo" in english["cards/keir-starmer.html"]
    else:
        assert {path: found for path, found in english.items() if found} == {}


def test_dates_numbers_and_plurals_follow_the_locale(tmp_path: Path) -> None:
    project = Project(tmp_path)
    fr, _ = load_words(project, "fr")
    de, _ = load_words(project, "de")
    uk, _ = load_words(project, "uk")
    pl, _ = load_words(project, "pl")
    ar, _ = load_words(project, "ar")
    day = dt.date(2025, 2, 18)
    assert fr.date(day) == "18 février 2025"
    assert de.date(day) == "18. Februar 2025"
    assert uk.date(day) == "18 лютого 2025\u202fр."
    assert [pl.ngettext("%(num)s mention", "%(num)s mentions", n) for n in (1, 3, 5, 22)] == [
        "1 wzmianka", "3 wzmianki", "5 wzmianek", "22 wzmianki"]
    assert [ar.ngettext("%(num)s day later", "%(num)s days later", n) for n in (2, 3, 11)] == [
        "بعد يومين", "بعد 3 أيام", "بعد 11 يومًا"]
    july = PartialDate(2024, 7)  # a month alone: its own name, or after "until"
    assert (pl.date(july), pl.date(july, governed=True)) == ("lipiec 2024", "lipca 2024")
    assert uk.date(july, governed=True) == "липня 2024\u202fр."
    assert fr.date(july, governed=True) == fr.date(july) == "juillet 2024"
    assert pl.date(day, governed=True) == pl.date(day) == "18 lutego 2025"
    assert fr.number(12345) == "12\u202f345"
    assert ar.direction == "rtl" and fr.direction == "ltr"
    assert set(ar.forms("%(num)s result for “%(query)s”.", "%(num)s results for “%(query)s”.")
               ) == {"zero", "one", "two", "few", "many", "other"}


def test_every_shipped_catalogue_is_complete_and_in_step_with_the_theme() -> None:
    extracted = {m[2] if isinstance(m[2], str) else m[2][0]
                 for m in extract_from_dir(ROOT / "generator", method_map=[
                     ("**.py", "python"), ("theme/templates/**.html", "jinja2")],
                     options_map={"theme/templates/**.html": {
                         "extensions": "jinja2.ext.i18n", "trim_blocks": "True",
                         "lstrip_blocks": "True"}},
                     keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None,
                               "forms": (1, 2)})}
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in theme_messages()}
    assert template == extracted, "run pybabel extract (docs/languages.md) and update"
    for language in SHIPPED[1:]:
        path = LOCALES / language / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as handle:
            catalog: Catalog = read_po(handle, locale=language)
        done = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog
                if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple)
                                                else (m.string,))}
        assert done == template, language
        for message in catalog:
            if isinstance(message.id, tuple):
                assert len(message.string) == catalog.num_plurals, (language, message.id)
        _, problems = load_words(Project(ROOT), language)
        assert problems == [], language


def test_a_project_overrides_a_message_and_adds_a_language(tmp_path: Path) -> None:
    project = seed_project(tmp_path, "fr")
    write_files(project, {"translations/fr.po": (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Who\'s who"\nmsgstr "Les protagonistes"\n')})
    pages = built(project)
    nav = BeautifulSoup(pages["index.html"], "html.parser").select("nav[aria-label] a")
    assert [a.get_text() for a in nav][:3] == ["Accueil", "Les protagonistes", "Organisations"]
    people = BeautifulSoup(pages["people.html"], "html.parser")
    assert people.h1.get_text() == "Les protagonistes"
    assert "Aller au contenu" in pages["people.html"]  # the rest from the theme's catalogue

    (project / "translations" / "fr.po").unlink()
    (project / "site.yaml").write_text((project / "site.yaml").read_text().replace(
        "language: fr", "language: sv"))
    write_files(project, {"translations/sv.po": (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Then and now"\nmsgstr "Då och nu"\n\n'
        'msgid "%(num)s mention"\nmsgid_plural "%(num)s mentions"\n'
        'msgstr[0] "%(num)s omnämnande"\nmsgstr[1] "%(num)s omnämnanden"\n')})
    card = BeautifulSoup(built(project)["cards/keir-starmer.html"], "html.parser")
    assert card.select_one("#then-now-heading").get_text() == "Då och nu"
    assert "18 februari 2025" in card.get_text()  # Swedish dates from Babel
    assert card.select_one(".backlinks .count").get_text() == "(6 omnämnanden)"


def test_check_reports_messages_missing_in_the_sites_language(tmp_path: Path) -> None:
    project = seed_project(tmp_path, "fr")
    today = dt.date(2025, 10, 1)
    result = check_project(Options(project), today)
    assert [d for d in result.diagnostics if d.code == "translation-missing"] == []
    (project / "site.yaml").write_text((project / "site.yaml").read_text().replace(
        "language: fr", "language: sv"))
    result = check_project(Options(project), today)
    [missing] = [d for d in result.diagnostics if d.code == "translation-missing"]
    assert "no catalogue for language 'sv'" in missing.message
    write_files(project, {"translations/sv.po": (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Then and now"\nmsgstr "Då och nu"\n')})
    result = check_project(Options(project), today)
    missing = [d for d in result.diagnostics if d.code == "translation-missing"]
    assert len(missing) == len(theme_messages()) - 1
    assert all(str(d.location) == "translations/sv.po" for d in missing)
    assert any("'Mentioned in'" in d.message for d in missing)
    assert not any("'Then and now'" in d.message for d in missing)


def test_a_broken_catalogue_is_an_error_with_its_line(tmp_path: Path) -> None:
    project = seed_project(tmp_path, "fr")
    write_files(project, {"translations/fr.po": (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Mentions of %(name)s"\nmsgstr "Mentions de %(nom)s"\n')})
    with pytest.raises(BuildFailed) as failed:
        build(Options(project, output=tmp_path / "out"))
    [problem] = failed.value.diagnostics
    assert (str(problem.location), problem.code) == ("translations/fr.po:5", "translation")
    assert "%(nom)s" in problem.message
    write_files(project, {"translations/fr.po": 'msgid "x"\nnonsense\nmsgstr "y"\n'})
    with pytest.raises(BuildFailed) as failed:
        build(Options(project, output=tmp_path / "out"))
    assert [(str(d.location), d.code) for d in failed.value.diagnostics] == [
        ("translations/fr.po:2", "translation")]


@pytest.mark.hostile
def test_a_translation_is_text_not_html(tmp_path: Path) -> None:
    project = seed_project(tmp_path, "fr")
    write_files(project, {"translations/fr.po": (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Then and now"\nmsgstr "<script>alert(1)</script> & co"\n\n'
        'msgid "Facts as of %(date)s."\nmsgstr "<i>%(date)s</i>"\n')})
    html = built(project)["cards/keir-starmer.html"]
    card = BeautifulSoup(html, "html.parser")
    assert card.select_one("#then-now-heading").get_text() == "<script>alert(1)</script> & co"
    assert "<script>alert(1)" not in html and "<i>" not in html
    as_of = card.select_one(".as-of")
    assert as_of.get_text().startswith("<i>") and as_of.time is not None  # the date's HTML kept
