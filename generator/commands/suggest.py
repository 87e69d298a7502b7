"""``explainer suggest [ARTICLE]``: what in the articles still needs a card."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator.authoring.aliases import alias_warnings
from generator.authoring.suggest import Candidate, Suggestions, suggest
from generator.commands import add_command
from generator.commands.files import open_project
from generator.console import Console, table
from generator.errors import BuildFailed, Location, did_you_mean, error, has_errors
from generator.load.articles import load_articles, read_plain_text
from generator.load.cards import load_cards
from generator.load.config import load_config
from generator.load.yamlio import decode
from generator.markup.linking import LayeredMatcher, build_matcher
from generator.markup.markdown import make_parser
from generator.model import EMPTY_BODY, Article
from generator.resolve.roles import article_matcher, role_aliases

EXAMPLES = """examples:
  explainer suggest                      every article
  explainer suggest paris-us-backstop    one article, by id
  explainer suggest ~/story.txt          a text that is not in the project yet
  explainer suggest --json | jq '.names[0]'

It lists capitalised names and phrases (in Latin, Cyrillic or Greek script, and the
agency of a closing credit line such as "(Reuters)"), short quoted terms and dates that
no card's name or alias matches, most mentioned first, with the paragraphs (p1, p2,
...) they are in; short forms of names that have a card but are not its aliases; the
quoted passages that no quote in the article's metadata attributes; and aliases that
may link the wrong words. It is a heuristic: it finds candidates, you decide.
"""
SHOWN_PLACES = 8


def register(commands: Any) -> None:
    """Add ``suggest``."""
    parser = add_command(commands, "suggest", "list names in the articles that no card "
                         "covers yet", "List likely cards to write, and aliases to check.",
                         EXAMPLES)
    parser.add_argument("article", metavar="ARTICLE", nargs="?",
                        help="an article id or a text file (default: every article)")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--limit", type=int, default=40, metavar="N",
                        help="show at most N names (default: %(default)s; 0 for all)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    """Print what needs a card, and which aliases look risky."""
    project = open_project(args.project)
    cards, problems = load_cards(project)
    articles = _articles(project, args.article)
    pairs = [(name, c.id) for c in cards for name in c.all_names]
    config, _ = load_config(project)
    shared, _ = build_matcher(pairs, config.language if config else "")
    roles, _ = role_aliases(cards)
    cache: dict[str, LayeredMatcher] = {}

    def matcher_for(article: Article) -> LayeredMatcher:
        if article.id not in cache:
            cache[article.id] = article_matcher(article, shared, roles)
        return cache[article.id]

    found = suggest(articles, matcher_for, pairs + [(a, c) for a, c, _ in roles])
    warnings = alias_warnings(cards, articles, matcher_for, shared.language)
    if args.json:
        console.result(json.dumps({
            "articles": [a.id for a in articles],
            **{key: [asdict(c) for c in getattr(found, key)]
               for key in ("names", "missing_aliases", "terms", "quotes", "dates")},
            "alias_warnings": [d.to_json() for d in warnings],
        }, indent=2, ensure_ascii=False))
        return 0
    if has_errors(problems):
        console.problem("note: some card files have errors; those cards are left out (run "
                        "'explainer check')")
    _report(console, found, articles, args.limit)
    if warnings:
        console.result(console.style("\nAliases to check:", "bold"))
        for diagnostic in sorted(warnings, key=lambda d: d.location):
            console.result(console.format(diagnostic, console.out))
    return 0


def _articles(project: Any, wanted: str | None) -> tuple[Article, ...]:
    articles, _ = load_articles(project, make_parser(), False)
    if wanted is None:
        return articles
    chosen = [a for a in articles if wanted in (a.id, a.seed, f"seeds/{wanted}")
              or Path(wanted).resolve() in (project.root / a.seed, project.articles_dir /
                                            f"{a.id}.yaml")]
    if chosen:
        return tuple(chosen)
    path = Path(wanted)
    if path.is_file():
        text, diags = decode(path.read_bytes(), wanted)
        if text is None:
            raise BuildFailed(tuple(diags))
        return (text_article(text, path.stem, wanted),)
    raise BuildFailed((error("unknown-article", f"no article '{wanted}' and no such file",
                             Location("<command line>"),
                             did_you_mean(wanted, [a.id for a in articles])
                             or "articles: " + ", ".join(a.id for a in articles)),))


def text_article(text: str, article_id: str, shown: str) -> Article:
    """A text that is not in the project, read as a plain-text seed, as an article."""
    _, paragraphs, credit = read_plain_text(text, Location(shown, 1, 1))
    return Article(id=article_id, title=article_id, dek="", date=dt.date.today(),
                   credit=credit, url="", seed=shown, topics=(), quotes=(), local_aliases=(),
                   paragraphs=paragraphs, body=EMPTY_BODY, location=Location(shown),
                   seed_location=Location(shown, 1, 1))


def _where(candidate: Candidate, several: bool) -> str:
    places = candidate.places
    text = ", ".join((f"{a} " if several else "") + (f"p{p}" if p else "credit")
                     for a, p in places[:SHOWN_PLACES])
    return text + (f" (+{len(places) - SHOWN_PLACES})" if len(places) > SHOWN_PLACES else "")


def _report(console: Console, found: Suggestions, articles: tuple[Article, ...],
            limit: int) -> None:
    several = len(articles) > 1
    scope = f"{len(articles)} articles" if several else (articles[0].id if articles else
                                                         "no articles")
    names = found.names[:limit] if limit > 0 else found.names
    heading = f"Names no card covers in {scope}, most mentioned first:"
    console.result(console.style(heading if names else f"Every name in {scope} has a card.",
                                 "bold"))
    if names:
        rows = [[str(c.count), c.name + ("?" if c.weak else ""), c.guess or "-",
                 _where(c, several), ", ".join(f for f in c.forms if f != c.name)]
                for c in names]
        for line in table(rows, ["mentions", "name", "looks like", "paragraphs",
                                 "also written"], right=frozenset({0})):
            console.result("  " + line)
        if len(found.names) > len(names):
            console.result(f"  ... and {len(found.names) - len(names)} more (--limit 0)")
        first = next((c for c in names if c.guess), names[0])
        aliases = "".join(f" --alias {shlex.quote(f)}" for f in first.forms if f != first.name)
        console.say(f"\n  add one:  explainer new card {first.guess or 'TYPE'} "
                    f"{shlex.quote(first.name)}{aliases}")
        if any(c.weak for c in names):
            console.say("  name? = only seen starting a sentence; may be an ordinary word")
    if found.missing_aliases:
        console.result(console.style("\nShort forms of names that have a card (add as "
                                     "aliases?):", "bold"))
        rows = [[str(c.count), c.name, c.card, _where(c, several)]
                for c in found.missing_aliases]
        for line in table(rows, ["mentions", "written", "card", "paragraphs"],
                          right=frozenset({0})):
            console.result("  " + line)
    if found.terms:
        console.result(console.style("\nQuoted terms (a concept card, or a quote to "
                                     "attribute):", "bold"))
        rows = [[str(c.count), c.name, _where(c, several)] for c in found.terms]
        for line in table(rows, ["uses", "term", "paragraphs"], right=frozenset({0})):
            console.result("  " + line)
    if found.quotes:
        console.result(console.style("\nQuoted passages no quote attributes (add each under "
                                     "quotes: in the article's metadata):", "bold"))
        for c in found.quotes:
            console.result(f"  {_where(c, several):<6} “{c.name}”")
    if found.dates:
        console.result(console.style("\nDates (events to consider):", "bold"))
        for c in found.dates:
            console.result(f"  {c.name:<18} {_where(c, several):<6} {c.forms[0]}")
