"""The alias matcher and the token linker, by example and as properties."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.errors import Location
from generator.markup.linking import Matcher, build_matcher, link_inline, mention_open, mention_tag
from generator.markup.markdown import body_html, compile_body, make_parser, parse, render

CARDS = [
    ("Sir Keir Starmer", "starmer"), ("Sir Keir", "starmer"), ("Starmer", "starmer"),
    ("Russia", "russia"), ("Ukraine", "ukraine"), ("US", "usa"), ("NATO", "nato"),
    ("the president of the European Council", "costa"), ("European Council", "council"),
    ("Donald Trump", "trump"), ("Donald Tusk", "tusk"), ("U.S.", "usa"), ("O'Brien", "obrien"),
]


def found(text: str, cards: list[tuple[str, str]] = CARDS) -> list[tuple[str, str]]:
    matcher, conflicts = build_matcher(cards)
    assert not conflicts
    return [(text[m.start:m.end], m.card) for m in matcher.find(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sir Keir Starmer spoke.", [("Sir Keir Starmer", "starmer")]),
    ("Sir Keir spoke; Starmer left.", [("Sir Keir", "starmer"), ("Starmer", "starmer")]),
    ("Russian troops", []),
    ("Russia’s troops", [("Russia", "russia")]),
    ("with Russia—set to begin", [("Russia", "russia")]),
    ("US–Russia talks", [("US", "usa"), ("Russia", "russia")]),
    ("tell us more", []),
    ("The president of the European Council",
     [("The president of the European Council", "costa")]),
    ("a European Council meeting", [("European Council", "council")]),
    ("Donald Trump and Donald Tusk; Donald alone", [("Donald Trump", "trump"),
                                                    ("Donald Tusk", "tusk")]),
    ("the U.S. said", [("U.S.", "usa")]),
    ("O’Brien said", [("O’Brien", "obrien")]),
    ("Sir  Keir\nStarmer", [("Sir  Keir\nStarmer", "starmer")]),
    ("NATOS and UKRAINE", []),
    ("", []),
])
def test_matching(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_conflicting_alias_is_reported() -> None:
    _, conflicts = build_matcher([("Paris", "paris"), ("Paris", "paris-hilton")])
    assert conflicts == [("Paris", "paris-hilton", "paris")]


def test_same_alias_twice_for_one_card_is_fine() -> None:
    _, conflicts = build_matcher([("Paris", "paris"), ("Paris", "paris")])
    assert conflicts == []


def test_cost_is_linear_in_text_not_aliases() -> None:
    # 20,000 aliases: the trie is walked once per word, whatever their number.
    many = [(f"Name{i} Surname{i}", f"card-{i}") for i in range(20_000)]
    matcher, _ = build_matcher(many)
    text = "Name5 Surname5 met Name19999 Surname19999 and Name7. " * 200
    matches = matcher.find(text)
    assert len(matches) == 400
    assert {m.card for m in matches} == {"card-5", "card-19999"}


def link_markdown(source: str, matcher: Matcher) -> tuple[str, list[str]]:
    md = make_parser()
    # The build's path: raw HTML is escaped (the default), as card texts and seeds are.
    tokens, _ = parse(md, source, Location("t.md", 1, 1), allow_html=False)
    cards: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children, hits = link_inline(token.children, matcher,
                                               lambda c: f"cards/{c}.html", lambda c: True)
            cards += [h.card for h in hits]
    return render(md, tokens), cards


def test_no_link_inside_links_or_code() -> None:
    matcher, _ = build_matcher(CARDS)
    html, cards = link_markdown("[Russia](https://x.org) `Ukraine` Ukraine", matcher)
    assert html.count("<a ") == 2
    assert 'href="cards/ukraine.html"' in html
    assert "<code>Ukraine</code>" in html
    assert cards == ["russia", "ukraine"]  # the mention in a link still counts


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.nested = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.nested |= self.depth > 0
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered_and_linked(text: str, matcher: Matcher) -> tuple[_Checker, _Checker]:
    """``text`` as Markdown renders it and as linking it gives, each read by a _Checker."""
    md = make_parser()
    before, after = _Checker(), _Checker()
    before.feed(render(md, parse(md, text, Location("t.md", 1, 1), allow_html=False)[0]))
    after.feed(link_markdown(text, matcher)[0])
    return before, after


ALPHABET = st.sampled_from([*"abcRusiaUkrne KS’'\"—-.,<>&*_[]()`\n", "Russia", "Sir Keir", "US",
                            "[x](http://y)"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(ALPHABET, max_size=40).map("".join),
       aliases=st.lists(st.sampled_from([a for a, _ in CARDS] + ["a", "b c", "K’S"]),
                        max_size=8))
@example(text="<a>Russia", aliases=["Russia"])
def test_linking_never_changes_the_text_and_never_nests(text: str, aliases: list[str]) -> None:
    matcher, _ = build_matcher((alias, f"card{i}") for i, alias in enumerate(aliases))
    before, after = rendered_and_linked(text, matcher)
    assert not after.nested
    assert after.depth == 0
    assert re.sub(r"\s+", " ", "".join(after.text)) == re.sub(r"\s+", " ", "".join(before.text))


def test_plain_text_is_not_parsed_as_markdown() -> None:
    from generator.load.articles import read_plain_text

    body, paragraphs, credit = read_plain_text("A *star* and <b>bold</b>\n\n Second\n(BBC)\n",
                                               Location("s.txt", 1, 1))
    html = body_html(body, (), str)
    assert html == ('<p id="p1">A *star* and &lt;b&gt;bold&lt;/b&gt;</p>\n'
                    '<p id="p2">Second</p>\n')
    assert [(p.text, p.location.line) for p in paragraphs] == [
        ("A *star* and <b>bold</b>", 1), ("Second", 3)]
    assert credit == "BBC"


def test_plain_text_reads_as_markdown_paragraphs_would() -> None:
    from generator.load.articles import number_paragraphs, read_plain_text, split_credit

    text = "One & two\n\nThree\n(Reuters)\n"
    body, _, credit = read_plain_text(text, Location("s.txt", 1, 1))
    md = make_parser()
    tokens, _ = parse(md, text.replace("\n", "\n\n"), Location("s.md", 1, 1), False)
    tokens, md_credit = split_credit(tokens)
    tokens, _ = number_paragraphs(tokens, Location("s.md", 1, 1))
    assert (body.frame, credit) == (compile_body(md, tokens).frame, md_credit)


@pytest.mark.parametrize(("url", "card"), [("../cards/a.html", "a"), ('x"<&>.html', "b&c")])
def test_mention_tag_is_the_rendered_mention_token(url: str, card: str) -> None:
    md = make_parser()
    assert render(md, [mention_open(url, card)]) == mention_tag(url, card)


MARKDOWN = st.sampled_from([
    "Sir Keir Starmer", "Russia", "Ukraine", "the president of the European Council", "US",
    "U.S.", "O’Brien", " ", "\n", "\n\n", "*", "_", "**", "`", "[", "](https://x.org)", "<",
    ">", "&", "# ", "> ", "- ", "1. ", "    ", "```", "<!-- c -->", "<a href=x>", "</a>",
    "<b>", "[x](card:russia)", "\\", "  \n", "---", "| a |", "“", '"', "é", "\u00a0",
])


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(MARKDOWN | st.text(max_size=8), max_size=40),
       policy=st.sampled_from(["every", "first-in-paragraph"]), allow_html=st.booleans())
def test_article_body_is_its_linked_tokens_rendered(parts: list[str], policy: str,
                                                    allow_html: bool) -> None:
    """The article path (pieces, mentions, body_html) gives what linking tokens gives."""
    from generator.load.articles import number_paragraphs
    from generator.markup.linking import find_mentions
    from generator.model import Mention

    md = make_parser()
    matcher, _ = build_matcher(CARDS)
    where = Location("a.md", 1, 1)
    tokens, _ = parse(md, "".join(parts), where, allow_html)
    tokens, _ = number_paragraphs(tokens, where)
    body = compile_body(md, tokens)

    def policy_for(seen: set[str]) -> Callable[[str], bool]:
        def should_link(card: str) -> bool:
            first = card not in seen
            seen.add(card)
            return policy == "every" or first
        return should_link

    mentions = [Mention(f.card, "a", number, f.start, f.end, f.linked)
                for number, pieces in enumerate(body.inlines, 1)
                for f in find_mentions(pieces, matcher, policy_for(set()))]
    expected: list[tuple[str, int, int, bool]] = []
    previous = ""
    for token in tokens:
        if token.type == "inline" and previous == "paragraph_open" and token.children:
            token.children, found = link_inline(token.children, matcher, href, policy_for(set()))
            expected += [(f.card, f.start, f.end, f.linked) for f in found]
        previous = token.type
    assert body_html(body, mentions, href) == render(md, tokens)
    assert [(m.card, m.start, m.end, m.linked) for m in mentions] == expected


def href(card: str) -> str:
    return f"../cards/{card}.html"
