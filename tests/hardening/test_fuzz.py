"""Property tests (hypothesis): for any input the build ends in diagnostics or a site.

A traceback from the loaders, the resolver or the renderer is a failure: every
byte string in a card file, a seed or site.yaml must either build or be
reported as ``path:line:col`` problems. The linker keeps the text a reader
sees, never nests links and honours the link policy for any text and aliases.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import Options
from generator.engine.pipeline import load_site, render_site
from generator.errors import BuildFailed, Location
from generator.markup.linking import build_matcher, link_inline
from generator.markup.markdown import make_parser, parse, render
from tests.conftest import INVALID
from tests.hardening.conftest import CAROL

pytestmark = pytest.mark.hostile

EXAMPLES = 200  # per property; see README.md
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """One copy of the base project that each example overwrites a file of."""
    folder = Path(tempfile.mkdtemp())
    shutil.copytree(INVALID / "_base", folder / "p")
    yield folder / "p"
    shutil.rmtree(folder)


def build_in_memory(root: Path) -> tuple[int, list[str]]:
    """Load, resolve and render (no writing); (pages, diagnostics) or a failure's diagnostics."""
    options = Options(root)
    try:
        site, diags = load_site(options)
        files, pages, problems = render_site(options, site)
    except BuildFailed as failed:
        return 0, [d.format() for d in failed.diagnostics]
    for path, data in files.items():
        assert isinstance(data, bytes), path
    return pages, [d.format() for d in diags + problems]


def check_reported(lines: list[str], path: str) -> None:
    assert lines, "a failed build must say why"
    for line in lines:
        assert re.match(r"^[^\n]+: (error|warning)\[[a-z-]+\]: .+", line), line
        assert len(line) < 2000, "messages stay short whatever the input"


YAML_BITS = st.sampled_from([
    "type: person\n", "name: Carol\n", "summary: x\n", "as_of: 2024-03-01\n", "sources:\n",
    "  - article: story\n", "- ", ": ", "\t", "'", '"', "&a ", "*a", "!!python/object ", "!x ",
    "[", "]", "{", "}", ",", "#", "---\n", "...\n", "|\n", ">-\n", "? ", "<<: ", "\\u", "\\x",
    "\ufeff", "\r\n", "\x00", "\x85", "\u2028", "NO", "012345", "12:30", "~", "\n", "  ",
    "\ud7ff", "é", "\U0001f600", "%YAML 1.1\n", "%TAG ! tag:x,2024:\n", "@", "`",
    "!!bool ", "!!timestamp ", "!!int ", "!!float ", "!!str ", "\x01", "\ufffe", "\\ud800",
    "maybe", "[[[[[[[[[[[[[[[[[[[[[[[[", "x", "0x1F", "1e999", ".inf",
])


def _mutations(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` with a few random bytes replaced, inserted or deleted."""
    def apply(edits: list[tuple[int, int, bytes]]) -> bytes:
        out = bytearray(data)
        for kind, at, byte in edits:
            at %= len(out) + 1
            if kind == 0 and at < len(out):
                out[at:at + 1] = byte
            elif kind == 1:
                out[at:at] = byte
            elif at < len(out):
                del out[at]
        return bytes(out)

    return st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10_000),
                              st.binary(min_size=1, max_size=3)), min_size=1, max_size=6).map(apply)


CARD_BYTES = st.one_of(
    st.binary(max_size=300),
    _mutations(CAROL.encode()),
    st.lists(YAML_BITS, max_size=30).map(lambda bits: "".join(bits).encode("utf-8", "replace")),
)


@FUZZ
@given(data=CARD_BYTES)
def test_any_bytes_in_a_card_build_or_are_reported(scratch: Path, data: bytes) -> None:
    (scratch / "content/cards/carol.yaml").write_bytes(data)
    pages, lines = build_in_memory(scratch)
    if not pages:
        check_reported(lines, "content/cards/carol.yaml")


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), _mutations(
    b"title: Base\ndescription: D\nbase_url: https://example.org/\nlink_mentions: every\n")))
def test_any_bytes_in_site_yaml_build_or_are_reported(scratch: Path, data: bytes) -> None:
    original = (scratch / "site.yaml").read_bytes()
    (scratch / "site.yaml").write_bytes(data)
    try:
        pages, lines = build_in_memory(scratch)
    finally:
        (scratch / "site.yaml").write_bytes(original)
    if not pages:
        check_reported(lines, "site.yaml")


MARKDOWN_BITS = st.sampled_from([
    "Alice Example", "Bob Example", "Alice", " ", "\n", "\n\n", "*", "_", "`", "[", "]", "(",
    ")", "<", ">", "&", "#", "> ", "- ", "1. ", "    ", "```", "<!--", "-->", "<a href=x>",
    "</a>", "<script>", "[x](card:alice)", "[x](card:nobody)", "[x](javascript:y)", "\\",
    "(BBC)", "“", "”", '"', "|", "---", "![i](https://x.org/i.png)", "&#0;", "\x0b", "\u200b",
])


