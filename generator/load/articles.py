"""Article metadata (content/articles/*.yaml) plus seed text -> Article values."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.errors import Diagnostic, Location, error
from generator.load.notes import notes
from generator.load.pictures import picture
from generator.load.schema import Checked, load_record, slug_problem
from generator.load.specs import ARTICLE
from generator.load.yamlio import decode
from generator.markup.markdown import compile_body, inline_plain, parse
from generator.model import Article, Body, Paragraph, Quote
from generator.project import Project, hidden, inside, list_files, read_source

CREDIT_RE = re.compile(r"^\(([^()\n]{1,80})\)$")
MARKDOWN_SUFFIXES = (".md", ".markdown")


ArticleLoader = Callable[[Project, Path, MarkdownIt, bool], tuple[Article | None, list[Diagnostic]]]


def article_files(project: Project) -> tuple[list[Path], list[Diagnostic]]:
    """The article metadata files of the project, sorted."""
    return list_files(project, project.articles_dir, (".yaml", ".yml"), "article")


def load_articles(
    project: Project, md: MarkdownIt, allow_html: bool,
    files: tuple[Sequence[Path], list[Diagnostic]] | None = None,
    load: ArticleLoader | None = None,
) -> tuple[tuple[Article, ...], list[Diagnostic]]:
    """Every article in the project, newest first, and the problems found.

    ``files`` (from ``article_files``) and ``load`` let a live rebuild reuse
    what it already listed and loaded.
    """
    paths, found = files or article_files(project)
    diags = list(found)
    load = load or load_article
    articles: list[Article] = []
    first: dict[str, Article] = {}
    for path in paths:
        article, problems = load(project, path, md, allow_html)
        diags.extend(problems)
        if article is None:
            continue
        if article.id in first:
            diags.append(error("article-duplicate-id", f"article id '{article.id}' is already "
                               f"used by {first[article.id].location}", article.location))
            continue
        first[article.id] = article
        articles.append(article)
    return tuple(sorted(articles, key=lambda a: (-a.date.toordinal(), a.id))), diags


def load_article(
    project: Project, path: Path, md: MarkdownIt, allow_html: bool
) -> tuple[Article | None, list[Diagnostic]]:
    """One metadata file and its seed -> an Article."""
    data, diags = read_source(project, path)
    if data is None:
        return None, diags
    shown = project.show(path)
    checked, diags = load_record(data, ARTICLE, shown)
    if checked is None or checked.get("draft"):
        return None, diags
    article_id = checked.get("id") or path.stem
    if "id" not in checked.locs and (problem := slug_problem(article_id)):
        return None, [error("article-id", f"file name '{path.name}' is not a valid article "
                            f"id: {problem}", Location(shown, 1, 1),
                            "rename the file or add an 'id:' line")]
    seed_path = project.seeds_dir / checked["seed"]
    seed_loc = checked.where("seed")
    if hidden(seed_path, project.root):
        return None, [error("article-seed", f"seed file '{checked['seed']}' is hidden: "
                            "dotfiles are never read", seed_loc,
                            "rename the file without the leading dot")]
    if not inside(seed_path, project.seeds_dir) or not seed_path.is_file():
        available = [p.name for p in list_files(project, project.seeds_dir, ("",))[0]]
        hint = "files in seeds/: " + (", ".join(available[:10]) or "none")
        return None, [error("article-seed", f"seed file '{checked['seed']}' not found in "
                            "seeds/", seed_loc, hint)]
    image = picture(project, checked.get("image"), diags)
    raw, more = read_source(project, seed_path)
    diags += more
    text, more = decode(raw, project.show(seed_path)) if raw is not None else (None, [])
    diags += more
    if text is None:
        return None, diags
    where = project.loc(seed_path, 1, 1)
    if seed_path.suffix.lower() in MARKDOWN_SUFFIXES:
        tokens, problems = parse(md, text, where, allow_html)
        diags += problems
        # [text](card:id) is for cards; left in an article it would publish href="card:..."
        diags += [error("article-card-link", "card: links work in cards only",
                        where.at_line(token.map[0] if token.map else 0),
                        "in an article a name links to its card by itself: add the words to "
                        "the card's aliases or to the article's aliases:")
                  for token in tokens for child in token.children or ()
                  if child.type == "link_open"
                  and str(child.attrGet("href") or "").lower().startswith("card:")]
        tokens, credit_line = split_credit(tokens)
        tokens, paragraphs = number_paragraphs(tokens, where)
        body = compile_body(md, tokens)
    else:
        body, paragraphs, credit_line = read_plain_text(text, where)
    if not paragraphs:
        diags.append(error("article-empty", "the seed file has no text", where))
    return Article(
        id=article_id,
        title=checked["title"],
        dek=checked["dek"],
        date=checked["date"],
        credit=checked.get("credit") or credit_line,
        url=checked.get("url", ""),
        seed=project.show(seed_path),
        topics=tuple(checked["topics"]),
        quotes=tuple(_quote(q) for q in checked["quotes"]),
        local_aliases=tuple((a["text"], a["card"], a.where("text")) for a in checked["aliases"]),
        paragraphs=paragraphs,
        body=body,
        location=checked.loc,
        seed_location=where,
        corrections=notes(checked, "corrections"),
        updates=notes(checked, "updates"),
        image=image,
    ), diags


def _quote(checked: Checked) -> Quote:
    return Quote(speaker=checked["speaker"], text=checked["text"],
                 context=checked.get("context", ""), location=checked.loc)


def read_plain_text(text: str, where: Location) -> tuple[Body, tuple[Paragraph, ...], str]:
    """A plain-text seed: each non-blank line a paragraph, taken literally; and its credit.

    The body is what Markdown's renderer gives for such paragraphs, written
    out directly: parsing nothing, it costs a fraction of making tokens.
    """
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines())
             if line and not line.isspace()]
    credit = ""
    if lines and (match := CREDIT_RE.match(lines[-1][1])):
        lines.pop()
        credit = match.group(1).strip()
    paragraphs = tuple(Paragraph(i, content, where.path, number + where.line)
                       for i, (number, content) in enumerate(lines, 1))
    # Interned: every article's frame is made of the same few strings.
    frame = [sys.intern(("</p>\n" if i > 1 else "") + f'<p id="p{i}">')
             for i in range(1, len(lines) + 1)]
    frame.append("</p>\n" if lines else "")
    return Body(tuple(frame), tuple((content,) for _, content in lines)), paragraphs, credit


def split_credit(tokens: list[Token]) -> tuple[list[Token], str]:
    """Take a closing credit line such as "(BBC)" out of the body."""
    if len(tokens) >= 3 and tokens[-3].type == "paragraph_open" and tokens[-1].type == (
            "paragraph_close") and tokens[-3].level == 0:
        match = CREDIT_RE.match(inline_plain(tokens[-2].children or []).strip())
        if match:
            return tokens[:-3], match.group(1).strip()
    return tokens, ""


def number_paragraphs(
    tokens: list[Token], where: Location
) -> tuple[list[Token], tuple[Paragraph, ...]]:
    """Give every paragraph an id (p1, p2, ...) and collect its plain text."""
    paragraphs: list[Paragraph] = []
    items: list[Token] = []  # open list items, for paragraphs hidden in tight lists
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            items.append(token)
        elif token.type == "list_item_close" and items:
            items.pop()
        elif token.type == "paragraph_open":
            number = len(paragraphs) + 1
            target = items[-1] if token.hidden and items else token
            if not target.attrGet("id"):
                target.attrSet("id", f"p{number}")
            inline = tokens[index + 1]
            line = (token.map[0] if token.map else 0) + where.line
            paragraphs.append(Paragraph(number, inline_plain(inline.children or []),
                                        where.path, line))
    return tokens, tuple(paragraphs)
