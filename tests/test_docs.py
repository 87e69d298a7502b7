"""The docs stay true: every template's context and every command are documented."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import Options
from generator.engine.pipeline import load_site, page_maker
from generator.load.config import build_time
from generator.render.feeds import publish_pages
from generator.render.listings import all_pages
from generator.render.templates import THEME
from tests.conftest import ROOT
from tests.test_cli import COMMANDS, subcommands

DOCS = ROOT / "docs"


def sections(text: str) -> dict[str, str]:
    """Level-3 sections of a Markdown file by heading."""
    parts = re.split(r"^### (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_template_and_its_context_is_documented() -> None:
    site, _ = load_site(Options(ROOT))
    maker, _ = page_maker(site, build_time(site.config.timestamps))
    pages = list(all_pages(maker))
    pages += publish_pages(maker, pages)
    text = (DOCS / "templates.md").read_text(encoding="utf-8")
    documented = sections(text)
    common = text.split("## The templates")[0]
    templates = {p.name for p in (THEME / "templates").iterdir()}
    assert templates <= set(documented), templates - set(documented)
    shared = set(maker.common("index.html", "t", "d"))
    for page in pages:
        section = documented[page.template]
        for key in page.context:
            where = common if key in shared else section
            assert f"`{key}`" in where, f"{page.template}: context key '{key}' not documented"


def test_every_command_and_option_is_in_the_cli_reference() -> None:
    from generator.cli import _parser

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    headings = {h.strip() for h in re.findall(r"^## `explainer ([a-z ]+)", text, re.MULTILINE)}
    assert set(COMMANDS) - {"new"} <= headings
    for name, parser in subcommands(_parser()).items():
        if name == "new":
            continue
        section = text.split(f"## `explainer {name}")[1].split("\n## ")[0]
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option not in ("--help", "--colour"):
                    assert option in section or option in ("--quiet", "--verbose", "--color"), (
                        name, option)


def test_docs_link_to_existing_files() -> None:
    for doc in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text()):
            assert (doc.parent / target).exists(), (doc.name, target)


def test_readme_mentions_the_authoring_commands() -> None:
    readme = Path(ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("explainer init", "explainer new article", "explainer new card",
                    "explainer suggest", "explainer cards", "explainer schema"):
        assert command in readme
