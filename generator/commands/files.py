"""What the authoring commands need to know about a project's files before adding one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildFailed, Location, error
from generator.load.specs import CARD_TYPES
from generator.load.yamlio import YMap, YScalar, YSeq, load_yaml
from generator.markup.linking import Matcher, build_matcher
from generator.project import Project, list_files

# Where a new card of each type goes when the project has none of that type yet.
DEFAULT_FOLDERS = {"person": "people", "organisation": "organisations", "place": "places",
                   "concept": "concepts", "event": "events"}
assert set(DEFAULT_FOLDERS) == set(CARD_TYPES)


@dataclass(frozen=True, slots=True)
class CardNames:
    """A card file's id, type and every name that links to it, read leniently."""

    id: str
    type: str
    names: tuple[str, ...]
    path: Path


def open_project(root: Path) -> Project:
    """The project at ``root``; raises BuildFailed if there is no site.yaml."""
    project = Project(root.resolve())
    if not project.site_file.is_file():
        raise BuildFailed((error("config-missing", "no site.yaml: this is not an explainer "
                                 "project", project.loc(project.site_file),
                                 "run 'explainer init DIR' to start one, or pass -C DIR"),))
    return project


def card_names(project: Project) -> list[CardNames]:
    """Id, type and names of every card file, even of cards that do not validate yet."""
    paths, _ = list_files(project, project.cards_dir, (".yaml", ".yml"))
    found = []
    for path in paths:
        try:
            node, _ = load_yaml(path.read_bytes(), project.show(path))
        except OSError:
            continue
        if not isinstance(node, YMap):
            continue
        values = {key: value for key, _, value in node.items}
        text = {k: v.value for k, v in values.items()
                if isinstance(v, YScalar) and isinstance(v.value, str)}
        aliases = values.get("aliases")
        names = [text.get("name", "")] + ([a.value for a in aliases.items
                                           if isinstance(a, YScalar) and isinstance(a.value, str)]
                                          if isinstance(aliases, YSeq) else [])
        found.append(CardNames(text.get("id") or path.stem, text.get("type", ""),
                               tuple(n for n in names if n), path))
    return found


def names_matcher(cards: list[CardNames]) -> Matcher:
    """The alias matcher over every existing card's names."""
    matcher, _ = build_matcher((name, card.id) for card in cards for name in card.names)
    return matcher


def card_folder(project: Project, card_type: str, cards: list[CardNames]) -> Path:
    """Where the project keeps cards of ``card_type``: its most used folder, else a default."""
    folders = Counter(c.path.parent for c in cards if c.type == card_type)
    if folders:
        return max(folders, key=lambda f: (folders[f], -len(f.parts), str(f)))
    return project.cards_dir / DEFAULT_FOLDERS[card_type]


def refuse_existing(project: Project, paths: list[Path], what: str) -> None:
    """Raise BuildFailed naming every one of ``paths`` that already exists."""
    taken = [p for p in paths if p.exists() or p.is_symlink()]
    if taken:
        raise BuildFailed(tuple(
            error("exists", f"{project.show(p)} already exists; {what} never overwrites a file",
                  Location(project.show(p)), "move it away or choose another name")
            for p in taken))


def write_new(path: Path, text: str) -> None:
    """Create ``path`` (and its folders) with ``text``; never replaces an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
