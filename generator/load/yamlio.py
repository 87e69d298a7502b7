"""Safe YAML loading that keeps line numbers and refuses what YAML does silently.

PyYAML keeps the last of two duplicate keys, expands aliases and builds
arbitrary objects from tags; this module reads a file into a small tree of
located nodes instead, reporting duplicates, aliases, unknown tags and bad
bytes as diagnostics with ``path:line:col``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode

from generator.errors import Diagnostic, Location, error, shown
from generator.load.yamlfast import compose

TAG = "tag:yaml.org,2002:"
INVALID = object()  # the value of a scalar that could not be read (already reported)
SURROGATE_RE = re.compile("[\ud800-\udfff]")
# What no text field or seed may hold: C0 and C1 controls but tab and line ends (they make
# feed.xml invalid XML and drive terminals), and the Unicode noncharacters.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufdd0-\ufdef" + "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)) + "]")
# The same for text without characters past U+FFFF: a class of the Basic Multilingual Plane
# alone is looked up in a table, while one with astral characters is checked range by range
# (a 4 KB seed: 10 to 17 microseconds instead of 130, on every file a build reads).
BMP_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufdd0-\ufdef"
                            "\ufffe\uffff]")
ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
CONTROL_HINT = "delete it; it is invisible in most editors"
STR_TAG = TAG + "str"
SCALAR_TAGS = frozenset(TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))


@dataclass(frozen=True, slots=True)
class YScalar:
    """A scalar with its constructed value, its source text and where it starts."""

    value: object
    raw: str
    plain: bool
    loc: Location
    content_loc: Location


@dataclass(frozen=True, slots=True)
class YMap:
    """A mapping whose keys are unique strings, in source order."""

    items: tuple[tuple[str, YScalar, YNode], ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class YSeq:
    """A sequence of nodes."""

    items: tuple[YNode, ...]
    loc: Location


YNode = YScalar | YMap | YSeq

ALIAS_PROBLEM = "YAML aliases (*name) are not allowed"
MAX_DEPTH = 20  # cards nest four levels deep; far less than Python's recursion limit
DEPTH_PROBLEM = f"lists and mappings are nested more than {MAX_DEPTH} levels deep"


class _Loader(yaml.SafeLoader):
    """A safe loader that refuses aliases ("billion laughs") and deep nesting as it meets them."""

    depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, ALIAS_PROBLEM, mark)
        if self.depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, DEPTH_PROBLEM, mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


SYNTAX_HINTS = (
    ("found character '\\t'", "YAML indents with spaces; replace the tab with spaces"),
    ("mapping values are not allowed", 'a value that contains ": " must be quoted, '
     'for example  title: "Brexit: the deal"'),
    ("found unexpected end of stream", "a quoted value is not closed; add the closing quote"),
    ("found unknown escape character", 'inside "double quotes" a backslash starts an escape; '
     "use single quotes or write \\\\"),
    ("expected <block end>", "check the indentation of this line against the lines above"),
)


def _loc(path: str, node: Node) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 (a BOM allowed), reporting invalid bytes and NULs by line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [error("encoding", "file is UTF-16, not UTF-8", Location(path, 1, 1),
                            "save the file as UTF-8")]
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, [error("encoding", "file contains a NUL byte", _byte_loc(data, nul, path),
                            "the file is binary or corrupted; save it as UTF-8 text")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [error("encoding", f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
                            _byte_loc(data, exc.start, path), "save the file as UTF-8")]
    if bad := find_control(text):
        return None, [control_character(bad.group(), _char_loc(text, bad.start(), path))]
    return text, []


def find_control(text: str) -> re.Match[str] | None:
    """The first character of ``text`` that ``CONTROL_RE`` finds, found the faster way."""
    if text.isascii() or not ASTRAL_RE.search(text):
        return BMP_CONTROL_RE.search(text)
    return CONTROL_RE.search(text)


def control_character(char: str, where: Location, escaped: bool = False) -> Diagnostic:
    """The error for a control character or a noncharacter at ``where``."""
    return error("encoding", f"control character U+{ord(char):04X} is not allowed", where,
                 "remove the escape; text fields hold printable text only" if escaped
                 else CONTROL_HINT)


def _byte_loc(data: bytes, offset: int, path: str) -> Location:
    line_start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return Location(path, data.count(b"\n", 0, offset) + 1, col)


def _char_loc(text: str, index: int, path: str) -> Location:
    line_start = text.rfind("\n", 0, index) + 1
    return Location(path, text.count("\n", 0, index) + 1, index - line_start + 1)


def load_yaml(data: bytes, path: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Parse one YAML document into located nodes, or return diagnostics."""
    text, diags = decode(data, path)
    if text is None:
        return None, diags
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [error("yaml-empty", "file is empty", Location(path, 1, 1),
                            "write a YAML mapping, or delete the file")]
    fast = compose(text, MAX_DEPTH)
    if fast is not None:
        converter = _Converter(path, fast[1])
        tree = converter.convert(fast[0])
        if not converter.diagnostics:
            return tree, []
        # Problems are reported from the pure-Python loader's nodes, as they always were.
    while True:
        try:
            loader = _Loader(text)
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. U+0001
            where = _char_loc(text, exc.position, path)
            return None, [control_character(chr(exc.character), where)]
        try:
            nodes: list[Node] = []
            while loader.check_node():
                node = loader.get_node()
                assert node is not None
                nodes.append(node)
                if len(nodes) > 1:
                    return None, [error("yaml-documents", "file holds more than one YAML "
                                        "document", _loc(path, nodes[1]), "keep one card or "
                                        "article a file; remove the '---' separator")]
        except yaml.MarkedYAMLError as exc:
            spot = _separating_tab(exc)
            if spot is None:
                return None, [_syntax_error(exc, path)]
            # YAML allows a tab between words and around a value (not as indentation);
            # PyYAML only in quotes: read it as a space, which keeps every column.
            text = text[:spot] + " " + text[spot + 1:]
            continue
        except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks all its errors
            return None, [error("yaml-syntax", str(exc), Location(path))]
        finally:
            loader.dispose()
        break
    if not nodes:
        return None, [error("yaml-empty", "file is empty", Location(path, 1, 1))]
    converter = _Converter(path, loader)
    # Bad values are reported but the tree is kept, so that the schema check can
    # report the file's other problems in the same run.
    return converter.convert(nodes[0]), converter.diagnostics


