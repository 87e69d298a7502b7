"""Writing new YAML files for people to fill in: every field, documented from the specs.

The comments come from the same Records that validate the files, so a new
card, article or site.yaml lists exactly the keys the build knows, each with
its documentation, and the ones left to fill in commented out.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any

import yaml

from generator.authoring.jsonschema import SCHEMAS
from generator.load.schema import Field, Record

WIDTH = 96
SCHEMA_FOLDER = "schemas"


def modeline(record: Record, path: str) -> str:
    """The yaml-language-server line that points an editor at the record's schema."""
    name = next(n for n, (r, _) in SCHEMAS.items() if r is record)
    depth = len(PurePosixPath(path).parts) - 1
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{name}"


def scalar(value: Any) -> str:
    """A value as YAML flow text, quoted only where YAML needs it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        value = list(value)
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000,
                          sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _describe(spec: Field) -> str:
    doc = spec.doc
    if spec.kind == "choice":
        doc += " (one of: " + ", ".join(spec.choices) + ")"
    elif spec.kind == "date":
        doc += " (YYYY-MM-DD)"
    elif spec.kind == "partial date":
        doc += " (YYYY-MM-DD, or YYYY-MM or YYYY)"
    return ("required: " if spec.required else "") + doc


def _comment(text: str, pad: str) -> list[str]:
    return [f"{pad}# {line}" for line in textwrap.wrap(text, WIDTH - len(pad) - 2)]


def _value_lines(spec: Field, value: Any, pad: str) -> list[str]:
    if spec.kind == "list" and spec.item is not None and spec.item.record is not None:
        lines = [f"{pad}{spec.name}:"]
        for item in value:
            lines += _item_lines(spec.item.record, item, pad + "  ")
        return lines
    if spec.kind == "record" and spec.record is not None and isinstance(value, Mapping):
        # Each key on its own line with its documentation; what is not given, commented out.
        lines = [f"{pad}{spec.name}:"]
        for sub in spec.record.fields:
            given = value.get(sub.name)
            line = (f"{pad}  # {sub.name}:" if given is None else f"{pad}  {sub.name}:"
                    + (f" {scalar(given)}" if given != "" else ""))
            lines.append(line.ljust(24) + f"  # {_describe(sub)}")
        return lines
    if spec.kind == "text" and isinstance(value, str) and "\n" in value.strip():
        body = textwrap.indent(value.strip("\n") + "\n", pad + "  ")
        return [f"{pad}{spec.name}: |", *body.rstrip("\n").splitlines()]
    return [f"{pad}{spec.name}: {scalar(value)}"]


def _item_lines(record: Record, item: Mapping[str, Any], pad: str) -> list[str]:
    lines: list[str] = []
    for spec in record.fields:
        if spec.name not in item:
            continue
        block = _value_lines(spec, item[spec.name], pad + "  ")
        if not lines:  # the first key of an item carries the list dash
            block[0] = pad + "- " + block[0][len(pad) + 2:]
        lines += block
    return lines


def _example(spec: Field, pad: str) -> list[str]:
    """A commented-out example of a list of records: each key with its documentation."""
    assert spec.item is not None and spec.item.record is not None
    lines = [f"{pad}# {spec.name}:"]
    for index, sub in enumerate(spec.item.record.fields):
        lead = "- " if index == 0 else "  "
        lines.append(f"{pad}#   {lead}{sub.name}:".ljust(24) + f"  # {_describe(sub)}")
    return lines


def render_record(record: Record, values: Mapping[str, Any], skip: Iterable[str] = (),
                  header: Iterable[str] = ()) -> str:
    """A YAML file for ``record``: ``values`` written out, every other field commented."""
    lines = list(header)
    skipped = set(skip)
    for spec in record.fields:
        if spec.name in skipped:
            continue
        lines.append("")
        lines += _comment(_describe(spec), "")
        if spec.name in values:
            lines += _value_lines(spec, values[spec.name], "")
        elif spec.kind == "list" and spec.item is not None and spec.item.record is not None:
            lines += _example(spec, "")
        elif spec.default is not None:
            lines.append(f"# {spec.name}: {scalar(spec.default)}")
        else:
            lines.append(f"# {spec.name}:")
    return "\n".join(lines).lstrip("\n") + "\n"
