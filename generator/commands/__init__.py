"""The authoring commands (init, new, suggest, cards, schema, serve, deploy) and argparse helpers.

Each command module has ``register(commands)``, which adds its sub-parser and
sets ``run`` to a function ``(args, console) -> exit status``; ``cli.main``
calls it. Keeping each command in its own module keeps cli.py small.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import Any, NoReturn

from generator.errors import did_you_mean

CHOICE_RE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")
UNKNOWN_RE = re.compile(r"unrecognized arguments: (.*)")


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors say "did you mean ...?" for a near miss."""

    def error(self, message: str) -> NoReturn:
        """Print usage and the error with a suggestion, then exit with status 2."""
        hint = ""
        if match := CHOICE_RE.search(message):
            hint = did_you_mean(match.group(1), re.findall(r"'([^']*)'", match.group(2)))
        elif match := UNKNOWN_RE.search(message):
            known = self.option_strings()
            for word in match.group(1).split():
                if word.startswith("-") and (hint := did_you_mean(word.split("=")[0], known)):
                    break
        super().error(f"{message}\n  hint: {hint}" if hint else message)

    def option_strings(self) -> list[str]:
        """Every option of this parser and of its sub-commands."""
        found: list[str] = []
        for action in self._actions:
            found += action.option_strings
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    if isinstance(sub, Parser):
                        found += sub.option_strings()
        return found


def common_options(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """--quiet, --verbose and --color, accepted before or after the command name."""
    keep = argparse.SUPPRESS
    parser.add_argument("-q", "--quiet", action="store_true", default=False if top else keep,
                        help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", default=False if top else keep,
                        help="say more, e.g. notices that are otherwise given once per project")
    parser.add_argument("--color", "--colour", choices=("auto", "always", "never"),
                        default="auto" if top else keep,
                        help="colour the output: auto (only on a terminal, unless NO_COLOR "
                        "is set), always or never")


def add_command(commands: Any, name: str, summary: str, description: str,
                examples: str, **kwargs: Any) -> argparse.ArgumentParser:
    """A sub-command with a description, examples under --help and the common options."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description, epilog=examples,
        formatter_class=argparse.RawDescriptionHelpFormatter, **kwargs)
    common_options(parser)
    return parser


def iso_date(text: str) -> dt.date:
    """An argparse type: a YYYY-MM-DD date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def register_commands(commands: Any) -> None:
    """Add every authoring command to the ``commands`` sub-parsers."""
    from generator.commands import cards, deploy, init, new, schema, serve, suggest

    for module in (init, new, suggest, cards, schema, serve, deploy):
        module.register(commands)
