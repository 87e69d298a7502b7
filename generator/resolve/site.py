"""Cross-references between cards and articles: ids, aliases, mentions, backlinks, quotes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Protocol

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.errors import Diagnostic, error, quick_pickling, unknown_id
from generator.markup.linking import Matcher, build_matcher, find_mentions
from generator.markup.markdown import card_target, parse
from generator.markup.scripts import sort_key
from generator.model import Article, Card, Mention, Queries, SiteConfig
from generator.resolve.checks import check_references, check_sources
from generator.resolve.quotes import PlacedQuote, place_quotes
from generator.resolve.roles import (
    RoleAlias,
    RoleDates,
    article_matcher,
    role_aliases,
    role_dates,
)


@quick_pickling
@dataclass(frozen=True, slots=True)
class LinkedArticle:
    """An article with its mentions found and linked."""

    article: Article
    # In paragraph order; those marked ``linked`` are links in the text (markdown.body_html).
    mentions: tuple[Mention, ...]
    quotes: tuple[PlacedQuote, ...]


@quick_pickling
@dataclass(frozen=True, slots=True)
class CardText:
    """A card's summary and body, parsed (links not yet added)."""

    summary: tuple[Token, ...]
    body: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the pages are made from, cross-referenced."""

    config: SiteConfig
    cards: Mapping[str, Card]
    card_texts: Mapping[str, CardText]
    articles: Sequence[LinkedArticle]
    backlinks: Mapping[str, tuple[Mention, ...]]
    related: Mapping[str, tuple[str, ...]]
    quotes_by_speaker: Mapping[str, tuple[PlacedQuote, ...]]
    matcher: Matcher
    # The graph the site was resolved in: what pages read of it is recorded there.
    graph: Queries | None = field(default=None, compare=False, repr=False)


Linked = tuple["LinkedArticle", list[Diagnostic]]
Texted = tuple["CardText", list[Diagnostic]]


class KeptStore(Protocol):
    """Answers from what earlier builds linked and parsed, or computes it (``engine/store``)."""

    def linked(self, article: Article, compute: Callable[[], Linked]) -> Linked:
        """The article linked."""

    def card_text(self, card: Card, compute: Callable[[], Texted]) -> Texted:
        """The card's summary and body parsed."""


def resolve(
    config: SiteConfig, cards: tuple[Card, ...], articles: tuple[Article, ...], md: MarkdownIt,
    graph: Queries, kept: KeptStore | None = None,
) -> tuple[Site, list[Diagnostic]]:
    """Check every reference and link every article; all problems are collected.

    The cards and articles are set as inputs of ``graph`` and everything derived
    from them is a query of it (see ``QUERIES``): kept from an earlier run, the
    graph redoes only what a change reaches, and unchanged results stay the same
    objects.
    """
    for name, query in QUERIES.items():
        graph.define(name, query)
    graph.set(("config",), config)
    graph.set(("link settings",), (config.allow_raw_html, config.link_mentions))
    graph.set(("language",), config.language)  # how aliases are capitalised and inflected
    graph.set(("parser",), _Parser(md))
    graph.set(("kept store",), _Store(kept))
    # The same cards or articles as last time (a live rebuild): each is set already.
    if graph.set(("cards",), cards):
        _set_all(graph, "card", {c.id: c for c in cards})
    if graph.set(("articles",), articles):
        _set_all(graph, "article", {a.id: a for a in articles})
    by_id = {c.id: c for c in cards}
    diags = check_references(cards, by_id)
    matcher, conflicts = graph("matcher")
    if conflicts:  # reported where the aliases stand now
        diags += _matcher(cards, config.language)[1]
    texts: dict[str, CardText] = {}
    for card in cards:
        texts[card.id], problems = graph("card text", card.id)
        diags += problems
    article_ids = {a.id: a for a in articles}
    diags += check_sources(cards, article_ids)
    diags += [unknown_id("card", card, by_id, where) for a in articles
              for _, card, where in a.local_aliases if card not in by_id]
    diags += graph("role aliases")[1]
    linked = graph("all linked")
    diags += graph("link problems")
    mentioned = graph("mentioned")
    return Site(
        config=config,
        cards=by_id,
        card_texts=texts,
        articles=linked,
        backlinks={card: graph("backlinks", card) for card in mentioned[0]},
        related=graph("related map"),
        quotes_by_speaker={card: graph("quotes by", card) for card in mentioned[1]},
        matcher=matcher,
        graph=graph,
    ), diags


class _Parser:
    """The Markdown parser as an input: every parser the tool makes is the same parser."""

    __slots__ = ("md",)

    def __init__(self, md: MarkdownIt) -> None:
        self.md = md

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Parser)

    __hash__ = None  # type: ignore[assignment]


class _Store:
    """The kept store as an input: equal while it is the same store."""

    __slots__ = ("kept",)

    def __init__(self, kept: KeptStore | None) -> None:
        self.kept = kept

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Store) and other.kept is self.kept

    __hash__ = None  # type: ignore[assignment]


