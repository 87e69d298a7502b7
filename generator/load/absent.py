"""References to what is not there, reported as what they are.

Cards and articles whose files gave no value (drafts, and files with errors) keep their
ids known, so that a reference to one of them is not also reported as an unknown id: the
file's own problem is the one to fix (and a draft is named as such). An unknown card id
that is a card's name or alias is hinted with the card's id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from generator.errors import Diagnostic, Severity, error, unknown_ref
from generator.load.schema import slug_of
from generator.model import Card
from generator.project import Project, read_source

ID_LINE = re.compile(rb"^id:[ \t]*['\"]?([a-z0-9][a-z0-9-]*)['\"]?[ \t]*(?:#.*)?$", re.M)
DRAFT_LINE = re.compile(rb"^draft:[ \t]*(?:true|True|TRUE)[ \t]*(?:#.*)?$", re.M)
DRAFT, BROKEN = "draft", "broken"


def absent(project: Project, paths: Sequence[Path], loaded: Iterable[str],
           diags: Iterable[Diagnostic]) -> dict[str, str]:
    """Each id whose file gave no value (``loaded``: the shown paths that did): "draft" for
    a draft, "broken" for a file with errors."""
    present = set(loaded)
    if len(present) >= len(paths):  # every file gave its value: nothing is absent
        return {}
    failed = {d.location.path for d in diags if d.severity is Severity.ERROR}
    out: dict[str, str] = {}
    for path in paths:
        shown = project.show(path)
        if shown in present:
            continue
        # Read as safely as the loaders do: a FIFO or device never, a huge file not.
        data, _ = read_source(project, path)
        found = ID_LINE.search(data) if data else None
        card_id = found.group(1).decode() if found else path.stem
        # A draft says so; a file that gave no value otherwise failed, maybe through another
        # file (an article's seed), whose own error says what to fix.
        draft = shown not in failed and data is not None and DRAFT_LINE.search(data)
        out.setdefault(card_id, DRAFT if draft else BROKEN)
    return out


def reconcile(diags: Sequence[Diagnostic], cards: Mapping[str, str],
              articles: Mapping[str, str]) -> list[Diagnostic]:
    """``diags`` with references to absent cards and articles made right: none for a file
    with errors (its own errors say what to fix), a ``draft-reference`` error for a draft."""
    out = []
    for diag in diags:
        kind, ref = unknown_ref(diag) or ("", "")
        state = {"card": cards, "article": articles}.get(kind, {}).get(ref)
        if state == BROKEN:
            continue
        if state == DRAFT:
            diag = error("draft-reference", f"{kind} '{ref}' is a draft: it is not "
                         "published, so nothing published may refer to it", diag.location,
                         f"finish the {kind} and delete its line 'draft: true', or leave "
                         "this reference out")
        out.append(diag)
    return out


def name_hints(diags: list[Diagnostic], cards: Sequence[Card]) -> list[Diagnostic]:
    """Unknown card ids that are a card's name or alias, or a word of one ('smith' for
    'Jane Smith'), hinted with that card's id: ids and names are easily mixed up."""
    out = []
    for diag in diags:
        ref = unknown_ref(diag)
        if ref and ref[0] == "card":
            owners = {c.id: name for c in cards for name in c.all_names
                      if ref[1] == slug_of(name) or ref[1] in slug_of(name).split("-")}
            if len(owners) == 1:
                (card_id, name), = owners.items()
                diag = replace(diag, hint=f"did you mean '{card_id}'? '{ref[1]}' is written "
                               f"like its name or alias '{name}'; a reference names a card "
                               "by its id")
        out.append(diag)
    return out
