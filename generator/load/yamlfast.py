"""The fast path of YAML loading: libyaml composes the nodes, when it is installed.

PyYAML's own parser is pure Python and was most of the time spent loading a
large project. libyaml (PyYAML's C binding) composes the same nodes, with the
same tags, values and marks; yamlio then builds values from them exactly as
it does from its own loader's nodes. Anything this path is not sure to read
the same way (an alias, deep nesting, a tab, an empty value, a character the
pure-Python reader refuses, more than one document, any libyaml error) gives
None, and the caller reads the file again with the pure-Python loader, which
reports the problem with its usual diagnostic. tests/unit/test_yaml_fast.py
compares the two paths on generated documents.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

CLoader: Any = getattr(yaml, "CSafeLoader", None)  # None where PyYAML was built without libyaml


def compose(text: str, max_depth: int) -> tuple[Node, Any] | None:
    """The one document of ``text`` and a loader to construct its scalars; None to fall back."""
    # PyYAML refuses some tabs that libyaml allows ("key:<tab>value"): files with tabs
    # are read by the slow path, which says what is wrong.
    if CLoader is None or "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = CLoader(text)
    try:
        node = loader.get_node() if loader.check_node() else None
        if node is None or loader.check_node() or not _plain_tree(node, max_depth):
            return None
    except Exception:  # libyaml's error, or its binding's: the slow path reports it
        return None
    finally:
        loader.dispose()
    return node, loader


def _plain_tree(root: Node, max_depth: int) -> bool:
    """Whether every node is met once (no alias), nested less than ``max_depth`` deep,
    and no value is left out (libyaml places an empty value elsewhere than PyYAML)."""
    seen: set[int] = set()
    todo: list[tuple[Node, int]] = [(root, 0)]
    while todo:
        node, depth = todo.pop()
        if depth >= max_depth or id(node) in seen:
            return False
        seen.add(id(node))
        if isinstance(node, MappingNode):
            todo += [(n, depth + 1) for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            todo += [(n, depth + 1) for n in node.value]
        elif isinstance(node, ScalarNode) and not node.value and not node.style:
            return False
    return True
