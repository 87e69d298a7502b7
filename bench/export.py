"""The content of an explainer project, exported as Markdown sites for Pelican, MkDocs and Hugo.

    python bench/export.py PROJECT OUT [--tools pelican,mkdocs,hugo]

Each tool gets the same pages: one Markdown page per article (title, dek, date
and paragraphs, with the mentions of cards already written as Markdown links,
the first mention of a card in each paragraph, as explainer links by default),
one page per card (name, summary, body, with ``card:`` links rewritten), a home
page listing the articles and an index of the cards. Links use each tool's own
way of linking pages (``{filename}`` for Pelican, ``.md`` paths for MkDocs,
relative URLs for Hugo). Settings keep each tool's defaults except where a
default would put every page on every page (MkDocs' automatic navigation,
Pelican's menu of pages) or add kinds of output explainer does not make
(feeds, sitemaps, taxonomies).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

TOOLS = ("pelican", "mkdocs", "hugo")
CARD_LINK = re.compile(r"\[([^\]]+)\]\(card:([\w-]+)\)")
# Where a page links a card, by tool: (card id, True from an article page) -> URL.
Linker = Callable[[str, bool], str]


@dataclass(frozen=True, slots=True)
class Card:
    """A card as the exported page shows it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    summary: str
    body: str


@dataclass(frozen=True, slots=True)
class Article:
    """An article as the exported page shows it."""

    id: str
    title: str
    dek: str
    date: str
    paragraphs: tuple[str, ...]


