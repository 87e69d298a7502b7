"""``explainer init DIR``: a new project that builds at once, with an example to learn from."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from generator.authoring.jsonschema import SCHEMAS, schema_texts
from generator.commands import add_command
from generator.commands.files import refuse_existing, write_new
from generator.commands.new import article_file
from generator.commands.yamlwrite import SCHEMA_FOLDER, modeline, render_record
from generator.console import Console
from generator.errors import BuildFailed, Location, error
from generator.load.specs import CARD, SITE
from generator.project import Project

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
EXAMPLE_ID = "apollo-11-landing"
EXAMPLES = """examples:
  explainer init mysite                       a project with an example article and cards
  explainer init mysite --title "Brexit explained" --base-url https://example.org/brexit/
  explainer init . --bare                     only site.yaml and empty folders, here

Then:  cd mysite && explainer build  (the site is in public/index.html)
"""
GITIGNORE = "# Built site (explainer build)\n/public/\n"


def register(commands: Any) -> None:
    """Add ``init``."""
    parser = add_command(commands, "init", "start a new project in a folder",
                         "Create a new explainer project: site.yaml, content/, seeds/, an "
                         "example article with cards, JSON Schemas for editors and a "
                         ".gitignore. Refuses to overwrite any existing file.", EXAMPLES)
    parser.add_argument("directory", metavar="DIR", type=Path,
                        help="the project folder (created if needed; '.' for here)")
    parser.add_argument("--title", help="the site's title (default: from the folder name)")
    parser.add_argument("--description", help="one sentence on what the site explains")
    parser.add_argument("--base-url", default="https://example.org/",
                        help="where the site will be published (default: %(default)s)")
    parser.add_argument("--bare", action="store_true",
                        help="leave out the example article and cards")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    """Write the new project, or refuse without writing anything."""
    root = (args.project / args.directory).resolve()
    project = Project(root)
    if project.site_file.exists():
        raise BuildFailed((error("exists", f"{root} is already an explainer project (it has "
                                 "a site.yaml); init never overwrites a project",
                                 Location(str(root / "site.yaml")),
                                 "choose another folder, or build this one"),))
    files = scaffold_files(project, args)
    refuse_existing(project, [root / name for name in files], "init")
    for name, text in files.items():
        write_new(root / name, text)
    for folder in (project.seeds_dir, project.articles_dir, project.cards_dir):
        folder.mkdir(parents=True, exist_ok=True)
    console.say(f"Created a new explainer in {root} ({len(files)} files).")
    shown = args.directory.as_posix()
    console.say("Next:" + (f"  cd {shown} &&" if shown != "." else "") +
                " explainer build   then open public/index.html")
    return 0


def _title(root: Path) -> str:
    words = re.sub(r"[-_.]+", " ", root.name).strip()
    return (words[:1].upper() + words[1:]) if words else "My explainer"


def scaffold_files(project: Project, args: argparse.Namespace) -> dict[str, str]:
    """Every file of the new project, by path relative to it."""
    site: dict[str, Any] = {
        "title": args.title or _title(project.root),
        "description": args.description or "Who is who and what is what in the stories we "
        "explain.",
        "base_url": args.base_url,
    }
    header = [modeline(SITE, "site.yaml"),
              "# Settings for this explainer site; unknown keys are errors. Every key is",
              "# listed with what it does; the commented ones show their defaults."]
    files = {"site.yaml": render_record(SITE, site, header=header), ".gitignore": GITIGNORE,
             ".vscode/settings.json": vscode_settings()}
    files.update({f"{SCHEMA_FOLDER}/{name}": text for name, text in schema_texts().items()})
    if not args.bare:
        files.update(example_files(project))
    return files


def vscode_settings() -> str:
    """Settings that point VS Code's YAML extension at the schemas for every matching file."""
    schemas = {f"./{SCHEMA_FOLDER}/{name}": [pattern] for name, (_, pattern) in SCHEMAS.items()}
    return json.dumps({"yaml.schemas": schemas}, indent=2) + "\n"


def example_files(project: Project) -> dict[str, str]:
    """The example article about the Apollo 11 landing, and its cards."""
    files: dict[str, str] = {}
    seed = f"seeds/{EXAMPLE_ID}.txt"
    text = (SCAFFOLD / seed).read_text(encoding="utf-8")
    files[seed] = text
    meta = f"content/articles/{EXAMPLE_ID}.yaml"
    values = {
        "title": "Apollo 11 lands on the Moon",
        "dek": "How two astronauts came to walk on the Moon in July 1969.",
        "date": dt.date.today(),
        "seed": f"{EXAMPLE_ID}.txt",
        "credit": "explainer example text",
        "topics": ["Space"],
        "quotes": [{"speaker": "neil-armstrong",
                    "text": "That's one small step for man, one giant leap for mankind."}],
    }
    files[meta] = article_file(project, project.root / meta, values, text)
    for path in sorted((SCAFFOLD / "content" / "cards").rglob("*.yaml")):
        name = path.relative_to(SCAFFOLD).as_posix()
        files[name] = modeline(CARD, name) + "\n" + path.read_text(encoding="utf-8")
    return files
