"""The Jinja environment, and pages rendered to HTML strings."""

from __future__ import annotations

import math
import os
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.loaders
import jinja2.sandbox
from markupsafe import Markup, escape

from generator.errors import Diagnostic, Location, error
from generator.markup.words import Words
from generator.project import Project, folder_problem, hidden, inside, list_files, read_source
from generator.render.drawn import Drawn, Piece
from generator.render.pages import Page

THEME = Path(__file__).parent.parent / "theme"
TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".j2")


class TemplateRefused(jinja2.TemplateError):
    """A template that resolves to a file outside the template folders."""


class ConfinedLoader(jinja2.FileSystemLoader):
    """A file loader that never reads a file outside its folders, even through a link.

    Jinja refuses ``..`` in template names but follows symbolic links; a third-party
    template must not be able to include ``/etc/passwd`` through one.
    """

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if os.path.isfile(candidate):  # the file Jinja would pick
                if not inside(candidate, Path(folder)):
                    raise TemplateRefused(f"template {template!r} is a symbolic link to a file "
                                          "outside the template folders")
                if hidden(candidate, Path(folder)):
                    raise TemplateRefused(f"template {template!r} is a hidden file (dotfiles "
                                          "are never read)")
                break
        return super().get_source(environment, template)


class TemplateTooBusy(jinja2.TemplateError):
    """A template that does more work for one page than any page needs."""


# Steps for one page (loop items of range(), calls, attribute lookups): the busiest page of a
# generated 3,000-card site (its sitemap) takes about 10,000.
MAX_WORK = 2_000_000
MAX_SIZE = 10_000_000  # items a * in a template may make
MAX_BITS = 100_000  # the size of a number ** may make (30,000 digits)


class _Steps(Sequence[int]):
    """``range()`` for templates: each item taken is a step of the page's work."""

    def __init__(self, env: _Environment, numbers: range) -> None:
        self.env, self.numbers = env, numbers

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, index: Any) -> Any:
        return self.numbers[index]

    def __iter__(self) -> Iterator[int]:
        for number in self.numbers:
            self.env.step()
            yield number


