"""``explainer new article SEEDFILE`` and ``explainer new card TYPE NAME``."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import stat
import sys
from pathlib import Path
from typing import Any

from generator.commands import add_command, iso_date, newcard
from generator.commands.files import open_project, refuse_existing, write_new
from generator.commands.yamlwrite import modeline, render_record, scalar
from generator.console import Console
from generator.errors import BuildFailed, Location, error
from generator.load.articles import CREDIT_RE
from generator.load.schema import slug_problem, slugify
from generator.load.specs import ARTICLE, CARD_TYPES
from generator.load.yamlio import decode
from generator.project import MAX_TEXT, Project, inside, too_large
from generator.resolve.quotes import attributable, quoted_passages

ARTICLE_EXAMPLES = """examples:
  explainer new article ~/Downloads/story.txt --title "Leaders meet in Paris"
  explainer new article seeds/story.md          (a file already in seeds/ is used in place)
  pbpaste | explainer new article - --title "Leaders meet in Paris"

A .txt seed has one paragraph a line; a .md seed is Markdown. The metadata file gets
today's date, a standfirst taken from the first sentence, and every other field commented.
"""
CARD_EXAMPLES = """examples:
  explainer new card person "Keir Starmer" --alias "Sir Keir" --alias Starmer
  explainer new card organisation NATO --summary "A military alliance of 32 countries."
  explainer new card event "Paris summit" --date 2025-02-17

The id is made from the name (keir-starmer; Cyrillic and Greek are transliterated:
'Володимир Зеленський' gives volodymyr-zelenskyi). If an article mentions the name, the
card cites the first paragraph that does, else the newest article. Without --summary the
card is a draft (draft: true): the build leaves it out until you write the summary and
delete that line. A card whose id, name or alias another card already has is refused; a
very short alias (one letter) is warned about.
"""
MAX_ID_WORDS = 8


def register(commands: Any) -> None:
    """Add ``new article`` and ``new card``."""
    new = add_command(commands, "new", "add an article or a card to the project",
                      "Add an article (from a text file) or a fact card, with every field "
                      "documented in the new file.",
                      "examples:\n  explainer new article story.txt --title \"...\"\n"
                      "  explainer new card person \"Ada Lovelace\"\n")
    kinds = new.add_subparsers(dest="what", metavar="WHAT", required=True,
                               parser_class=type(new))
    article = add_command(kinds, "article", "copy a text into seeds/ and write its metadata",
                          "Copy a source text into seeds/ and write content/articles/ID.yaml "
                          "for it.", ARTICLE_EXAMPLES)
    article.add_argument("seed", metavar="SEEDFILE", help="the article text (.txt or .md); "
                         "'-' reads it from standard input")
    article.add_argument("--title", "-t", help="the headline (default: the Markdown heading, "
                         "or the file name)")
    article.add_argument("--id", help="the article id (default: made from the title)")
    article.add_argument("--date", type=iso_date, help="publication date, YYYY-MM-DD "
                         "(default: today)")
    article.set_defaults(run=run_article)
    card = add_command(kinds, "card", "write a new fact card with every field documented",
                       "Write content/cards/FOLDER/ID.yaml for a new card.", CARD_EXAMPLES)
    card.add_argument("type", metavar="TYPE", choices=CARD_TYPES,
                      help="one of " + ", ".join(CARD_TYPES))
    card.add_argument("name", metavar="NAME", help="the name the card is shown under")
    card.add_argument("--alias", "-a", action="append", default=[],
                      help="another name that links to the card (repeatable)")
    card.add_argument("--id", help="the card id (default: made from the name)")
    card.add_argument("--summary", "-s", help="one or two sentences (Markdown)")
    card.add_argument("--kind", "-k", help="a finer category, e.g. city, newspaper")
    card.add_argument("--date", type=iso_date, help="event: the day it happened (YYYY-MM-DD)")
    card.add_argument("--image", metavar="FILE", help="a picture under images/ (e.g. "
                      "images/portrait.jpg): its file is filled in, alt, credit and licence "
                      "are left for you to write")
    card.add_argument("--folder", type=Path, help="where under content/cards/ to write it "
                      "(default: where the project keeps that type)")
    card.set_defaults(run=newcard.run_card)


# -- new article -------------------------------------------------------------

def run_article(args: argparse.Namespace, console: Console) -> int:
    """Copy the seed (unless it is in seeds/ already) and write its metadata file."""
    project = open_project(args.project)
    text, seed_path, copy = _read_seed(project, args.seed, args.title)
    title = args.title or _heading(text) or _from_file_name(seed_path)
    article_id = args.id or short_slug(title)
    if problem := slug_problem(article_id):
        raise BuildFailed((error("article-id", f"'{article_id}': {problem}",
                                 Location("<command line>"), "pass --id"),))
    meta_path = project.articles_dir / f"{article_id}.yaml"
    refuse_existing(project, [meta_path] + ([seed_path] if copy else []), "new article")
    values: dict[str, Any] = {"title": title, "dek": first_sentence(text) or title,
                              "date": args.date or dt.date.today(),
                              "seed": seed_path.relative_to(project.seeds_dir).as_posix()}
    write_new(meta_path, article_file(project, meta_path, values, text))
    if copy:
        write_new(seed_path, text)
    console.say(f"Wrote {project.show(meta_path)}" + (f" and {project.show(seed_path)}"
                                                       if copy else ""))
    for warning_text in seed_warnings(text, seed_path):
        console.problem(f"{project.show(seed_path)}: "
                        f"{console.style('warning:', 'warning', console.err)} {warning_text}")
    console.say(f"Next: check the title and standfirst, then run 'explainer suggest "
                f"{article_id}' to see which names need a card.")
    return 0


def _read_seed(project: Project, seed: str, title: str | None) -> tuple[str, Path, bool]:
    """The seed's text, where it will live in seeds/, and whether it must be copied there."""
    if seed == "-":
        if not title:
            raise BuildFailed((error("usage", "reading the text from standard input needs "
                                     "--title", Location("<command line>")),))
        data = sys.stdin.buffer.read()
        path = project.seeds_dir / f"{short_slug(title)}.txt"
    else:
        source = Path(seed)
        try:
            mode = source.stat().st_mode
            # Only a regular file: a FIFO or /dev/zero would hang or never end.
            problem = "" if stat.S_ISREG(mode) else "is a folder, not a text file" if (
                stat.S_ISDIR(mode)) else "is not a regular file (a FIFO, socket or device)"
            if not problem and source.name.startswith("."):
                problem = "is a hidden file (dotfiles are never read)"
            if not problem and source.stat().st_size > MAX_TEXT:
                problem = too_large(source.stat().st_size, Location(seed)).message
            data = b"" if problem else source.read_bytes()
        except OSError as exc:
            problem = "no such file" if isinstance(exc, FileNotFoundError) else (
                f"cannot be read: {exc.strerror}")
        if problem:
            raise BuildFailed((error("seed-missing", f"{seed}: {problem}", Location(seed),
                                     "give the text file of the article, or - to read "
                                     "standard input"),))
        in_place = inside(source, project.seeds_dir)
        path = source.resolve() if in_place else project.seeds_dir / source.name
        if not in_place and path.exists() and path.read_bytes() == data:
            in_place = True  # the same text is in seeds/ already
    text, diags = decode(data, seed)
    if text is None:
        raise BuildFailed(tuple(diags))
    return text, path, not (seed != "-" and in_place)