def read_project(project: Path) -> tuple[list[Card], list[Article]]:
    """The cards and articles of an explainer project, sorted by id."""
    cards = []
    for path in sorted((project / "content" / "cards").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cards.append(Card(path.stem, str(data["name"]), tuple(map(str, data.get("aliases", ()))),
                          str(data["summary"]), str(data.get("body") or "")))
    articles = []
    for path in sorted((project / "content" / "articles").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (project / "seeds" / str(data["seed"])).read_text(encoding="utf-8")
        paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
        articles.append(Article(path.stem, str(data["title"]), str(data.get("dek", "")),
                                str(data["date"]), paragraphs))
    return cards, articles


WORD = re.compile(r"\w+")
# Names and aliases by their first word, longest first: matching looks only at word starts,
# so it takes time linear in the text however many aliases there are.
Matcher = dict[str, list[tuple[str, str]]]


def alias_matcher(cards: list[Card]) -> Matcher:
    """Every name and alias with its card id, by first word, longest first."""
    owner: dict[str, str] = {}
    for card in cards:
        for alias in (card.name, *card.aliases):
            owner.setdefault(alias, card.id)
            if alias[:1].islower():  # "the X Council" also starts a sentence
                owner.setdefault(alias[0].upper() + alias[1:], card.id)
    matcher: Matcher = {}
    for alias in sorted(owner, key=lambda a: (-len(a), a)):
        first = WORD.match(alias)
        if first:
            matcher.setdefault(first.group(0), []).append((alias, owner[alias]))
    return matcher


def link_paragraph(text: str, matcher: Matcher, linker: Linker) -> str:
    """The paragraph with the first mention of each card written as a Markdown link."""
    seen: set[str] = set()
    parts: list[str] = []
    done = skip = 0  # text written out so far; text inside an earlier mention
    for word in WORD.finditer(text):
        start = word.start()
        if start < skip or (start and (text[start - 1].isalnum() or text[start - 1] == "_")):
            continue
        for alias, card in matcher.get(word.group(0), ()):
            end = start + len(alias)
            if text.startswith(alias, start) and not (end < len(text) and (
                    text[end].isalnum() or text[end] == "_")):
                if card not in seen:
                    seen.add(card)
                    parts += [text[done:start], f"[{alias}]({linker(card, True)})"]
                    done = end
                skip = end
                break
    parts.append(text[done:])
    return "".join(parts)


def card_markdown(text: str, linker: Linker) -> str:
    """A card's Markdown with its ``card:`` links pointing at the tool's card pages."""
    return CARD_LINK.sub(lambda m: f"[{m.group(1)}]({linker(m.group(2), False)})", text)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _article_body(article: Article, matcher: Matcher, linker: Linker) -> str:
    return "\n\n".join(link_paragraph(p, matcher, linker) for p in article.paragraphs)


def _card_body(card: Card, linker: Linker) -> str:
    return card_markdown(card.summary, linker) + "\n\n" + card_markdown(card.body, linker)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PELICAN_CONF = """\
AUTHOR = "Synthetic Wire"
SITENAME = "Synthetic Explainer"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
DEFAULT_PAGINATION = False
DISPLAY_PAGES_ON_MENU = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


def export_pelican(cards: list[Card], articles: list[Article], out: Path) -> None:
    """A Pelican project: articles in content/articles, cards as pages in content/pages."""
    def linker(card: str, _from_article: bool) -> str:
        return "{filename}/pages/" + card + ".md"

    matcher = alias_matcher(cards)
    _write(out / "pelicanconf.py", PELICAN_CONF)
    for a in articles:
        head = f"Title: {a.title}\nDate: {a.date}\nSlug: {a.id}\nSummary: {a.dek}\n\n"
        _write(out / "content" / "articles" / f"{a.id}.md",
               head + _article_body(a, matcher, linker) + "\n")
    for c in cards:
        _write(out / "content" / "pages" / f"{c.id}.md",
               f"Title: {c.name}\nSlug: {c.id}\n\n{_card_body(c, linker)}\n")


def export_mkdocs(cards: list[Card], articles: list[Article], out: Path) -> None:
    """An MkDocs project: docs/articles, docs/cards, a home page and a card index."""
    def linker(card: str, from_article: bool) -> str:
        return f"../cards/{card}.md" if from_article else f"{card}.md"

    matcher = alias_matcher(cards)
    _write(out / "mkdocs.yml", "site_name: Synthetic Explainer\n"
           "nav:\n  - index.md\n  - cards/index.md\n"
           "not_in_nav: |\n  /articles/\n  /cards/\n")
    docs = out / "docs"
    for a in articles:
        _write(docs / "articles" / f"{a.id}.md", f"# {a.title}\n\n*{a.dek}* ({a.date})\n\n"
               + _article_body(a, matcher, linker) + "\n")
    for c in cards:
        _write(docs / "cards" / f"{c.id}.md", f"# {c.name}\n\n{_card_body(c, linker)}\n")
    _write(docs / "index.md", "# Synthetic Explainer\n\n" + "".join(
        f"- [{a.title}](articles/{a.id}.md)\n" for a in articles))
    _write(docs / "cards" / "index.md", "# Cards\n\n" + "".join(
        f"- [{c.name}]({c.id}.md)\n" for c in cards))


HUGO_LAYOUTS = {
    "baseof.html": "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<title>{{ .Title }} | {{ site.Title }}</title></head>\n"
                   "<body><header><a href=\"{{ site.Home.RelPermalink }}\">{{ site.Title }}</a>"
                   "</header>\n<main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    "page.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n"
                 "{{ with .Params.dek }}<p><em>{{ . }}</em></p>{{ end }}\n"
                 "{{ .Content }}{{ end }}\n",
    "list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}<ul>\n"
                 "{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n"
                 "{{ end }}</ul>{{ end }}\n",
    "home.html": "{{ define \"main\" }}<h1>{{ site.Title }}</h1><ul>\n"
                 "{{ range where site.RegularPages \"Section\" \"articles\" }}"
                 "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n"
                 "{{ end }}</ul>{{ end }}\n",
}


def export_hugo(cards: list[Card], articles: list[Article], out: Path) -> None:
    """A Hugo project with a minimal set of layouts (Hugo ships no default theme)."""
    def linker(card: str, _from_article: bool) -> str:
        return f"../../cards/{card}/"

    matcher = alias_matcher(cards)
    _write(out / "hugo.toml", 'baseURL = "https://example.org/"\n'
           'title = "Synthetic Explainer"\nrelativeURLs = true\n'
           'disableKinds = ["rss", "sitemap", "taxonomy", "term", "robotsTXT"]\n')
    for name, text in HUGO_LAYOUTS.items():
        _write(out / "layouts" / name, text)
    for a in articles:
        head = (f"---\ntitle: {_quoted(a.title)}\ndate: {a.date}\ndek: {_quoted(a.dek)}\n"
                "---\n\n")
        _write(out / "content" / "articles" / f"{a.id}.md",
               head + _article_body(a, matcher, linker) + "\n")
    _write(out / "content" / "cards" / "_index.md", "---\ntitle: Cards\n---\n")
    for c in cards:
        _write(out / "content" / "cards" / f"{c.id}.md",
               f"---\ntitle: {_quoted(c.name)}\n---\n\n{_card_body(c, linker)}\n")


EXPORTERS = {"pelican": export_pelican, "mkdocs": export_mkdocs, "hugo": export_hugo}


def export(project: Path, out: Path, tools: tuple[str, ...] = TOOLS) -> dict[str, Path]:
    """Write one project per tool under ``out/<tool>``; returns the folders by tool."""
    cards, articles = read_project(project)
    folders = {}
    for tool in tools:
        EXPORTERS[tool](cards, articles, out / tool)
        folders[tool] = out / tool
    return folders


def main() -> None:
    """Command line: export a project for the other tools."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--tools", default=",".join(TOOLS))
    args = parser.parse_args()
    for tool, folder in export(args.project, args.out, tuple(args.tools.split(","))).items():
        print(f"{tool}: {folder}")


if __name__ == "__main__":
    main()