class _Environment(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The sandbox, faster on our plain-dict contexts: ``page.title`` looks up the key first.

    Jinja tries the attribute and, for a dict, fails before it tries the key; for
    names that are not attributes of dict this gives the same result without the
    exception (and without reaching any attribute, so the sandbox is untouched).

    A page's work is bounded (counted in steps, so that the limit is the same on
    any machine): ``range(100000)`` in ``range(100000)`` stops with an error naming
    the template, and so do ``"x" * 10 ** 12`` and ``10 ** 1000000``.

    A macro called with the pieces many pages show is drawn once for each (``drawn.Drawn``:
    templates just call their macros; keeping what they drew is the environment's job).
    """

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.work = 0  # steps taken for the page being rendered
        self.drawn = Drawn()  # what macros drew, while this environment's templates hold
        self.globals["range"] = self._range
        self.globals["fragment"] = _fragment

    def begin_page(self) -> None:
        """A new page: the same allowance of work as every page."""
        self.work = 0
        self.drawn.page += 1

    def step(self) -> None:
        """One step of work for the current page."""
        self.work += 1
        if self.work > MAX_WORK:
            raise TemplateTooBusy(f"the template takes more than {MAX_WORK:,} steps for one "
                                  "page (loop items, calls, lookups): a loop nested too deep?")

    def _range(self, *args: int) -> _Steps:
        return _Steps(self, jinja2.sandbox.safe_range(*args))

    def call(__self, __context: Any, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        __self.step()
        if type(__obj) is jinja2.runtime.Macro:  # a macro is template code: no check needed
            kwargs.pop("_loop_vars", None)  # what Jinja passes for functions that take
            kwargs.pop("_block_vars", None)  # the context, which a macro does not
            return __self.drawn.call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        size, most = 0, MAX_SIZE
        if operator == "**" and isinstance(left, int | float) and isinstance(right, int | float):
            size = int(abs(right) * math.log2(abs(left))) if abs(left) > 1 else 0
            most = MAX_BITS
        elif operator == "*" and isinstance(right, int) and hasattr(left, "__len__"):
            size = len(left) * right
        elif operator == "*" and isinstance(left, int) and hasattr(right, "__len__"):
            size = len(right) * left
        if size > most:
            raise TemplateTooBusy(f"'{operator}' would make a value of more than {most:,} "
                                  + ("bits" if operator == "**" else "items"))
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.step()
        if (type(obj) is dict or type(obj) is Piece) and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


DICT_ATTRIBUTES = frozenset(dir(dict))


@jinja2.pass_context
def _fragment(context: jinja2.runtime.Context, macro: Any, *args: Any, **kwargs: Any) -> Any:
    """``fragment(m.card_item, card)``, as templates of earlier versions drew a piece many
    pages show: the same as ``m.card_item(card)`` now."""
    if not isinstance(macro, jinja2.runtime.Macro):
        raise TypeError(f"fragment() draws a macro, not {type(macro).__name__}")
    environment = context.environment
    assert isinstance(environment, _Environment)  # the only one that has this global
    return environment.call(context, macro, *args, **kwargs)


def make_environment(project: Project, words: Words,
                     ) -> tuple[jinja2.Environment, list[Diagnostic]]:
    """Project templates first, then the theme's; sandboxed, autoescaped, undefined is an error.

    The sandbox keeps a third-party template from reaching Python internals
    (``{{ x.__class__.__mro__ }}``) and so from running code or reading files. Templates
    speak the site's language through Jinja's i18n extension: ``{{ _("Search") }}``,
    ``{% trans %}``, ``ngettext``, from the catalogue ``words`` was compiled from.
    """
    _, diags = list_files(project, project.templates_dir, TEMPLATE_SUFFIXES)
    mine = project.templates_dir.is_dir() and folder_problem(project, project.templates_dir) is None
    folders = [str(project.templates_dir)] if mine else []
    env = _Environment(
        loader=ConfinedLoader([*folders, str(THEME / "templates")], followlinks=False),
        autoescape=_escapes,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        # A template is read once: a build makes its environment anew, and the preview makes
        # one anew when a template changes (it looks for changes itself, once a rebuild).
        # Jinja would otherwise stat each template's file every time a page uses it.
        auto_reload=False,
    )
    _install_words(env, words)
    return env, diags


def _install_words(env: jinja2.Environment, words: Words) -> None:
    """``_``, ``gettext`` and ``ngettext`` for templates: a translation is text, escaped like
    any value (a catalogue may come from other hands than the templates), and so are the
    values put into it; a value that is already HTML (``{% set x %}<a>...{% endset %}``) is
    put in as it is."""
    translations = words.translations

    def gettext(message: str) -> Markup:
        return escape(translations.gettext(message))

    def ngettext(singular: str, plural: str, count: int) -> Markup:
        return escape(translations.ngettext(singular, plural, count))

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]


def _escapes(name: str | None) -> bool:
    """HTML and XML outputs are escaped (an XML-safe escape); text outputs are text."""
    return not (name or "").endswith(".txt")


def template_location(project: Project, exc: Exception, name: str) -> Location:
    """Where in which template ``exc`` happened, from the error or its traceback."""
    if isinstance(exc, TemplateRefused):
        return Location(f"templates/{name}")
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return Location(_show(project, exc.filename), exc.lineno or 0)
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith(TEMPLATE_SUFFIXES)]
    if isinstance(exc, RecursionError):  # where a template includes one: the cycle's include
        for caller, callee in zip(reversed(frames[:-1]), reversed(frames[1:]), strict=True):
            if caller.name != TOP_LEVEL and callee.name == TOP_LEVEL:
                return Location(_show(project, caller.filename), caller.lineno or 0)
    if frames:
        return Location(_show(project, frames[-1].filename), frames[-1].lineno or 0)
    return Location(f"templates/{name}")


TOP_LEVEL = "top-level template code"  # how Jinja names a template's own frame


def _show(project: Project, filename: str) -> str:
    path = Path(filename)
    if path.is_relative_to(THEME):
        return f"<theme>/{path.relative_to(THEME).as_posix()}"
    return project.show(path)


def render_pages(
    project: Project, env: jinja2.Environment, pages: Iterable[Page]
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Render every page; template problems are reported once each, with file and line."""
    renderer = Renderer(project, env)
    html: dict[str, str] = {}
    for page in pages:
        text = renderer.render(page)
        if text is not None:
            html[page.path] = text
    return html, renderer.diags


class Renderer:
    """Renders pages one by one, collecting each template problem once."""

    def __init__(self, project: Project, env: jinja2.Environment) -> None:
        self.project, self.env = project, env
        self.diags: list[Diagnostic] = []
        self._seen: set[tuple[Location, str]] = set()
        self._busy: set[str] = set()  # templates that ran out of steps: not tried again

    def render(self, page: Page) -> str | None:
        """The page's HTML, or None (and a diagnostic) if its template fails."""
        if page.template in self._busy:
            return None
        try:
            if isinstance(self.env, _Environment):
                self.env.begin_page()
            return self.env.get_template(page.template).render(page.context)
        except jinja2.TemplateNotFound as exc:
            where = Location(f"templates/{page.template}")
            message = f"template not found: {exc.name}"
            code, hint = "template-missing", ""
        except Exception as exc:  # a failure inside a template is its own
            where = template_location(self.project, exc, page.template)
            message = f"template error: {exc}" if str(exc) else f"template error: {exc!r}"
            if isinstance(exc, RecursionError):
                message = "template error: templates include or call each other without end"
            if isinstance(exc, TemplateTooBusy):
                self._busy.add(page.template)
            code, hint = "template", f"while rendering {page.path}"
        if (where, message) not in self._seen:
            self._seen.add((where, message))
            self.diags.append(error(code, message, where, hint))
        return None


def static_files(project: Project) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The theme's static files, overridden by the project's static/ folder."""
    files: dict[str, bytes] = {}
    for path in sorted((THEME / "static").iterdir()):
        if path.is_file() and not path.name.startswith("."):
            files[f"static/{path.name}"] = path.read_bytes()
    found, diags = list_files(project, project.static_dir, ("",))
    sources = [project.site_file, *(f for f in project.source_dirs() if f != project.static_dir)]
    for path in found:
        if path.is_symlink() and any(inside(path, source) for source in sources):
            # static/ is published as it is: a link may not bring in a source (site.yaml,
            # a card, a seed, a template); dotfiles and the outside are refused when listed
            diags.append(error("symlink", "symbolic link points to a source of the project",
                               project.loc(path), "copy the file into static/ if it is "
                               "meant to be published"))
            continue
        data, problems = read_source(project, path, text=False)
        diags += problems
        if data is not None:
            files["static/" + path.relative_to(project.static_dir).as_posix()] = data
    return files, diags
