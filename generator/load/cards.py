"""Card files (content/cards/**/*.yaml) -> Card values, with schema checks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from generator.errors import Diagnostic, Location, did_you_mean, error, warning
from generator.load.notes import notes
from generator.load.pictures import picture
from generator.load.schema import Checked, check, slug_problem
from generator.load.specs import CARD, CARD_TYPES, REQUIRED_FOR_TYPE, TYPE_ONLY
from generator.load.yamlio import YMap, YNode, YScalar, load_yaml
from generator.model import Card, Picture, Role, Source
from generator.project import Project, list_files, read_source

CardLoader = Callable[[Project, Path], tuple[Card | None, list[Diagnostic]]]


def card_files(project: Project) -> tuple[list[Path], list[Diagnostic]]:
    """The card files of the project, sorted."""
    files, diags = list_files(project, project.cards_dir, (".yaml", ".yml"), "card")
    content = project.cards_dir.parent
    if content.is_dir() and not content.is_symlink():  # a link is refused when listed
        folders = ("cards", "articles")
        diags += [warning("file-ignored", "not read: content/ holds only cards/ and articles/",
                          project.loc(path), did_you_mean(path.name, folders)
                          or "move it into content/cards/ or content/articles/")
                  for path in sorted(content.iterdir())
                  if path.name not in folders and not path.name.startswith((".", "#"))
                  and not path.name.endswith("~")]
    return files, diags


def load_cards(
    project: Project,
    files: tuple[Sequence[Path], list[Diagnostic]] | None = None,
    load: CardLoader | None = None,
) -> tuple[tuple[Card, ...], list[Diagnostic]]:
    """Every card in the project, sorted by id, and the problems found in them.

    ``files`` (from ``card_files``) and ``load`` let a live rebuild reuse what
    it already listed and loaded.
    """
    paths, found = files or card_files(project)
    diags = list(found)
    load = load or load_card
    cards: list[Card] = []
    first: dict[str, Card] = {}
    for path in paths:
        card, problems = load(project, path)
        diags.extend(problems)
        if card is None:
            continue
        if card.id in first:
            diags.append(error("card-duplicate-id", f"card id '{card.id}' is already used by "
                               f"{first[card.id].location}", card.location,
                               "give one of the cards another id"))
            continue
        first[card.id] = card
        cards.append(card)
    return tuple(sorted(cards, key=lambda c: c.id)), diags


def load_card(project: Project, path: Path,
              drafts: bool = False) -> tuple[Card | None, list[Diagnostic]]:
    """One card file -> a Card, or the problems that stop it from being one.

    A draft gives no card, only a ``card-draft`` warning; with ``drafts`` (the live
    preview) it gives as much of a card as it has, marked as a draft."""
    data, diags = read_source(project, path)
    if data is None:
        return None, diags
    shown = project.show(path)
    node, diags = load_yaml(data, shown)
    if node is None:
        return None, diags
    checked, problems = check(node, CARD, shown, partial=True)
    if is_draft(node) and not diags:
        notice = draft_notice(node, path, problems)
        return (_draft(checked, path) if drafts and checked else None), [notice]
    diags += problems
    if checked is None or diags:
        return None, diags
    card_id = checked.get("id") or path.stem
    if "id" not in checked.locs and (problem := slug_problem(card_id)):
        diags.append(error("card-id", f"file name '{path.name}' is not a valid card id: "
                           f"{problem}", Location(shown, 1, 1),
                           "rename the file or add an 'id:' line"))
    card_type = checked["type"]
    for name, types in TYPE_ONLY.items():
        if name in checked.locs and checked.get(name) and card_type not in types:
            diags.append(error("card-field-type", f"'{name}' is for {' and '.join(types)} "
                               f"cards, not {card_type} cards", checked.where(name)))
    for name in REQUIRED_FOR_TYPE.get(card_type, ()):
        if checked.get(name) is None:
            diags.append(error("schema-missing-key", f"missing required key '{name}' for a "
                               f"{card_type} card", checked.loc, f"add  {name}: YYYY-MM-DD"))
    sources = tuple(_source(s) for s in checked["sources"])
    roles = tuple(_role(r, diags) for r in checked["roles"])
    image = picture(project, checked.get("image"), diags)
    date, end_date = checked.get("date"), checked.get("end_date")
    if date and end_date and end_date.last < date.first:
        diags.append(error("card-dates", "end_date is before date", checked.where("end_date")))
    if diags:
        return None, diags
    return _card(checked, card_id, sources, roles, image), []


def _draft(checked: Checked, path: Path) -> Card | None:
    """As much of a draft as can be shown: it needs a type, a name and an as_of date."""
    if checked.get("type") not in CARD_TYPES or not checked.get("name") or not checked.get(
            "as_of"):
        return None
    sources = tuple(_source(s) for s in checked.get("sources") or ()
                    if s.get("article") or s.get("publisher"))
    roles = tuple(_role(r, []) for r in checked.get("roles") or ())
    # A draft's picture is left out: its file is checked when the card is finished.
    return _card(checked, checked.get("id") or path.stem, sources, roles, draft=True)


def _card(checked: Checked, card_id: str, sources: tuple[Source, ...],
          roles: tuple[Role, ...], image: Picture | None = None, draft: bool = False) -> Card:
    return Card(
        id=card_id,
        type=checked["type"],
        name=checked["name"],
        aliases=tuple(checked["aliases"]),
        kind=checked.get("kind", ""),
        summary=checked.get("summary", ""),
        body=checked.get("body", ""),
        related=tuple(checked["related"]),
        as_of=checked["as_of"],
        sources=sources,
        wikidata=checked.get("wikidata", ""),
        country=checked.get("country", ""),
        roles=roles,
        date=checked.get("date"),
        end_date=checked.get("end_date"),
        place=checked.get("place", ""),
        location=checked.loc,
        summary_location=checked.where("summary"),
        body_location=checked.where("body"),
        references=_references(checked, roles),
        alias_locations=(checked.where("name"), *checked.item_locs("aliases")),
        as_of_location=checked.where("as_of"),
        group_by=checked["group_by"],
        corrections=notes(checked, "corrections"),
        updates=notes(checked, "updates"),
        wikidata_location=checked.where("wikidata") if "wikidata" in checked.locs else None,
        image=image,
        draft=draft,
    )


def is_draft(node: YNode) -> bool:
    """Whether a card's mapping says ``draft: true``."""
    return isinstance(node, YMap) and any(
        name == "draft" and isinstance(value, YScalar) and value.value is True
        for name, _, value in node.items)


