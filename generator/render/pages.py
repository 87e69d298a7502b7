"""Per-page template contexts, built from the resolved site.

Each page gets an explicit context of plain values (strings, numbers, lists
and dicts), never the whole site: templates see only what their page shows,
and two builds can compare contexts to skip unchanged pages.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from generator import urls
from generator.markup.linking import link_inline, mention_open
from generator.markup.markdown import card_target, inline_plain, render
from generator.markup.scripts import sort_key
from generator.markup.text import iso_date
from generator.markup.words import Words
from generator.model import Card, Role
from generator.render import meta
from generator.render.labels import INDEX_TITLES, index_title, type_label
from generator.render.notes import note_views
from generator.render.paging import mentions_path, topic_path
from generator.render.pieces import PIECES, define_pieces
from generator.render.portraits import CREDITS, article_share, card_share, rendition, shown_picture
from generator.render.related import BACKLINK_GROUPS, backlinks, related_coverage, then_and_now
from generator.render.roles import role_now, role_then
from generator.render.shared import WHO_SAID_WHAT, site_shared_query
from generator.resolve.quotes import PlacedQuote
from generator.resolve.site import CardText, LinkedArticle, Site


@dataclass(frozen=True, slots=True)
class Page:
    """One output page: where it goes, which template draws it, and what it shows."""

    path: str
    template: str
    context: dict[str, Any]


class PageSpec(NamedTuple):
    """A page to make: its output path, its kind (see ``listings.PAGE_KINDS``) and what it
    is told to show besides the site (e.g. the entries of one page of a listing)."""

    path: str
    kind: str
    args: tuple[Any, ...]


class PageMaker:
    """Builds the context of each page from a resolved site.

    What pages share (navigation, card lists, article order) is computed here
    once; page methods read the site only for what their page shows, so that
    a live rebuild can track which parts of the site each page depends on.
    Public attributes other than ``site`` and ``md`` are plain values.
    """

    def __init__(self, site: Site, md: MarkdownIt, built: dt.datetime | None = None,
                 today: dt.date | None = None, words: Words | None = None) -> None:
        if site.graph is None:
            raise ValueError("the page maker needs a site resolved in a graph")
        self.site = site
        self.graph = site.graph
        self.md = md
        define_pieces(self, PIECES)  # what many pages show, made once by the graph
        self.graph.define("site shared", partial(site_shared_query, site))
        self.graph.set(("shared settings",), (built, today, words or Words.english()))
        # Pages and pieces read this through the graph (the properties below): when it
        # changes, every one of them is made again.
        self.changed_shared = self.graph.set(("shared",), self.graph("site shared") | {
            "<config>": site.config, "<matcher>": site.matcher})

    def shared(self) -> dict[str, object]:
        """What pages read of the maker itself besides the site: a page made with one maker
        is the same with another whose shared values are equal."""
        values: dict[str, object] = self.graph("shared")
        return {k: v for k, v in values.items() if not k.startswith("<")}

    def _get(self, name: str) -> Any:
        return self.graph("shared")[name]

    built = property(lambda self: self._get("built"), doc="when the build ran, if shown")
    words = property(lambda self: self._get("words"),
                     doc="the interface's words in the site's language (markup/words.py)")
    today = property(lambda self: self._get("today"),
                     doc="the day site-wide pages say who holds which role on (roles.py)")
    latest = property(lambda self: self._get("latest"), doc="the newest article's date")
    article_at = property(lambda self: self._get("article_at"),
                          doc="each article's position in the site's order (newest first)")
    counts = property(lambda self: self._get("counts"), doc="how many cards of each type")
    type_ids = property(lambda self: self._get("type_ids"),
                        doc="each type's cards, in index order")
    nav = property(lambda self: self._get("nav"), doc="the navigation: (label, path)")
    topics = property(lambda self: self._get("topics"),
                      doc="each topic's slug -> its name and its articles")
    topics_by_name = property(lambda self: self._get("topics_by_name"),
                              doc="each topic's name -> its articles")
    has_corrections = property(lambda self: self._get("has_corrections"),
                               doc="whether the site has a corrections page")

    def linked(self, article_id: str) -> LinkedArticle | None:
        """The article with this id, if there is one."""
        at = self.article_at.get(article_id)
        return None if at is None else self.site.articles[at]

    def in_article_order(self, article_ids: Iterable[str]) -> list[LinkedArticle]:
        """The articles with these ids, newest first."""
        return [self.site.articles[i] for i in sorted({self.article_at[a] for a in article_ids})]

    # -- shared pieces -------------------------------------------------------

    def common(self, path: str, title: str, description: str,
               subject: meta.Subject | None = None) -> dict[str, Any]:
        """What every page needs: site info, its own title, head tags and the navigation."""
        config = self.site.config
        link = urls.linker(path, config.base_url)
        return {
            "site": {"title": config.title, "description": config.description,
                     "language": config.language, "author": config.author,
                     "direction": self.words.direction},
            "page": {"path": path, "title": title, "description": description,
                     "url": urls.absolute(config.base_url, path)},
            "head": meta.head(config, path, title, description, subject),
            "root": link(urls.HOME).removesuffix(urls.HOME),
            "style_url": link(urls.STYLE), "favicon_url": link(urls.FAVICON),
            "feed_url": link(urls.FEED),
            "corrections_url": link(urls.CORRECTIONS) if self.has_corrections else "",
            "credits_url": link(CREDITS) if self._get("has_pictures") else "",
            "built": self.words.time(self.built) if self.built else "",
            "nav": [{"label": self.words.gettext(label), "url": link(target),
                     "current": target == path} for label, target in self.nav],
            "pager": None,
            "script_words": self._get("script_words"),
        }

    def card_text(self, card_id: str, part: str, page: str, self_id: str = "") -> Markup:
        """A card's summary or body (``part``) as HTML, mentions of other cards linked from
        ``page`` (the same for every page of its folder)."""
        html: Markup = self.graph("card html", card_id, part, _folder(page), self_id)
        return html

    def _card_text(self, tokens: tuple[Token, ...], page: str, self_id: str) -> Markup:
        out: list[Token] = []
        for token in tokens:
            if token.type != "inline" or not token.children:
                out.append(token)
                continue
            children = [_card_link(c, page) for c in token.children]
            if self.graph("config").link_cards:
                seen: set[str] = {self_id}

                def first(card: str, seen: set[str] = seen) -> bool:
                    if card in seen:
                        return False
                    seen.add(card)
                    return True

                children, _ = link_inline(children, self.graph("matcher")[0],
                                          lambda c: urls.relative(urls.card_path(c), page), first)
            out.append(Token("inline", "", 0, children=children))
        return Markup(render(self.md, out))

    def card_ref(self, card_id: str, page: str, day: dt.date | None = None) -> dict[str, Any]:
        """A short reference to a card: name, link, type, summary and role on ``day``.

        The same piece on every page of a folder while the card and the role are the same
        (what a macro drew of it is drawn once: see ``drawn.py``).
        """
        card = self.site.cards[card_id]
        role = "" if day is None else (
            role_now(self.words, card, self.today) if day >= self.today
            else role_then(self.words, card, day, self.today))
        ref: dict[str, Any] = self.graph("card ref", card_id, _folder(page), role, self.today)
        return ref

    def _card_ref(self, card: Card, text: CardText, page: str, role: str) -> dict[str, Any]:
        return {
            "id": card.id, "name": card.name, "type": card.type,
            "type_label": type_label(self.words, card.type), "kind": card.kind,
            "url": urls.relative(urls.card_path(card.id), page),
            "summary": self.card_text(card.id, "summary", page, card.id),
            "role": role,
            "roles_now": role_now(self.words, card, self.today),
            "portrait": shown_picture(self.graph, card.image, page, "thumb"),
        }

    def role_view(self, role: Role, page: str) -> dict[str, Any]:
        """A role for display, with its organisation linked when it has a card."""
        return {
            "title": role.title, "note": role.note,
            "org": self.card_ref(role.org, page) if role.org else None,
            "start": self.words.date(role.start), "end": self.words.date(role.end),
            "until": self.words.date(role.end, governed=True),
            "seen": self.words.date(role.seen),
            "successor": self.graph("successor", role.title, role.end, role.start, role.org),
            "current": not role.ended_by(self.today),
            "iso_end": role.end.isoformat() if role.end else "",
        }

    # -- pages ---------------------------------------------------------------

    def article_at_index(self, index: int) -> Page:
        """The page of the article at ``index`` in the site's order."""
        # The article is read through the site, so that a live rebuild sees the read.
        return self.article(self.site.articles[index])

    def article_ref(self, linked: LinkedArticle, page: str) -> dict[str, Any]:
        """An article in a list: title, dek, date and link (one dict for a folder's pages)."""
        ref: dict[str, Any] = self.graph("article ref", linked.article.id, _folder(page))
        return ref

    def _article_ref(self, linked: LinkedArticle, page: str) -> dict[str, Any]:
        article = linked.article
        return {"id": article.id, "title": article.title, "dek": article.dek,
                "date": self.words.date(article.date), "iso_date": article.date.isoformat(),
                "url": urls.relative(urls.article_path(article.id), page),
                "credit": article.credit}

    def article(self, linked: LinkedArticle) -> Page:
        """An article page: the linked text, the cards it mentions and who said what."""
        article = linked.article
        path = urls.article_path(article.id)
        share = article_share(self.site.config, article, rendition(self.graph, article.image))
        context = self.common(path, article.title, article.dek, replace(
            self.graph("article subject", article.id), image=share.path))
        context["article"] = self.article_ref(linked, path) | {
            "body": self.graph("article body", article.id),
            "original_url": article.url,
            "picture": shown_picture(self.graph, article.image, path, "lead", eager=True),
            "credit_url": self._credit_url(article.credit, path),
            "topics": [{"name": t, "url": urls.relative(topic_path(t), path)}
                       for t in dict.fromkeys(article.topics)],
        }
        order: dict[str, int] = {}
        for mention in linked.mentions:
            order.setdefault(mention.card, len(order))
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for card_id in order:
            ref = self.card_ref(card_id, path, article.date)
            by_type[ref["type"]].append(ref)
        context["card_groups"] = [{"title": index_title(self.words, kind),
                                   "cards": by_type[kind]}
                                  for kind in urls.INDEX_PAGES if by_type.get(kind)]
        context["quotes"] = [self.quote_view(q, path) for q in linked.quotes]
        context["figures"] = self.graph("figures", article.id, path)
        context["related_coverage"] = related_coverage(self, linked, list(order), path)
        context["notes"] = note_views(self.words, article)
        return Page(path, "article.html", context)

    def _credit_url(self, credit: str, page: str) -> str:
        """The page of the card whose name or alias is the whole credit ("Reuters"), if any."""
        found = [m.card for m in self.graph("matcher")[0].find(credit)
                 if m.start == 0 and m.end == len(credit)] if credit else []
        return urls.relative(urls.card_path(found[0]), page) if found else ""

    def quote_view(self, placed: PlacedQuote, page: str) -> dict[str, Any]:
        """A quote with its speaker and a link to its paragraph."""
        target = urls.article_path(placed.article) + f"#p{placed.paragraph}"
        linked = self.linked(placed.article)
        assert linked is not None
        article = linked.article
        return {"text": placed.quoted or placed.quote.text, "context": placed.quote.context,
                "speaker": self.card_ref(placed.quote.speaker, page),
                "url": urls.relative(target, page), "article_title": article.title,
                "date": self.words.date(article.date), "paragraph": placed.paragraph}

    def card(self, card_id: str) -> Page:
        """A card page: summary, body, roles then and now, related cards and backlinks."""
        card = self.site.cards[card_id]
        text = self.site.card_texts[card_id]
        path = urls.card_path(card_id)
        summary = _plain(text.summary)
        share = card_share(self.words, self.site.config, card,
                           rendition(self.graph, card.image))
        subject = replace(meta.card_subject(self.site, card_id, summary,
                                            self.words.gettext(INDEX_TITLES["concept"])),
                          image=share.path)
        context = self.common(path, card.name, summary, subject)
        context["card"] = self.card_ref(card_id, path) | {
            "body": self.card_text(card_id, "body", path, card_id) if text.body else "",
            "as_of": self.words.date(card.as_of), "iso_as_of": card.as_of.isoformat(),
            "date": self.words.date(card.date), "end_date": self.words.date(card.end_date),
            "iso_date": iso_date(card.date), "iso_end_date": iso_date(card.end_date),
            "place": self.card_ref(card.place, path) if card.place else None,
            "country": self.card_ref(card.country, path) if card.country else None,
            "wikidata": card.wikidata, "aliases": list(card.aliases),
            "roles": [self.role_view(r, path) for r in card.roles],
            "picture": shown_picture(self.graph, card.image, path, "portrait", eager=True),
            "draft": card.draft,
        }
        context["then_and_now"] = then_and_now(self, card, path)
        context["related"] = [self.card_ref(r, path) for r in self.site.related.get(card_id, ())]
        found = self.site.backlinks.get(card_id, ())
        newest = self.in_article_order(m.article for m in found)[:BACKLINK_GROUPS]
        shown = {a.article.id for a in newest}
        context["backlinks"] = backlinks(self, tuple(m for m in found if m.article in shown),
                                              path)
        articles = len({m.article for m in found})
        context["more_backlinks"] = {
            "more": articles - len(shown), "total": articles,
            "url": urls.relative(mentions_path(card_id), path),
        } if articles > len(shown) else None
        context["quotes"] = [self.quote_view(q, path)
                             for q in self.site.quotes_by_speaker.get(card_id, ())]
        context["sources"] = [self.source_view(s, path) for s in card.sources]
        context["notes"] = note_views(self.words, card)
        return Page(path, "card.html", context)

    def source_view(self, source: Any, page: str) -> dict[str, Any]:
        """A source for display; an article citation links to its paragraph."""
        view = {"publisher": source.publisher, "title": source.title,
                "date": self.words.date(source.date), "url": source.url, "article": None}
        linked = self.linked(source.article) if source.article else None
        if linked is not None:
            target = urls.article_path(source.article) + (
                f"#p{source.paragraph}" if source.paragraph else "")
            view["article"] = {"title": linked.article.title, "url": urls.relative(target, page),
                               "paragraph": source.paragraph, "credit": linked.article.credit,
                               "date": self.words.date(linked.article.date)}
        return view

    def quotes(self) -> Page:
        """Who said what: quotes grouped by speaker."""
        path = urls.QUOTES
        words = self.words
        context = self.common(path, words.gettext(WHO_SAID_WHAT),
                              words.gettext("Every quoted passage and who said it"))
        cards, language = self.site.cards, self.site.config.language
        speakers = sorted(self.site.quotes_by_speaker,
                          key=lambda s: sort_key(cards[s].name, language))
        context["speakers"] = [
            {"speaker": self.card_ref(s, path, self.today),
             "quotes": [self.quote_view(q, path) for q in self.site.quotes_by_speaker[s]]}
            for s in speakers
        ]
        return Page(path, "quotes.html", context)


def _folder(page: str) -> str:
    """The folder of an output path (what relative links from the page depend on)."""
    return page.rpartition("/")[0]  # posixpath.dirname, for paths as urls.py makes them


def _card_link(token: Token, page: str) -> Token:
    card = card_target(token)
    if not card:
        return token
    return mention_open(urls.relative(urls.card_path(card), page), card)



def _plain(tokens: tuple[Token, ...]) -> str:
    text = " ".join(inline_plain(t.children or []) for t in tokens if t.type == "inline")
    return " ".join(text.split())[:300]
