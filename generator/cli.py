"""The ``explainer`` command: argument parsing, output and exit codes."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.console import Console, SafeFormatter, terminal_safe
from generator.errors import BuildFailed, Diagnostic, Severity

if TYPE_CHECKING:
    from generator.build import BuildResult

EXAMPLES = """examples:
  explainer init mysite           start a new project in mysite/
  explainer build                 build the site in this folder into public/
  explainer build --strict        treat warnings as errors
  explainer check                 check everything without writing the site
  explainer suggest               which names in the articles still need a card
  explainer serve --open          preview, rebuilt and reloaded on every save
  explainer deploy                check, build and publish to the gh-pages branch
  explainer -C mysite build       build the project in mysite/

Run 'explainer COMMAND --help' for a command's options and examples.
"""
BUILD_EXAMPLES = """examples:
  explainer build                          build into public/ (or site.yaml's output_dir)
  explainer build --strict                 fail on warnings too
  explainer build -o /tmp/site --base-url https://example.org/preview/
"""
CHECK_EXAMPLES = """examples:
  explainer check                          check the project in this folder
  explainer check --format json            one JSON document, for CI and editors
  explainer check --ignore card-unused     leave out one kind of problem
  explainer check --built public           check the links of a site built earlier
  explainer check --wikidata               compare the cards with Wikidata too
"""


AUTHORING = frozenset({"init", "new", "suggest", "cards", "schema", "serve", "deploy"})


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given an ``argv`` naming ``build`` or ``check`` and no other command, without
    the authoring commands, whose modules a build does not need (they cost it a fifth of a
    second to import; a build with nothing to do takes half a second)."""
    # The commands are imported here, not with this module: `explainer --version` needs none.
    from generator.check import WIKIDATA_URL as DEFAULT_WIKIDATA
    from generator.commands import (
        Parser,
        add_command,
        common_options,
        iso_date,
        register_commands,
    )

    parser = Parser(
        prog="explainer", description="Build a linked explainer site from articles and fact "
        "cards.", epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"explainer {__version__}")
    parser.add_argument("-C", "--project", type=Path, default=Path("."), metavar="DIR",
                        help="the project folder (default: the current folder)")
    common_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     parser_class=Parser)
    build = add_command(commands, "build", "build the site into the output folder",
                        "Build the site. Nothing is written unless the whole build succeeds. "
                        "A build remembers what it read and wrote in .explainer-cache/, so the "
                        "next one remakes only the pages that a change touches (and writes "
                        "nothing when nothing changed); delete that folder or pass --no-cache "
                        "for a full build.",
                        BUILD_EXAMPLES)
    build.add_argument("--output", "-o", type=Path, metavar="DIR",
                       help="write here instead of site.yaml's output_dir")
    build.add_argument("--base-url", metavar="URL", help="override site.yaml's base_url")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--no-cache", dest="cache", action="store_false",
                       help="build everything afresh, without reading or writing the cache")
    check = add_command(
        commands, "check", "check the project and the site it builds, without writing anything",
        "The gate before publishing: build the site in memory in strict mode "
        "(warnings count as errors) and check it: every internal link, #anchor and asset "
        "resolves, every page is reachable from the home page, no card goes unmentioned, no "
        "facts are older than site.yaml's freshness_days, every source has a date, every "
        "quote has a speaker. Nothing is written (but --wikidata's answers, kept in "
        ".explainer-cache/); the exit status is 1 on any problem.",
        CHECK_EXAMPLES)
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="json: one JSON document on stdout, for CI and editors")
    check.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                       help="judge freshness as of this day (default: today)")
    check.add_argument("--ignore", action="append", default=[], metavar="CODE",
                       help="leave out problems with this code, e.g. card-unused "
                       "(repeatable)")
    check.add_argument("--built", type=Path, metavar="DIR",
                       help="check the links of a site built earlier in DIR instead")
    check.add_argument("--base-url", metavar="URL", help="override site.yaml's base_url")
    wikidata = check.add_argument_group(
        "Wikidata", "compare the cards that name a Wikidata item with it: roles (positions "
        "held, with their dates), dates of death, and who heads a country or organisation. "
        "What differs is a warning; answers are kept in .explainer-cache/ for a day")
    wikidata.add_argument("--wikidata", action="store_true",
                          help="compare the cards with Wikidata (needs the network)")
    wikidata.add_argument("--wikidata-url", type=http_url, metavar="URL",
                          default=DEFAULT_WIKIDATA,
                          help="where to ask for Special:EntityData/Q42.json, e.g. a mirror "
                          f"(default: {DEFAULT_WIKIDATA})")
    wikidata.add_argument("--wikidata-refresh", action="store_true",
                          help="ask Wikidata again even for items fetched less than a day ago")
    wikidata.add_argument("--strict", action="store_true",
                          help="differences from Wikidata fail the check too (the rest "
                          "always does)")
    words = set(argv or ())
    if not words & {"build", "check"} or words & AUTHORING or words & {"-h", "--help"}:
        register_commands(commands)
    return parser


def http_url(text: str) -> str:
    """An argument that must be an http(s) address."""
    if not text.lower().startswith(("http://", "https://")) or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not an http:// or https:// address")
    return text


