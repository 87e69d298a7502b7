"""The Markdown parser set-up shared by card texts and article bodies.

Raw HTML is always parsed as HTML so that it can be reported; unless the site
allows it, it is then turned back into text (escaped). Only http(s), mailto and
``card:`` (a link to another card, checked by the build) URLs become links, and
images are off: a page must never load anything from another host.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from generator.errors import Diagnostic, Location, warning
from generator.markup.linking import Link, linked_pieces, piece_effect
from generator.model import Body, InlinePiece, Mention

ALLOWED_SCHEMES = re.compile(r"^(https?:|mailto:|card:)", re.IGNORECASE)
# A comment, or one left open (a browser would hide the rest of the block).
COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def make_parser() -> MarkdownIt:
    """A CommonMark parser with raw HTML recognised and images disabled."""
    md = MarkdownIt("commonmark", {"html": True})
    md.disable("image")
    md.validateLink = lambda url: bool(ALLOWED_SCHEMES.match(url.strip()))  # type: ignore[method-assign]
    return md


def parse(
    md: MarkdownIt, text: str, where: Location, allow_html: bool
) -> tuple[list[Token], list[Diagnostic]]:
    """Parse Markdown; raw HTML becomes text (with a warning) unless allowed."""
    tokens = md.parse(text)
    diags: list[Diagnostic] = []
    line = 0
    out: list[Token] = []
    for token in tokens:
        if token.map:
            line = token.map[0]
        if token.type == "html_block":
            # Comments never reach the output, not even as escaped text.
            token.content = COMMENT_RE.sub("", token.content)
            if not token.content.strip():
                continue
            if not allow_html:
                diags.append(_html_warning(token.content, where, line))
                out.extend(_as_text_paragraph(token))
                continue
        if token.type == "inline" and token.children:
            token.children = _inline_html(token.children, where, line, allow_html, diags)
        out.append(token)
    return out, diags


def _html_warning(content: str, where: Location, line: int) -> Diagnostic:
    snippet = content.strip().splitlines()[0][:60] if content.strip() else content
    return warning("raw-html", f"raw HTML is shown as text: {snippet}", where.at_line(line),
                   "remove it, or set allow_raw_html: true in site.yaml if you trust it")


def _as_text_paragraph(token: Token) -> list[Token]:
    inline = Token("inline", "", 0, content=token.content.strip(), map=token.map)
    inline.children = [Token("text", "", 0, content=token.content.strip())]
    return [Token("paragraph_open", "p", 1, map=token.map, block=True), inline,
            Token("paragraph_close", "p", -1, block=True)]


def _inline_html(
    children: list[Token], where: Location, line: int, allow_html: bool,
    diags: list[Diagnostic],
) -> list[Token]:
    out: list[Token] = []
    reported = False
    for child in children:
        if child.type != "html_inline":
            out.append(child)
        elif child.content.startswith("<!--"):
            continue
        elif allow_html:
            out.append(child)
        else:
            if not reported:  # one warning per paragraph, at its first tag
                diags.append(_html_warning(child.content, where, line))
                reported = True
            out.append(Token("text", "", 0, content=child.content))
    # Merge neighbouring text tokens so the linker sees whole phrases.
    merged: list[Token] = []
    for child in out:
        if child.type == "text" and merged and merged[-1].type == "text":
            merged[-1] = Token("text", "", 0, content=merged[-1].content + child.content)
        else:
            merged.append(child)
    return merged


def card_target(token: Token) -> str:
    """The card id of a ``[text](card:id)`` link token, or an empty string."""
    href = str(token.attrGet("href") or "")
    if token.type == "link_open" and href.lower().startswith("card:"):
        return href[len("card:"):]
    return ""


def inline_plain(children: Sequence[Token]) -> str:
    """The text a reader sees in an inline token's children, as the linker counts it."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def render(md: MarkdownIt, tokens: Sequence[Token]) -> str:
    """HTML for a token stream."""
    return str(md.renderer.render(list(tokens), md.options, {}))


GAP = "\x00"  # stands for a paragraph's content while the rest is rendered (NUL is never text)


def compile_body(md: MarkdownIt, tokens: Sequence[Token]) -> Body:
    """The HTML of ``tokens`` around each paragraph's inline content, kept apart to be linked.

    Everything but the paragraphs' contents is rendered once, here; the linker
    then only joins strings, and nothing keeps the tokens.
    """
    frame: list[Token] = []
    inlines: list[tuple[InlinePiece, ...]] = []
    previous = ""
    for token in tokens:
        if token.type == "inline" and previous == "paragraph_open":
            inlines.append(tuple(_piece(md, child) for child in token.children or ()))
            token = Token("inline", "", 0, children=[Token("html_inline", "", 0, content=GAP)])
        previous = token.type
        frame.append(token)
    parts = render(md, frame).split(GAP)
    assert len(parts) == len(inlines) + 1  # markdown-it turns a NUL in the text into U+FFFD
    return Body(tuple(parts), tuple(inlines))


def _piece(md: MarkdownIt, child: Token) -> InlinePiece:
    if child.type == "text":
        return child.content
    html = render(md, (child,))
    return (html, *piece_effect(child))


def body_html(body: Body, mentions: Sequence[Mention], href: Callable[[str], str]) -> str:
    """The HTML of ``body`` with its mentions that are links (in paragraph order) made."""
    out = [body.frame[0]]
    at = 0
    for number, (pieces, after) in enumerate(zip(body.inlines, body.frame[1:], strict=True), 1):
        links: list[Link] = []
        while at < len(mentions) and mentions[at].paragraph <= number:
            mention = mentions[at]
            if mention.linked and mention.paragraph == number:
                links.append((mention.start, mention.end, mention.card))
            at += 1
        html = linked_pieces(pieces, links, href) if links else [None] * len(pieces)
        out += [(escapeHtml(p) if isinstance(p, str) else p[0]) if h is None else h
                for p, h in zip(pieces, html, strict=True)]
        out.append(after)
    return "".join(out)
