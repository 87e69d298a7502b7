"""``explainer new card TYPE NAME``: a new fact card with every field documented.

Without ``--summary`` (or with no article to cite) the card is written as a draft
(``draft: true``), as Hugo's ``new`` does: the build leaves it out, so an unfinished
card never breaks it, and ``explainer check`` lists it until it is finished.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from generator.authoring.aliases import short_alias
from generator.commands.files import (
    CardNames,
    card_folder,
    card_names,
    names_matcher,
    open_project,
    refuse_existing,
    write_new,
)
from generator.commands.yamlwrite import modeline, render_record
from generator.console import Console
from generator.errors import BuildFailed, Diagnostic, Location, error, warning
from generator.load.articles import load_articles
from generator.load.config import load_config
from generator.load.pictures import name_problem
from generator.load.schema import slug_of, slug_problem, slugify
from generator.load.specs import CARD, TYPE_ONLY
from generator.markup.linking import build_matcher
from generator.markup.markdown import make_parser
from generator.model import Article
from generator.project import Project, inside

HERE = Location("<command line>")


def run_card(args: argparse.Namespace, console: Console) -> int:
    """Write a new card, refusing an id, name or alias another card has."""
    project = open_project(args.project)
    cards = card_names(project)
    config, _ = load_config(project)
    language = config.language if config else ""
    card_id = args.id or slugify(args.name, language)
    names = list(dict.fromkeys([args.name, *args.alias]))
    diags = claimed(project, card_id, names, cards)
    if not args.id and not slug_of(args.name, language):
        diags.append(error("card-id", f"'{args.name}' has no letter that an id can be made of "
                           "(ids use a-z, 0-9 and hyphens)", HERE,
                           "pass --id, e.g. --id " + (args.type + "-1")))
    folder = project.cards_dir / args.folder if args.folder else card_folder(
        project, args.type, cards)
    path = folder / f"{card_id}.yaml"
    if not inside(folder, project.cards_dir):
        diags.append(error("card-folder", "the folder must be inside content/cards/",
                           Location(str(args.folder))))
    image = _image_name(project, args.image, diags) if args.image else ""
    if diags:
        raise BuildFailed(tuple(diags))
    refuse_existing(project, [path], "new card")
    articles: tuple[Article, ...] = load_articles(project, make_parser(), False)[0]
    cite = first_mention(articles, names)
    newest = articles[0].id if articles and cite is None else ""
    draft = not args.summary or not (cite or newest)
    write_new(path, card_file(project, path, args, card_id, cite or (newest, 0), draft,
                                image))
    console.say(f"Wrote {project.show(path)}" + (
        f" (citing {cite[0]}, paragraph {cite[1]})" if cite else
        f" (citing {newest}, which does not name it: check the source)" if newest else ""))
    for name in names:
        if short_alias(name):
            console.diagnostics([warning(
                "alias-short", f"'{name}' is very short: it links every such letter or word "
                "in the text", Location(project.show(path)), "use a longer form, e.g. the "
                "full name")])
    todo = [f for f, missing in (("summary", not args.summary),
                                 ("sources", not (cite or newest)),
                                 ("date", args.type == "event" and not args.date),
                                 ("the image's alt, credit and licence", image)) if missing]
    if todo:
        console.say(f"Next: fill in {', '.join(todo)}"
                    + (", then delete the line 'draft: true'" if draft else "")
                    + "; run 'explainer check'.")
    return 0


def claimed(project: Project, card_id: str, names: list[str],
            cards: list[CardNames]) -> list[Diagnostic]:
    """Why the id or a name cannot be used: another card has it."""
    diags = []
    if problem := slug_problem(card_id):
        diags.append(error("card-id", f"'{card_id}': {problem}", HERE, "pass --id"))
    owner = {c.id: c for c in cards}.get(card_id)
    if owner is not None:
        diags.append(error("card-duplicate-id", f"card id '{card_id}' is already used by "
                           f"{project.show(owner.path)}", HERE,
                           "pass --id with another id, or edit the existing card"))
    matcher = names_matcher(cards)
    where = {c.id: project.show(c.path) for c in cards}
    for name in names:
        other = matcher.add(name, "\0new")  # a key no existing card has
        if other is not None:
            diags.append(error("alias-conflict", f"'{name}' already names card '{other}' "
                               f"({where.get(other, '?')})", HERE,
                               "an alias must name one card; leave this one out or change "
                               "the other card"))
    return diags


def first_mention(articles: tuple[Article, ...], names: list[str]) -> tuple[str, int] | None:
    """The (article id, paragraph) where one of ``names`` first occurs, newest article first."""
    matcher, _ = build_matcher((name, "new") for name in names)
    for article in articles:
        for paragraph in article.paragraphs:
            if matcher.find(paragraph.text):
                return article.id, paragraph.number
    return None


def _image_name(project: Project, given: str, diags: list[Diagnostic]) -> str:
    """The picture's name as a card gives it (images/...), from a path here or in the project."""
    path = Path(given)
    if not path.is_absolute() and not path.exists():
        path = project.root / given
    try:
        name = path.absolute().relative_to(project.root).as_posix()
    except ValueError:
        name = given
    problem, hint = name_problem(project, name)
    if problem:
        diags.append(error("picture-path", problem, HERE, hint))
    return name


def card_file(project: Project, path: Path, args: argparse.Namespace, card_id: str,
              cite: tuple[str, int], draft: bool, image: str = "") -> str:
    """The card's YAML: what the command line gave, and every other field commented.

    ``cite`` is the article (and paragraph, 0 for none) to cite; with no article, a
    publication source is left to fill in."""
    values: dict[str, Any] = {"type": args.type, "name": args.name}
    if card_id != path.stem:
        values["id"] = card_id
    if args.alias:
        values["aliases"] = [a for a in dict.fromkeys(args.alias) if a != args.name]
    for name in ("kind", "summary", "date"):
        if getattr(args, name):
            values[name] = getattr(args, name)
    values["as_of"] = dt.date.today()
    article, paragraph = cite
    values["sources"] = ([{"article": article} | ({"paragraph": paragraph} if paragraph else {})]
                         if article else [{"publisher": "", "title": ""}])
    if "summary" not in values:
        values["summary"] = ""
    if args.type == "event" and "date" not in values:
        values["date"] = ""
    if image:  # what a picture shows, who made it and its licence: only you can say
        values["image"] = {"file": image, "alt": "", "credit": "", "licence": ""}
    if draft:
        values["draft"] = True
    skip = [name for name, types in TYPE_ONLY.items() if args.type not in types]
    text = render_record(CARD, values, skip=skip, header=[modeline(CARD, project.show(path))])
    return text.replace(": ''\n", ":\n")