def print_diagnostics(diagnostics: Sequence[Diagnostic], console: Console | None = None) -> None:
    """Every diagnostic on stderr, errors first, in file order."""
    (console or Console()).diagnostics(diagnostics)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        print(f"explainer {__version__}")  # as argparse would, without loading the commands
        return 0
    parser = _parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.command == "check" and args.built and args.wikidata:
        parser.error("--wikidata compares the cards of a project: leave out --built")
    handler = logging.StreamHandler()
    handler.setFormatter(SafeFormatter("%(message)s"))
    level = logging.ERROR if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, handlers=[handler])
    console = Console(sys.stdout, sys.stderr, args.quiet, args.color)
    from generator.build import Options, build

    try:
        if getattr(args, "run", None) is not None:
            status: int = args.run(args, console)
            return status
        if args.command == "build":
            with console.progress("Rendering") as bar, _no_cycle_collection():
                options = Options(args.project, args.output, args.base_url, args.strict,
                                  args.cache, progress=bar.update)
                result = build(options)
            print_diagnostics(result.diagnostics, console)
            if not args.quiet:
                print(f"Built {result.pages} pages ({result.files} files) into "
                      f"{result.output} in {result.seconds:.2f}s, {result.warnings} "
                      f"warning(s); {_redone(result)}.")
        elif args.command == "check":
            return run_check(args)
    except BuildFailed as failed:
        print_diagnostics(failed.diagnostics, console)
        errors = sum(d.severity is Severity.ERROR for d in failed.diagnostics)
        warnings = len(failed.diagnostics) - errors
        print(f"Failed: {errors} error(s), {warnings} warning(s); nothing was written.",
              file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. 'explainer suggest | head': the reader has enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cycle collector off while a build runs (and back as it was after).

    A build keeps what it loads until it ends, so the collector would only scan the
    same objects again and again: off, a cold build of 5,000 articles took a tenth
    less time, with the same peak memory (what a build drops is freed as it goes).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Turned on again as it is, the collector would scan everything the build made
        # at the next allocation (half a second at 5,000 articles). Moved to the oldest
        # generation instead (two steps that each move one list, whatever its length),
        # it is scanned only by a full collection, which a process that ends never runs.
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def _redone(result: BuildResult) -> str:
    if not result.changed:
        return "nothing changed, nothing written"
    return (f"{result.rendered} page(s) rendered, {result.changed} file(s) written, "
            f"{result.files - result.changed} unchanged")


def run_check(args: argparse.Namespace) -> int:
    """``explainer check``: print every problem (or one JSON document) and a summary."""
    from generator.build import Options
    from generator.check.site import CheckResult, check_folder, check_project, counts, strict
    from generator.check.wikidata_client import WikidataSettings
    from generator.load.config import load_config
    from generator.project import Project

    ignore = frozenset(args.ignore)
    try:
        if args.built:
            config, diags = load_config(Project(args.project.resolve()), args.base_url)
            base_url = config.base_url if config else args.base_url
            if not base_url:
                raise BuildFailed(tuple(diags))
            result = check_folder(args.built, base_url, ignore)
        else:
            settings = (WikidataSettings(args.wikidata_url, args.wikidata_refresh)
                        if args.wikidata else None)
            result = check_project(Options(args.project, base_url=args.base_url),
                                   args.today or dt.date.today(), ignore, settings,
                                   args.strict)
    except BuildFailed as failed:
        result = CheckResult(strict(failed.diagnostics, ignore), 0, 0, 0, 0.0)
    found = counts(result.diagnostics)
    if args.format == "json":
        report = {"ok": result.ok, "pages": result.pages, "files": result.files,
                  "links": result.links, "seconds": round(result.seconds, 3), "counts": found,
                  "diagnostics": [d.to_json() for d in result.diagnostics]}
        print(terminal_safe(json.dumps(report, indent=2, ensure_ascii=False)))
        return 0 if result.ok else 1
    print_diagnostics(result.diagnostics)
    if result.ok:
        warned = f"; {len(result.diagnostics)} warning(s)" if result.diagnostics else ""
        if not args.quiet:
            print(f"Checked {result.pages} pages, {result.files} files and {result.links} "
                  f"links in {result.seconds:.2f}s: no problems{warned}.")
        return 0
    detail = ", ".join(f"{n} {code}" for code, n in found.items())
    print(f"Check failed: {len(result.diagnostics)} problem(s) ({detail}) in "
          f"{result.pages} pages.", file=sys.stderr)
    return 1


def run() -> int:
    """The console entry point: ``main`` with no Python traceback for the user, ever.

    An unexpected exception is a bug in explainer, never the user's fault: it is
    reported in one line with exit status 2 (``EXPLAINER_TRACEBACK=1`` shows the
    traceback). Tests call ``main`` and so still see the exception itself.
    """
    import traceback

    try:
        return main()
    except KeyboardInterrupt:
        print("Interrupted: nothing half-written was left behind.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence
        if os.environ.get("EXPLAINER_TRACEBACK"):
            traceback.print_exc()
        print(terminal_safe(f"explainer: internal error: {type(exc).__name__}: {exc}") + "\n"
              "    This is a bug in explainer, not in your project; please report it with "
              "the command you ran\n    (set EXPLAINER_TRACEBACK=1 to see the details).",
              file=sys.stderr)
        return 2
