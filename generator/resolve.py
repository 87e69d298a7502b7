"""Cross-references between cards and articles: ids, aliases, mentions, backlinks, quotes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.errors import Diagnostic, Location, did_you_mean, error, warning
from generator.linking import LayeredMatcher, Matcher, build_matcher, find_mentions
from generator.markdown import card_target, parse
from generator.memo import Memo
from generator.model import Article, Card, Mention, Quote, Role, SiteConfig

# A quoted passage in any of the marks newsrooms use: “double”, "straight", ‘single’ (an
# apostrophe inside is kept: ‘it’s’), «guillemets» (French spacing too), »German«, „low“,
# ‹single guillemets›, and 'straight single' holding a space ('n' in rock 'n' roll is no quote).
QUOTED_RE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|‘((?:[^‘’]|’(?=\w))+)’(?!\w)"
                       r"|«\s?([^«»]+?)\s?»|»([^«»]+)«|„([^„“”]+)[“”]|‹([^‹›]+)›"
                       r"|(?<!\w)'([^'\n]*\s[^'\n]*)'(?!\w)")
QUOTE_MARKS = "\"“”‘’«»„‹›'"


def quoted_passage(match: re.Match[str]) -> str:
    """The words a ``QUOTED_RE`` match holds, without the marks."""
    return next((group for group in match.groups() if group), "")
TRAILING = " \t,.;:!?"


@dataclass(frozen=True, slots=True)
class PlacedQuote:
    """An attributed quote and the paragraph of the article that holds it."""

    quote: Quote
    article: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class LinkedArticle:
    """An article with its mentions found and linked."""

    article: Article
    # In paragraph order; those marked ``linked`` are links in the text (markdown.body_html).
    mentions: tuple[Mention, ...]
    quotes: tuple[PlacedQuote, ...]


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
    articles: tuple[LinkedArticle, ...]
    backlinks: Mapping[str, tuple[Mention, ...]]
    related: Mapping[str, tuple[str, ...]]
    quotes_by_speaker: Mapping[str, tuple[PlacedQuote, ...]]
    matcher: Matcher


Linked = tuple["LinkedArticle", list[Diagnostic]]
# Links an article, or answers from a store of articles linked by earlier builds.
LinkStore = Callable[[Article, Callable[[], Linked]], Linked]


def resolve(
    config: SiteConfig, cards: tuple[Card, ...], articles: tuple[Article, ...], md: MarkdownIt,
    memo: Memo | None = None, links: LinkStore | None = None,
) -> tuple[Site, list[Diagnostic]]:
    """Check every reference and link every article; all problems are collected.

    With a ``memo`` kept from an earlier build, the matcher, card texts and
    linked articles whose inputs did not change are reused (the same objects).
    """
    memo = memo or Memo()
    by_id = {c.id: c for c in cards}
    ids = frozenset(by_id)
    ids = memo.get(("ids", ids), lambda: ids)  # the same object, for fast key comparison
    diags = _check_references(cards, by_id)
    pairs = tuple((alias, c.id) for c in cards for alias in c.all_names)
    matcher, alias_diags = memo.get(("matcher", pairs), partial(_matcher, cards))
    if alias_diags:  # report conflicts where the aliases stand now
        matcher, alias_diags = _matcher(cards)
    diags += alias_diags
    texts: dict[str, CardText] = {}
    for card in cards:
        texts[card.id], problems = memo.get(
            ("text", id(card), config.allow_raw_html, id(ids)),
            partial(_card_text, card, md, config.allow_raw_html, by_id), (card, ids))
        diags += problems
    article_ids = {a.id: a for a in articles}
    diags += _check_sources(cards, article_ids)
    diags += [_unknown("card", card, by_id, where) for a in articles
              for _, card, where in a.local_aliases if card not in by_id]
    roles, problems = role_aliases(cards)
    diags += problems
    # Only a role alias's words, card and dates change how articles are linked.
    held = tuple((alias, card, role.start, role.end) for alias, card, role in roles)
    held = memo.get(("roles", held), lambda: held)
    linked, problems = memo.get(
        ("linked", id(matcher), id(ids), id(held), config.link_mentions, *map(id, articles)),
        partial(_link_articles, articles, matcher, (roles, held), (by_id, ids),
                config.link_mentions, memo, links),
        (articles, matcher, ids, held))
    diags += problems
    backlinks, speakers = memo.get(("backlinks", *map(id, linked)),
                                   partial(_backlinks, linked), linked)
    return Site(
        config=config,
        cards=by_id,
        card_texts=texts,
        articles=linked,
        backlinks=backlinks,
        related=_related(cards, by_id),
        quotes_by_speaker=speakers,
        matcher=matcher,
    ), diags


def _link_articles(
    articles: tuple[Article, ...], matcher: Matcher, roles: tuple[list[RoleAlias], object],
    cards: tuple[Mapping[str, Card], frozenset[str]], policy: str, memo: Memo,
    links: LinkStore | None = None,
) -> tuple[tuple[LinkedArticle, ...], list[Diagnostic]]:
    """Every article linked and its quotes placed; unchanged articles come from ``memo``.

    ``roles`` and ``cards`` pair the role aliases and cards with the interned values
    that stand for them in memo keys.
    """
    (role_list, held), (by_id, ids) = roles, cards
    memo = memo.child("articles")  # entries for every article, renewed on each pass
    linked: list[LinkedArticle] = []
    diags: list[Diagnostic] = []
    for article in articles:
        compute: Callable[[], Linked] = partial(_resolve_article, article, matcher, role_list,
                                                by_id, policy)
        if links is not None:
            compute = partial(links, article, compute)
        item, problems = memo.get(
            ("article", id(article), id(matcher), id(ids), id(held), policy), compute,
            (article, matcher, ids, held))
        linked.append(item)
        diags += problems
    memo.next_build()
    return tuple(linked), diags


def _resolve_article(
    article: Article, matcher: Matcher, roles: list[RoleAlias], by_id: Mapping[str, Card],
    policy: str,
) -> tuple[LinkedArticle, list[Diagnostic]]:
    """One article linked, with its quotes placed."""
    mentions = _link_article(article, matcher, roles, policy)
    quotes, diags = _place_quotes(article, by_id)
    return LinkedArticle(article, mentions, tuple(quotes)), diags


def _backlinks(
    linked: tuple[LinkedArticle, ...]
) -> tuple[dict[str, tuple[Mention, ...]], dict[str, tuple[PlacedQuote, ...]]]:
    """Each card's mentions and quotes, in article order."""
    backlinks: dict[str, list[Mention]] = defaultdict(list)
    speakers: dict[str, list[PlacedQuote]] = defaultdict(list)
    for item in linked:
        for mention in item.mentions:
            backlinks[mention.card].append(mention)
        for quote in item.quotes:
            speakers[quote.quote.speaker].append(quote)
    return ({k: tuple(v) for k, v in backlinks.items()},
            {k: tuple(v) for k, v in speakers.items()})