def draft_notice(node: YNode, path: Path, problems: list[Diagnostic]) -> Diagnostic:
    """The warning that a card is a draft, with what is left to do before it is published."""
    items = {name: (key, value) for name, key, value in node.items} if isinstance(
        node, YMap) else {}
    given = items["id"][1] if "id" in items else None
    where = items["draft"][0].loc if "draft" in items else node.loc
    card_id = given.value if isinstance(given, YScalar) and isinstance(given.value, str) else (
        path.stem)
    todo = "; ".join(dict.fromkeys(d.message for d in problems if d.severity == "error"))
    return warning("card-draft", f"card '{card_id}' is a draft: it is not published"
                   + (f" (to finish: {todo})" if todo else ""), where,
                   "finish it, then delete the line 'draft: true'")


def _references(checked: Checked, roles: tuple[Role, ...]) -> tuple[tuple[str, str, Location], ...]:
    refs = [("related", card_id, loc)
            for card_id, loc in zip(checked["related"], checked.item_locs("related"), strict=True)]
    refs += [(name, checked[name], checked.where(name)) for name in ("country", "place")
             if checked.get(name)]
    refs += [("org", r.org, r.location) for r in roles if r.org]
    return tuple(refs)


def _source(checked: Checked) -> Source:
    """A source; its shape (article or publication) was checked by the schema."""
    article = checked.get("article", "")
    return Source(
        publisher=checked.get("publisher", ""),
        title=checked.get("title", ""),
        date=checked.get("date"),
        url=checked.get("url", ""),
        article=article,
        paragraph=checked.get("paragraph", 0),
        location=checked.loc,
    )


def _role(checked: Checked, diags: list[Diagnostic]) -> Role:
    start, end, seen = checked.get("from"), checked.get("to"), checked.get("seen")
    if end is not None and start is not None and end.last < start.first:
        diags.append(error("card-dates", "a role's 'to' date is before its 'from' date",
                           checked.where("to")))
    if end is not None and seen is not None and end.last < seen:
        diags.append(error("card-dates", "a role's 'to' date is before the day it was "
                           "'seen'", checked.where("to")))
    return Role(title=checked["title"], org=checked.get("org", ""), start=start, end=end,
                note=checked.get("note", ""), aliases=tuple(checked["aliases"]),
                location=checked.loc, seen=seen, wikidata=checked.get("wikidata", ""))
