"""``explainer schema``: write the JSON Schemas for editors into a project (or anywhere)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from generator.authoring.jsonschema import SCHEMAS, schema_texts
from generator.commands import add_command
from generator.commands.yamlwrite import SCHEMA_FOLDER
from generator.console import Console

EXAMPLES = """examples:
  explainer schema                 refresh schemas/ in this project (after upgrading)
  explainer schema --print card    print the card schema
  explainer schema -o /tmp/s       write the schemas somewhere else

Editors that use yaml-language-server (VS Code's YAML extension, Neovim, Helix, ...)
pick the schemas up from the '# yaml-language-server: $schema=...' first line of each
file, or from .vscode/settings.json as written by 'explainer init'.
"""


def register(commands: Any) -> None:
    """Add ``schema``."""
    parser = add_command(commands, "schema", "write the JSON Schemas of the YAML files",
                         "Write the JSON Schemas of site.yaml, article metadata and cards, "
                         "made from the same definitions the build checks files against.",
                         EXAMPLES)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--output", "-o", type=Path, metavar="DIR",
                       help=f"write them here (default: the project's {SCHEMA_FOLDER}/)")
    group.add_argument("--print", dest="show", metavar="NAME",
                       choices=[n.split(".")[0] for n in SCHEMAS],
                       help="print one schema: " + ", ".join(n.split(".")[0] for n in SCHEMAS))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    """Print one schema, or (re)write all of them."""
    texts = schema_texts()
    if args.show:
        console.result(texts[f"{args.show}.schema.json"].rstrip("\n"))
        return 0
    folder: Path = args.output or args.project / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            console.say(f"Wrote {path}")
    console.say(f"The schemas in {folder} are up to date.")
    return 0