def _set_all(graph: Queries, name: str, values: Mapping[str, object]) -> None:
    """Set ``(name, id)`` for every value and ``(name + " ids",)`` to their ids, in order."""
    graph.set((f"{name} ids",), tuple(values))
    for key, value in values.items():
        graph.set((name, key), value)


def _cards(graph: Queries) -> tuple[Card, ...]:
    return tuple(graph("card", card) for card in graph("card ids"))


def _card_outline_query(graph: Queries, card_id: str) -> Card:
    """A card without its summary and body: all that names, groups, orders and relates it.
    What goes through every card reads this, so that an edit of a card's text redoes none
    of it (and a diagram of the people in an article is not drawn again)."""
    card: Card = graph("card", card_id)
    return replace(card, summary="", body="", summary_location=card.location,
                   body_location=card.location)


def _outlines(graph: Queries) -> tuple[Card, ...]:
    """Every card's outline (see ``_card_outline_query``), in card order."""
    return tuple(graph("card outline", card) for card in graph("card ids"))


def _names_query(graph: Queries) -> tuple[tuple[str, str], ...]:
    """Every card's name and aliases, with the card's id (what the matcher is made of)."""
    return tuple((alias, c.id) for c in _outlines(graph) for alias in c.all_names)


def _matcher_query(graph: Queries) -> tuple[Matcher, list[tuple[str, str, str]]]:
    """The matcher of every card's names, and the aliases two cards claim."""
    return build_matcher(graph("names"), graph("language"))


def _known_query(graph: Queries) -> frozenset[str]:
    """The card ids."""
    return frozenset(graph("card ids"))


def _card_text_query(graph: Queries, card_id: str) -> Texted:
    allow_html, _ = graph("link settings")
    card = graph("card", card_id)
    compute = partial(_card_text, card, graph("parser").md, allow_html, graph("known cards"))
    store = graph("kept store").kept
    return store.card_text(card, compute) if store is not None else compute()


def _role_dates_query(graph: Queries) -> tuple[tuple[str, tuple[RoleDates, ...]], ...]:
    """Every card's roles as dates (in card order); an edit of anything else of a card
    leaves it the same."""
    return tuple((card.id, role_dates(card)) for card in _outlines(graph))


def _role_aliases_query(graph: Queries) -> tuple[list[RoleAlias], list[Diagnostic]]:
    return role_aliases(_outlines(graph))


def _held_query(graph: Queries) -> tuple[tuple[str, str, object, object, object], ...]:
    """Only a role alias's words, card and dates change how articles are linked."""
    return tuple((alias, card, role.start, role.end, role.seen)
                 for alias, card, role in graph("role aliases")[0])


def _linked_query(graph: Queries, article_id: str) -> Linked:
    article = graph("article", article_id)
    matcher, _ = graph("matcher")
    graph("held roles")
    roles, _ = graph("role aliases")
    known = graph("known cards")
    _, policy = graph("link settings")
    compute: Callable[[], Linked] = partial(_resolve_article, article, matcher, roles, known,
                                            policy)
    store = graph("kept store").kept
    return store.linked(article, compute) if store is not None else compute()


def _mentioned_query(graph: Queries) -> tuple[dict[str, list[Mention]],
                                              dict[str, list[PlacedQuote]]]:
    """Each card's mentions and quotes, in article order (an edited title changes neither)."""
    return _backlinks(tuple(graph("article outline", a) for a in graph("article ids")))


def _article_outline_query(graph: Queries, article_id: str) -> LinkedArticle:
    """A linked article without what only shows it (title, dek, credit, address): what goes
    through every article reads this, so that an edit of its title redoes none of it."""
    linked: LinkedArticle = graph("linked", article_id)[0]
    return replace(linked, article=replace(linked.article, title="", dek="", credit="",
                                            url=""))


def _all_outlines_query(graph: Queries) -> tuple[LinkedArticle, ...]:
    """Every article's outline, in the site's order."""
    return tuple(graph("article outline", a) for a in graph("article ids"))


def _backlinks_query(graph: Queries, card_id: str) -> tuple[Mention, ...]:
    return tuple(graph("mentioned")[0].get(card_id, ()))


def _quotes_query(graph: Queries, card_id: str) -> tuple[PlacedQuote, ...]:
    return tuple(graph("mentioned")[1].get(card_id, ()))


def _has_card_query(graph: Queries, card_id: str) -> bool:
    return card_id in graph("known cards")


def _all_cards_query(graph: Queries) -> tuple[Card, ...]:
    """Every card (what changes when any card does)."""
    return _cards(graph)


def _all_linked_query(graph: Queries) -> tuple[LinkedArticle, ...]:
    """Every article linked, in the site's order (what changes when any article does)."""
    return tuple(graph("linked", a)[0] for a in graph("article ids"))


def _link_problems_query(graph: Queries) -> list[Diagnostic]:
    """What linking every article found, in the site's order."""
    return [d for a in graph("article ids") for d in graph("linked", a)[1]]