def _syntax_error(exc: yaml.MarkedYAMLError, path: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
    if exc.problem == ALIAS_PROBLEM:
        return error("yaml-alias", ALIAS_PROBLEM, loc, "write the value out in full")
    if exc.problem == DEPTH_PROBLEM:
        return error("yaml-depth", DEPTH_PROBLEM, loc, "a card needs at most four levels")
    problem = exc.problem or "invalid YAML"
    message = f"YAML syntax: {problem}"
    if exc.context:
        message += f" ({exc.context})"
    hint = next((h for key, h in SYNTAX_HINTS if key in message), "")
    return error("yaml-syntax", message, loc, hint)


def _separating_tab(exc: yaml.MarkedYAMLError) -> int | None:
    """Where the tab PyYAML stopped at is, if it is not indentation (so YAML allows it)."""
    mark = exc.problem_mark
    text = mark.buffer if mark else None
    if mark is None or not text or "'\\t'" not in (exc.problem or ""):
        return None
    if text[mark.pointer:mark.pointer + 1] != "\t":
        return None
    before = text[text.rfind("\n", 0, mark.pointer) + 1:mark.pointer]
    return mark.pointer if before.strip(" \t-") else None


class _Converter:
    """Turns composed PyYAML nodes into Y* nodes, collecting problems."""

    def __init__(self, path: str, loader: SafeConstructor) -> None:
        self.path = path
        self.loader = loader
        self.diagnostics: list[Diagnostic] = []

    def convert(self, node: Node) -> YNode:
        loc = _loc(self.path, node)
        if isinstance(node, ScalarNode):
            return self._scalar(node, loc)
        if node.tag != TAG + ("map" if isinstance(node, MappingNode) else "seq"):
            # Reported once here; the schema check passes over INVALID values.
            self._bad_tag(node, loc)
            return YScalar(INVALID, "", False, loc, loc)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        return YSeq(tuple(self.convert(n) for n in node.value), loc)

    def _bad_tag(self, node: Node, loc: Location) -> None:
        if node.tag == TAG + "merge":
            self.diagnostics.append(error("yaml-tag", "YAML merge keys (<<) are not allowed",
                                          loc, "write the keys out in full"))
            return
        tag = "!!" + node.tag.removeprefix(TAG) if node.tag.startswith(TAG) else node.tag
        self.diagnostics.append(error(
            "yaml-tag", f"YAML tag {shown(tag)} is not allowed", loc,
            "remove the '!' tag; cards hold plain text, numbers, dates, lists and mappings"))

    def _mapping(self, node: MappingNode, loc: Location) -> YMap:
        items: list[tuple[str, YScalar, YNode]] = []
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node)
            value = self.convert(value_node)
            if not isinstance(key, YScalar):
                self.diagnostics.append(error("yaml-key", "mapping keys must be plain words",
                                              key.loc))
                continue
            if key.value is INVALID:
                continue  # a tagged key such as << or !!python/str, already reported
            name = key.raw
            if name in first_line:
                self.diagnostics.append(error(
                    "yaml-duplicate-key",
                    f"duplicate key '{name}' (first defined on line {first_line[name]})",
                    key.loc, "YAML would keep only the last value; remove one of them"))
                continue
            first_line[name] = key.loc.line
            items.append((name, key, value))
        return YMap(tuple(items), loc)

    def _scalar(self, node: ScalarNode, loc: Location) -> YScalar:
        plain = node.style is None or node.style == ""
        content_loc = loc
        if node.style in ("|", ">"):
            content_loc = Location(self.path, loc.line + 1, 0)
        if node.tag not in SCALAR_TAGS:
            self._bad_tag(node, loc)
            return YScalar(INVALID, node.value, plain, loc, content_loc)
        try:
            # A string is its node's value (what SafeConstructor returns, without its bookkeeping).
            value: object = node.value if node.tag == STR_TAG else self.loader.construct_object(
                node, deep=True)
        except Exception as exc:  # PyYAML raises KeyError, AttributeError...
            # The tag is one of the plain scalar tags, so any failure is a bad value
            # such as "!!bool maybe" or "!!timestamp x", never a bug of ours.
            reason = str(exc) if isinstance(exc, ValueError) else "not a valid " + (
                node.tag.removeprefix(TAG))
            self.diagnostics.append(error("yaml-value", f"invalid value {shown(node.value)}: "
                                          f"{reason[:200]}", loc))
            return YScalar(INVALID, node.value, plain, loc, content_loc)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str) and (bad := SURROGATE_RE.search(value)):
            # "\ud800" in double quotes makes a string that cannot be written as UTF-8.
            self.diagnostics.append(error("encoding", f"invalid character U+{ord(bad.group()):04X}"
                                          " (a lone surrogate)", loc,
                                          "write the character itself, not its \\u escape"))
            return YScalar(INVALID, node.value, plain, loc, content_loc)
        if isinstance(value, str) and (bad := find_control(value)):
            # "\e", "\x01", "\0" in double quotes: a character the file itself may not hold
            self.diagnostics.append(control_character(bad.group(), loc, escaped=True))
            return YScalar(INVALID, node.value, plain, loc, content_loc)
        return YScalar(value, node.value, plain, loc, content_loc)