def _unknown(kind: str, ref: str, known: Mapping[str, object], where: Location) -> Diagnostic:
    return error(f"unknown-{kind}", f"unknown {kind} id '{ref}'", where,
                 did_you_mean(ref, known) or f"no {kind} has this id")


def _check_references(cards: tuple[Card, ...], by_id: Mapping[str, Card]) -> list[Diagnostic]:
    diags = []
    for card in cards:
        for field, ref, where in card.references:
            if ref not in by_id:
                diags.append(_unknown("card", ref, by_id, where))
            elif ref == card.id and field == "related":
                diags.append(error("card-self", "a card cannot be related to itself", where))
    return diags


def _matcher(cards: tuple[Card, ...]) -> tuple[Matcher, list[Diagnostic]]:
    where = {(alias, c.id): loc for c in cards
             for alias, loc in zip(c.all_names, c.alias_locations, strict=True)}
    pairs = [(alias, c.id) for c in cards for alias in c.all_names]
    matcher, conflicts = build_matcher(pairs)
    diags = [error("alias-conflict", f"alias '{alias}' is claimed by cards '{other}' and "
                   f"'{card}'", where[(alias, card)],
                   "an alias must name one card; remove it from one of them")
             for alias, card, other in conflicts]
    return matcher, diags


def _card_text(
    card: Card, md: MarkdownIt, allow_html: bool, by_id: Mapping[str, Card]
) -> tuple[CardText, list[Diagnostic]]:
    summary, problems = parse(md, card.summary, card.summary_location, allow_html)
    body, more = parse(md, card.body, card.body_location, allow_html) if card.body else ([], [])
    diags = problems + more
    for tokens, where in ((summary, card.summary_location), (body, card.body_location)):
        line = 0
        for token in tokens:
            line = token.map[0] if token.map else line
            for child in token.children or ():
                ref = card_target(child)
                if ref and ref not in by_id:
                    diags.append(_unknown("card", ref, by_id, where.at_line(line)))
                elif not ref and str(child.attrGet("href") or "").lower() == "card:":
                    diags.append(error("unknown-card", "empty card link 'card:'",
                                       where.at_line(line), "write the id of the card after "
                                       "'card:', e.g. [text](card:alice)"))
    return CardText(tuple(summary), tuple(body)), diags