def _related_map_query(graph: Queries) -> dict[str, tuple[str, ...]]:
    """Each card's related cards, both ways, by name."""
    by_id = {c.id: c for c in _outlines(graph)}
    both: dict[str, set[str]] = defaultdict(set)
    for card in by_id.values():
        for ref in card.related:
            if ref in by_id and ref != card.id:
                both[card.id].add(ref)
                both[ref].add(card.id)
    language = graph("language")
    return {k: tuple(sorted(v, key=lambda i: sort_key(by_id[i].name, language)))
            for k, v in both.items()}


def _related_query(graph: Queries, card_id: str) -> tuple[str, ...]:
    related: dict[str, tuple[str, ...]] = graph("related map")
    return related.get(card_id, ())


QUERIES: dict[str, Callable[..., object]] = {
    "has card": _has_card_query, "all cards": _all_cards_query,
    "card outline": _card_outline_query,
    "all linked": _all_linked_query, "link problems": _link_problems_query,
    "article outline": _article_outline_query, "all outlines": _all_outlines_query,
    "related map": _related_map_query,
    "related": _related_query,
    "names": _names_query, "matcher": _matcher_query, "known cards": _known_query,
    "card text": _card_text_query, "role aliases": _role_aliases_query,
    "held roles": _held_query, "linked": _linked_query, "mentioned": _mentioned_query,
    "backlinks": _backlinks_query, "quotes by": _quotes_query, "role dates": _role_dates_query,
}


def _resolve_article(
    article: Article, matcher: Matcher, roles: list[RoleAlias], known: Collection[str],
    policy: str,
) -> tuple[LinkedArticle, list[Diagnostic]]:
    """One article linked, with its quotes placed."""
    mentions = _link_article(article, matcher, roles, policy)
    quotes, diags = place_quotes(article, known)
    return LinkedArticle(article, mentions, tuple(quotes)), diags


def _backlinks(
    linked: tuple[LinkedArticle, ...]
) -> tuple[dict[str, list[Mention]], dict[str, list[PlacedQuote]]]:
    """Each card's mentions and quotes, in article order."""
    backlinks: dict[str, list[Mention]] = defaultdict(list)
    speakers: dict[str, list[PlacedQuote]] = defaultdict(list)
    for item in linked:
        for mention in item.mentions:
            backlinks[mention.card].append(mention)
        for quote in item.quotes:
            speakers[quote.quote.speaker].append(quote)
    return dict(backlinks), dict(speakers)


def _matcher(cards: tuple[Card, ...], language: str) -> tuple[Matcher, list[Diagnostic]]:
    where = {(alias, c.id): loc for c in cards
             for alias, loc in zip(c.all_names, c.alias_locations, strict=True)}
    pairs = [(alias, c.id) for c in cards for alias in c.all_names]
    matcher, conflicts = build_matcher(pairs, language)
    diags = [error("alias-conflict", f"alias '{alias}' is claimed by cards '{other}' and "
                   f"'{card}'", where[(alias, card)],
                   "an alias must name one card; remove it from one of them")
             for alias, card, other in conflicts]
    return matcher, diags


def _card_text(card: Card, md: MarkdownIt, allow_html: bool, known: Collection[str]) -> Texted:
    summary, problems = parse(md, card.summary, card.summary_location, allow_html)
    body, more = parse(md, card.body, card.body_location, allow_html) if card.body else ([], [])
    diags = problems + more
    for tokens, where in ((summary, card.summary_location), (body, card.body_location)):
        line = 0
        for token in tokens:
            line = token.map[0] if token.map else line
            for child in token.children or ():
                ref = card_target(child)
                if ref and ref not in known:
                    diags.append(unknown_id("card", ref, known, where.at_line(line)))
                elif not ref and str(child.attrGet("href") or "").lower() == "card:":
                    diags.append(error("unknown-card", "empty card link 'card:'",
                                       where.at_line(line), "write the id of the card after "
                                       "'card:', e.g. [text](card:alice)"))
    return CardText(tuple(summary), tuple(body)), diags


def _link_article(
    article: Article, shared: Matcher, role_aliases: list[RoleAlias], policy: str
) -> tuple[Mention, ...]:
    """Every mention in the article's paragraphs, those that become links marked."""
    matcher = article_matcher(article, shared, role_aliases)
    linked_in_article: set[str] = set()
    mentions: list[Mention] = []
    # Only paragraphs have anchors a backlink can point to; headings stay unlinked.
    for number, pieces in enumerate(article.body.inlines, 1):
        seen = linked_in_article if policy == "first-in-article" else set()

        def should_link(card: str, seen: set[str] = seen) -> bool:
            if policy == "every":
                return True
            if card in seen:
                return False
            seen.add(card)
            return True

        mentions += [Mention(f.card, article.id, number, f.start, f.end, f.linked)
                     for f in find_mentions(pieces, matcher, should_link)]
    return tuple(mentions)