@FUZZ
@given(text=st.one_of(st.text(max_size=200), st.lists(MARKDOWN_BITS, max_size=40).map("".join)),
       suffix=st.sampled_from(["md", "txt"]))
def test_any_text_in_a_seed_builds_or_is_reported(scratch: Path, text: str, suffix: str) -> None:
    (scratch / "content/cards/carol.yaml").write_text(CAROL)
    (scratch / f"seeds/story.{suffix}").write_bytes(text.encode("utf-8", "surrogatepass"))
    story = scratch / "content/articles/story.yaml"
    story.write_text(re.sub(r"seed: .*", f"seed: story.{suffix}", story.read_text()))
    pages, lines = build_in_memory(scratch)
    if not pages:
        check_reported(lines, "seeds/story")


# -- the linker -------------------------------------------------------------------------------


class _Reader(HTMLParser):
    """The text a reader sees, and whether any link sits inside another."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.nested = False
        self.links = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.nested |= self.depth > 0
            self.depth += 1
            self.links += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def seen(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


def _read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


@st.composite
def text_and_aliases(draw: st.DrawFn) -> tuple[str, list[str]]:
    aliases = draw(st.lists(st.one_of(st.text(min_size=1, max_size=12),
                                      st.sampled_from(["Sir Keir", "US", "O’Brien", "a", "é",
                                                       "New York", "ß", "İ"])),
                            max_size=8))
    pieces = st.one_of(st.text(max_size=12), MARKDOWN_BITS,
                       *([st.sampled_from(aliases)] if aliases else []))
    return "".join(draw(st.lists(pieces, max_size=30))), aliases


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(case=text_and_aliases(), policy=st.sampled_from(["every", "first-in-paragraph"]))
def test_linking_any_text_keeps_it_and_never_nests(case: tuple[str, list[str]],
                                                   policy: str) -> None:
    text, aliases = case
    matcher, _ = build_matcher((alias, f"card{i}") for i, alias in enumerate(aliases))
    md = make_parser()
    tokens, _ = parse(md, text, Location("f.md", 1, 1), allow_html=False)
    before = _read(render(md, tokens))
    found_links = 0
    for token in tokens:
        if token.type == "inline" and token.children:
            seen: set[str] = set()

            def should_link(card: str, seen: set[str] = seen) -> bool:
                if policy == "every":
                    return True
                first = card not in seen
                seen.add(card)
                return first

            token.children, found = link_inline(token.children, matcher,
                                                lambda c: f"cards/{c}.html", should_link)
            linked = [f.card for f in found if f.linked]
            found_links += len(linked)
            if policy != "every":
                assert len(linked) == len(set(linked))  # at most one link a card a paragraph
    after = _read(render(md, tokens))
    assert not after.nested and after.depth == 0
    assert after.seen() == before.seen()
    assert after.links == before.links + found_links