def _heading(text: str) -> str:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    return match.group(1) if match else ""


def _from_file_name(path: Path) -> str:
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"


def short_slug(text: str) -> str:
    """An id from the first words of ``text``."""
    return slugify(" ".join(text.split()[:MAX_ID_WORDS]))


def first_sentence(text: str, limit: int = 240) -> str:
    """The first sentence of the first paragraph: a starting point for the standfirst."""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ">", "-", "*", "|")) or CREDIT_RE.match(line):
            continue
        line = re.sub(r"[*_`]", "", line)
        match = re.match(r"(.+?[.!?][\"”’)]?)(?:\s|$)", line)
        sentence = match.group(1) if match else line
        return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + "…"
    return ""


def seed_warnings(text: str, path: Path) -> list[str]:
    """Things about a seed text a writer should know before building."""
    lines = [line for line in text.splitlines() if line.strip()]
    if path.suffix.lower() != ".txt" or len(lines) < 6:
        return []
    unfinished = sum(1 for line in lines if not re.search(r"[.!?:\"”’)]\s*$", line))
    if unfinished > len(lines) // 2:
        return ["most lines do not end a sentence; in a .txt seed every line is a "
                "paragraph, so join hard-wrapped lines (or save it as .md)"]
    return []


def article_file(project: Project, path: Path, values: dict[str, Any], text: str) -> str:
    """The metadata file, with the quoted passages of the text listed for attribution."""
    attributed = [attributable(q["text"]) for q in values.get("quotes", ())]
    passages = [attributable(p) for p in quoted_passages(text)]
    quoted = [q for q in passages if q and not any(a in q for a in attributed)]
    header = [modeline(ARTICLE, project.show(path))]
    body = render_record(ARTICLE, values, skip=("id",), header=header)
    if quoted:
        body += ("\n# Quoted passages in the text; attribute each one under quotes: (speaker "
                 "is a card id),\n# or 'explainer check' will warn about it:\n")
        body += "".join(f"#   - speaker:\n#     text: {scalar(line)}\n"
                        for line in dict.fromkeys(quoted))
    return body
