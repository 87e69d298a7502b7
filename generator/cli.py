"""The ``explainer`` command: argument parsing, output and exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.errors import BuildFailed, Diagnostic, Severity

EXAMPLES = """examples:
  explainer build                 build the site in this folder into public/
  explainer build --strict        treat warnings as errors
  explainer check                 check everything without writing the site
  explainer -C mysite build       build the project in mysite/
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explainer", description="Build a linked explainer site from articles and fact "
        "cards.", epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"explainer {__version__}")
    parser.add_argument("-C", "--project", type=Path, default=Path("."), metavar="DIR",
                        help="the project folder (default: the current folder)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    build = commands.add_parser("build", help="build the site into the output folder",
                                description="Build the site. Nothing is written unless the "
                                "whole build succeeds.")
    build.add_argument("--output", "-o", type=Path, metavar="DIR",
                       help="write here instead of site.yaml's output_dir")
    build.add_argument("--base-url", metavar="URL", help="override site.yaml's base_url")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check = commands.add_parser(
        "check", help="check the project and the site it builds, without writing anything",
        description="The gate before publishing: build the site in memory in strict mode "
        "(warnings count as errors) and check it: every internal link, #anchor and asset "
        "resolves, every page is reachable from the home page, no card goes unmentioned, no "
        "facts are older than site.yaml's freshness_days, every source has a date, every "
        "quote has a speaker. Nothing is written; the exit status is 1 on any problem.")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="json: one JSON document on stdout, for CI and editors")
    check.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                       help="judge freshness as of this day (default: today)")
    check.add_argument("--ignore", action="append", default=[], metavar="CODE",
                       help="leave out problems with this code, e.g. card-unused "
                       "(repeatable)")
    check.add_argument("--built", type=Path, metavar="DIR",
                       help="check the links of a site built earlier in DIR instead")
    check.add_argument("--base-url", metavar="URL", help="override site.yaml's base_url")
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    """Every diagnostic on stderr, errors first, in file order."""
    ordered = sorted(diagnostics, key=lambda d: (d.severity is not Severity.ERROR, d.location))
    for diagnostic in ordered:
        print(diagnostic.format(), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.ERROR if args.quiet else logging.INFO,
                        format="%(message)s")
    from generator.build import Options, build

    try:
        if args.command == "build":
            options = Options(args.project, args.output, args.base_url, args.strict)
            result = build(options)
            print_diagnostics(result.diagnostics)
            if not args.quiet:
                print(f"Built {result.pages} pages ({result.files} files) into "
                      f"{result.output} in {result.seconds:.2f}s, {result.warnings} "
                      f"warning(s).")
        elif args.command == "check":
            return run_check(args)
    except BuildFailed as failed:
        print_diagnostics(failed.diagnostics)
        errors = sum(d.severity is Severity.ERROR for d in failed.diagnostics)
        warnings = len(failed.diagnostics) - errors
        print(f"Failed: {errors} error(s), {warnings} warning(s); nothing was written.",
              file=sys.stderr)
        return 1
    return 0


def run_check(args: argparse.Namespace) -> int:
    """``explainer check``: print every problem (or one JSON document) and a summary."""
    from generator.build import Options
    from generator.check import CheckResult, check_folder, check_project, counts, strict
    from generator.config import load_config
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
            result = check_project(Options(args.project, base_url=args.base_url),
                                   args.today or dt.date.today(), ignore)
    except BuildFailed as failed:
        result = CheckResult(strict(failed.diagnostics, ignore), 0, 0, 0, 0.0)
    found = counts(result.diagnostics)
    if args.format == "json":
        print(json.dumps({"ok": result.ok, "pages": result.pages, "files": result.files,
                          "links": result.links, "seconds": round(result.seconds, 3),
                          "counts": found,
                          "diagnostics": [d.to_json() for d in result.diagnostics]},
                         indent=2, ensure_ascii=False))
        return 0 if result.ok else 1
    print_diagnostics(result.diagnostics)
    if result.ok:
        if not args.quiet:
            print(f"Checked {result.pages} pages, {result.files} files and {result.links} "
                  f"links in {result.seconds:.2f}s: no problems.")
        return 0
    detail = ", ".join(f"{n} {code}" for code, n in found.items())
    print(f"Check failed: {len(result.diagnostics)} problem(s) ({detail}) in "
          f"{result.pages} pages.", file=sys.stderr)
    return 1