def _check_sources(cards: tuple[Card, ...], articles: Mapping[str, Article]) -> list[Diagnostic]:
    diags = []
    for card in cards:
        for source in card.sources:
            if not source.article:
                continue
            article = articles.get(source.article)
            if article is None:
                diags.append(_unknown("article", source.article, articles, source.location))
            elif source.paragraph and not 1 <= source.paragraph <= len(article.paragraphs):
                diags.append(error("source-paragraph", f"article '{article.id}' has no "
                                   f"paragraph {source.paragraph} (it has "
                                   f"{len(article.paragraphs)})", source.location))
    return diags


RoleAlias = tuple[str, str, Role]


def role_aliases(cards: tuple[Card, ...]) -> tuple[list[RoleAlias], list[Diagnostic]]:
    """Every role phrase, and the phrases two cards claim for overlapping times."""
    found = [(alias, card.id, role) for card in cards for role in card.roles
             for alias in role.aliases]
    by_alias: dict[str, list[tuple[str, Role]]] = defaultdict(list)
    diags = []
    for alias, card, role in found:
        for other, other_role in by_alias[alias]:
            if card != other and _overlap(role, other_role):
                diags.append(error("alias-conflict", f"role alias '{alias}' is claimed by "
                                   f"cards '{other}' and '{card}' for overlapping dates",
                                   role.location, "fix the roles' from/to dates"))
        by_alias[alias].append((card, role))
    return found, diags


def _overlap(a: Role, b: Role) -> bool:
    return (a.end is None or b.start <= a.end) and (b.end is None or a.start <= b.end)


def article_matcher(
    article: Article, shared: Matcher, role_aliases: Sequence[RoleAlias]
) -> LayeredMatcher:
    """The aliases in force in ``article``: its own, then roles held on its date, then cards'."""
    layers = [build_matcher((text, card) for text, card, _ in article.local_aliases)[0],
              build_matcher((alias, card) for alias, card, role in role_aliases
                            if role.held_on(article.date))[0], shared]
    return LayeredMatcher(*layers)


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


def _squash(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).strip(TRAILING)


def _place_quotes(
    article: Article, cards: Mapping[str, Card]
) -> tuple[list[PlacedQuote], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    placed: list[PlacedQuote] = []
    for quote in article.quotes:
        if quote.speaker not in cards:
            diags.append(_unknown("card", quote.speaker, cards, quote.location))
            continue
        number = next((p.number for p in article.paragraphs if quote.text in p.text), 0)
        if not number:
            diags.append(error("quote-not-found", f"quote not found in the article text: "
                               f"\"{quote.text}\"", quote.location,
                               "copy the words exactly as they stand in the seed, "
                               "including ’ apostrophes"))
            continue
        placed.append(PlacedQuote(quote, article.id, number))
    attributed = [_squash(q.text) for q in article.quotes]
    for paragraph in article.paragraphs:
        for match in QUOTED_RE.finditer(paragraph.text):
            passage = _squash(quoted_passage(match))
            if passage and not any(passage in a or a in passage for a in attributed if a):
                diags.append(warning(
                    "quote-unattributed", f"quoted passage not attributed to anyone: "
                    f"“{passage}”", Location(paragraph.location.path, paragraph.location.line,
                                             match.start() + 1),
                    f"add it under 'quotes:' in {article.location.path}"))
    return placed, diags


def _related(cards: tuple[Card, ...], by_id: Mapping[str, Card]) -> dict[str, tuple[str, ...]]:
    both: dict[str, set[str]] = defaultdict(set)
    for card in cards:
        for ref in card.related:
            if ref in by_id and ref != card.id:
                both[card.id].add(ref)
                both[ref].add(card.id)
    return {k: tuple(sorted(v, key=lambda i: by_id[i].name.lower())) for k, v in both.items()}
