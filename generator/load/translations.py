"""The interface's message catalogues: the theme's, then the project's, compiled on load.

The theme ships gettext catalogues (``theme/locales/<lang>/LC_MESSAGES/messages.po``,
with ``messages.pot`` listing every message). A project may add a language, or
override any message, in ``translations/<language>.po``. The catalogues are
read with Babel and compiled in memory (no ``.mo`` file is written or shipped):
the theme's first, then the project's, a later one's translations winning.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from generator.errors import Diagnostic, Location, error, has_errors, warning
from generator.markup.words import Words, babel_locale
from generator.project import Project, read_source

LOCALES = Path(__file__).parent.parent / "theme" / "locales"
TEMPLATE = LOCALES / "messages.pot"
DOMAIN = "messages"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def tags(language: str) -> list[str]:
    """The catalogue names a language uses, least specific first: 'pt-BR' -> pt, pt_BR."""
    parts = language.replace("-", "_").split("_")
    out = [parts[0].lower()]
    if len(parts) > 1:
        out.append(parts[0].lower() + "_" + "_".join(parts[1:]))
    return out


def catalogue_files(project: Project, language: str) -> list[Path]:
    """The catalogues of ``language`` that exist: the theme's, then the project's."""
    theme = [LOCALES / tag / "LC_MESSAGES" / f"{DOMAIN}.po" for tag in tags(language)]
    mine = [project.translations_dir / f"{name}.po" for tag in tags(language)
            for name in dict.fromkeys((tag, tag.replace("_", "-")))]
    return [path for path in (*theme, *mine) if path.is_file()]


def _show(project: Project, path: Path) -> str:
    if path.is_relative_to(LOCALES):
        return f"<theme>/locales/{path.relative_to(LOCALES).as_posix()}"
    return project.show(path)


def _read(project: Project, path: Path, language: str,
          ) -> tuple[Catalog | None, bytes, list[Diagnostic]]:
    if path.is_relative_to(LOCALES):
        data, diags = path.read_bytes(), list[Diagnostic]()
    else:
        found, diags = read_source(project, path, text=False)
        if found is None:
            return None, b"", diags
        data = found if isinstance(found, bytes) else found.encode()
    where = _show(project, path)
    try:
        catalog = read_po(io.BytesIO(data), locale=babel_locale(language), domain=DOMAIN,
                          abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", -1) + 1  # Babel counts lines from 0
        return None, data, [*diags, error(
            "translation", f"cannot read the catalogue: {exc}", Location(where, line),
            "a gettext .po file: msgid \"...\" then msgstr \"...\" (see docs/languages.md)")]
    for message in catalog:
        diags += _placeholder_problems(message, where)
    return catalog, data, diags


def _placeholder_problems(message: Message, where: str) -> list[Diagnostic]:
    """A translation must fill in the same %(name)s as its message, or the page fails."""
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = (message.string if isinstance(message.string, tuple | list)
               else (message.string,))
    wanted = {n for i in ids for n in PLACEHOLDER.findall(i)}
    out = []
    for string in strings:
        extra = set(PLACEHOLDER.findall(string or "")) - wanted
        if string and extra:
            out.append(error("translation", f"the translation of {ids[0]!r} uses "
                             f"%({sorted(extra)[0]})s, which the message does not give",
                             Location(where, message.lineno or 0),
                             "use only " + (", ".join(f"%({n})s" for n in sorted(wanted))
                                            or "no placeholders")))
    return out


def load_words(project: Project, language: str) -> tuple[Words, list[Diagnostic]]:
    """The interface's words in ``language``: the catalogues merged and compiled."""
    merged: Catalog | None = None
    digest = hashlib.blake2b(language.encode(), digest_size=16)
    diags: list[Diagnostic] = []
    for path in catalogue_files(project, language):
        catalog, data, problems = _read(project, path, language)
        diags += problems
        digest.update(data)
        if catalog is None:
            continue
        if merged is None:
            merged = catalog
            continue
        for message in catalog:
            if message.id and _translated(message):
                merged.delete(message.id, message.context)  # setting would keep the old
                merged[message.id] = message
    if merged is None or has_errors(diags):
        return Words(language, Translations(), digest.hexdigest()), diags
    compiled = io.BytesIO()
    write_mo(compiled, merged)
    compiled.seek(0)
    return Words(language, Translations(compiled, domain=DOMAIN), digest.hexdigest()), diags


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return not message.fuzzy and all(strings)


def theme_messages() -> list[Message]:
    """Every message the theme shows a reader (``messages.pot``)."""
    with TEMPLATE.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def missing_messages(project: Project, language: str,
                     known: Iterable[Message] | None = None) -> list[Diagnostic]:
    """A warning for each theme message with no translation in ``language``."""
    if tags(language)[0] == "en":
        return []
    files = catalogue_files(project, language)
    done: set[str] = set()
    for path in files:
        catalog, _, _ = _read(project, path, language)
        done |= {_key(m) for m in catalog or () if _translated(m)}
    where = Location(project.show(files[-1]) if files and not files[-1].is_relative_to(LOCALES)
                     else project.show(project.translations_dir / f"{language}.po"))
    hint = ("add it to translations/" + language + ".po (see docs/languages.md); "
            "readers see the English until then")
    if not files:
        return [warning("translation-missing", f"no catalogue for language '{language}': "
                        "the theme's words are shown in English", where, hint)]
    return [warning("translation-missing", f"no {language} translation of {_key(m)!r}",
                    where, hint)
            for m in (theme_messages() if known is None else known) if _key(m) not in done]


def _key(message: Message) -> str:
    return message.id[0] if isinstance(message.id, tuple | list) else message.id
