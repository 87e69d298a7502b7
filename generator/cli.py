"""The ``explainer`` command: argument parsing, output and exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
import time
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
    commands.add_parser("check", help="load and check the project without writing anything",
                        description="Check the project in strict mode: every problem is "
                        "reported, warnings count as errors, nothing is written.")
    return parser


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
    from generator.build import Options, build, load_site, render_site

    started = time.perf_counter()
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
            options = Options(args.project, strict=True)
            site, diags = load_site(options)
            _, pages, problems = render_site(options, site)
            if diags + problems:
                raise BuildFailed(tuple(diags + problems))
            if not args.quiet:
                print(f"Checked {pages} pages in {time.perf_counter() - started:.2f}s: "
                      "no problems.")
    except BuildFailed as failed:
        print_diagnostics(failed.diagnostics)
        errors = sum(d.severity is Severity.ERROR for d in failed.diagnostics)
        warnings = len(failed.diagnostics) - errors
        print(f"Failed: {errors} error(s), {warnings} warning(s); nothing was written.",
              file=sys.stderr)
        return 1
    return 0
