"""Fuzz the loaders and the whole build for a while; print what was found.

    .venv/bin/python bench/fuzz.py [--seconds 180] [--seed N]

Each example writes a project from hostile pieces (any bytes or YAML fragments in
site.yaml, a card and an article; any text in a seed; template snippets; static
files with hostile names and symbolic links to secrets inside and outside the
project), runs the real ``explainer build`` (and sometimes ``check`` and ``cards``)
in this process, and looks for: a Python traceback or an unexpected exception; an
exit status other than 0 or 1; a failed run without a ``path:line:col`` diagnostic;
a failed build that changed the previous site; any file written, changed or
removed outside the project's output folder; a secret in the output; a symbolic
link in the output; invalid XML in the feed or sitemap; a control character in a
page; a raw escape character printed to the terminal.

Hypothesis generates the examples (no shrinking: a run is a time budget, and each
finding is printed with the files that caused it). Not a test: it exits 0 and prints
its figures, like the other scripts here.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from xml.parsers import expat

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli import main  # noqa: E402

BASE = ROOT / "tests" / "sites_invalid" / "_base"
SECRET = "FUZZ-SECRET-5d1c"
DIAGNOSTIC = re.compile(r"^[^\n]+: (error|warning)\[[a-z-]+\]: ")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CARD = ("type: person\nname: Carol Example\naliases: [Carol]\nsummary: A third person.\n"
        "as_of: 2024-03-01\nsources:\n  - article: story\n    paragraph: 1\n")
SITE = "title: Base\ndescription: D\nbase_url: https://example.org/\n"
ARTICLE = "title: A story\ndek: Two people meet.\ndate: 2024-03-01\nseed: story.txt\n"

YAML_BITS = st.sampled_from([
    "type: person\n", "name: Carol\n", "summary: x\n", "as_of: 2024-03-01\n", "sources:\n",
    "  - article: story\n", "- ", ": ", "\t", "'", '"', "&a ", "*a", "!!python/object ", "!x ",
    "[", "]", "{", "}", ",", "#", "---\n", "|\n", ">-\n", "? ", "<<: ", "\\u", "\\x", "\\e",
    "\\0", "\\a", "\\uFFFE", "\ufeff", "\r\n", "\x85", "\u2028", "NO", "012345", "12:30", "~",
    "\n", "  ", "é", "\U0001f600", "%YAML 1.1\n", "!!bool ", "!!timestamp ", "\x01", "\ufffe",
    "\\ud800", "[[[[[[[[[[[[[[[[[[[[[[[[", "x", "1e999", ".inf", "\u202e", "(a)", "+++",
    "aliases: [", "per_page: ", "snippet_chars: ", "-5", "99999999999999999999", "paragraph: ",
    "timestamps: true\n", "output_dir: ", "..", "/", "link_mentions: every\n", "image: ",
    "[x](card:)", "[x](card:alice)", "roles:\n  - title: Mayor\n    from: 2020-01-01\n",
    "quotes:\n  - speaker: alice\n    text: ", "aliases:\n  - text: Bob\n    card: bob\n",
])
TEXT_BITS = st.sampled_from([
    "Alice Example", "Bob Example", "Carol", " ", "\n", "\n\n", "*", "_", "`", "[", "]", "(",
    ")", "<", ">", "&", "#", "> ", "- ", "1. ", "```", "<!--", "-->", "<script>", "\\",
    "[x](card:alice)", "[x](card:)", "[x](javascript:y)", "“", "”", '"', "‘", "’", "«", "»",
    "'", "|", "---", "\x0b", "\u200b", "\x1b]0;PWNED\x07", "\x9b", "\ufffe", "\t", "\r\n",
])
TEMPLATE_BITS = st.sampled_from([
    "{{ page.title }}", "{{ card.name }}", "{% for i in range(100000) %}", "{% endfor %}",
    "{{ i }}", "{{ 'x' * 10 ** 9 }}", "{{ 10 ** 100000 }}", "{% include '../site.yaml' %}",
    "{% include '.secret.html' %}", "{{ ''.__class__ }}", "{{ range(10 ** 9) }}", "{{ 1 // 0 }}",
    "{% extends 'base.html' %}", "{% block main %}", "{% endblock %}", "{{ x }}", "{% if %}",
    "<script>", "{{ cycler }}", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
])
NAMES = st.sampled_from([
    "ok.css", ".env", ".git/config", "a/../b.css", "x~", "#x#", "Logo.css", "logo.css",
    "caf\u00e9.css", "cafe\u0301.css", "\x1b[2J.css", "con.css", "sub/deep.txt", "robots.txt",
    "feed.xml", "index.html", "card.yaml",
])
LINKS = st.sampled_from([
    "../.git/config", "../.env", "../../outside/secret.txt", "/etc/hostname", "ok.css",
    "../site.yaml", "loop.css", "missing.css", "../content/cards/alice.yaml",
])

def mostly(valid: object, hostile: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """``valid`` four times in five (so that some builds get as far as writing), else
    ``hostile``."""
    return st.integers(0, 4).flatmap(lambda n: hostile if n == 0 else st.just(valid))


PROJECT = st.fixed_dictionaries({
    "site": mostly(SITE, st.one_of(
        st.lists(YAML_BITS, max_size=8).map(lambda b: SITE + "".join(b)),
        st.binary(max_size=120).map(lambda b: b.decode("utf-8", "replace")))),
    "card": mostly(CARD, st.one_of(st.lists(YAML_BITS, max_size=30).map("".join),
                                   st.lists(YAML_BITS, max_size=10).map(
                                       lambda b: CARD + "".join(b)))),
    "article": mostly(ARTICLE, st.lists(YAML_BITS, max_size=8).map(
        lambda b: ARTICLE + "".join(b))),
    "seed": mostly(None, st.one_of(st.text(max_size=200), st.lists(TEXT_BITS, max_size=40).map(
        lambda b: "Alice Example met Bob Example.\n" + "".join(b)))),
    "seed_bits": st.lists(TEXT_BITS.filter(lambda b: not CONTROL.search(b)), max_size=20),
    "seed_name": mostly("story.txt", st.sampled_from(["story.md", ".hidden.txt",
                                                      "../site.yaml", "sub/.x/story.txt"])),
    "template": mostly(None, st.lists(TEMPLATE_BITS, max_size=6).map("".join)),
    "static": mostly([], st.lists(st.tuples(NAMES, st.one_of(st.none(), LINKS)), max_size=4)),
    "command": st.sampled_from(["build", "build", "build", "check", "cards"]),
})


class Run:
    """A scratch folder: a sibling 'outside' with a secret, and a project reset each example."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="explainer-fuzz-"))
        self.root = self.folder / "p"
        (self.folder / "outside").mkdir()
        (self.folder / "outside" / "secret.txt").write_text(SECRET)
        self.examples = 0
        self.outcomes: Counter[str] = Counter()
        self.findings: dict[str, str] = {}  # kind -> the first example that showed it

    def reset(self) -> None:
        if self.root.exists():
            shutil.rmtree(self.root)
        shutil.copytree(BASE, self.root)
        (self.root / ".git").mkdir()
        (self.root / ".git" / "config").write_text(f"token = {SECRET}\n")
        (self.root / ".env").write_text(f"TOKEN={SECRET}\n")
        (self.root / "public").mkdir()
        (self.root / "public" / ".explainer-output").write_text("")
        (self.root / "public" / "index.html").write_text("previous site")

    def snapshot(self) -> dict[str, str]:
        """Every file and link of the scratch folder but the output, with a hash."""
        out: dict[str, str] = {}
        for path in sorted(self.folder.rglob("*")):
            relative = path.relative_to(self.folder).as_posix()
            if relative.startswith(("p/public", "p/.public", "p/.explainer-cache")):
                continue
            if path.is_symlink():
                out[relative] = "-> " + os.readlink(path)
            elif path.is_file():
                out[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        return out

    def write(self, example: dict[str, object]) -> None:
        def put(name: str, text: str) -> None:
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8", "surrogatepass"))

        put("site.yaml", str(example["site"]))
        put("content/cards/carol.yaml", str(example["card"]))
        seed_name = str(example["seed_name"])
        put("content/articles/story.yaml", str(example["article"]).replace(
            "seed: story.txt", f"seed: '{seed_name}'"))
        if ".." not in seed_name:
            bits = example["seed_bits"]
            assert isinstance(bits, list)
            put(f"seeds/{seed_name}", str(example["seed"]) if example["seed"] is not None
                else "Alice Example met Bob Example.\n" + "".join(bits) + "\n")
        if example["template"] is not None:
            put("templates/card.html", str(example["template"]))
        statics = example["static"]
        assert isinstance(statics, list)
        for name, link in statics:
            path = self.root / "static" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() or path.is_symlink():
                continue
            if link is None:
                path.write_text(f"p {{}} /* {name} */\n")
            else:
                path.symlink_to(link)

    def found(self, kind: str, detail: str) -> None:
        self.findings.setdefault(kind, detail)

    def example(self, example: dict[str, object]) -> None:
        self.examples += 1
        self.reset()
        self.write(example)
        before = self.snapshot()
        previous = (self.root / "public" / "index.html").read_bytes()
        command = str(example["command"])
        err, out = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                status = main(["-C", str(self.root), command])
        except SystemExit as exc:  # argparse
            status = int(exc.code or 0)
        except Exception:  # every exception is a finding
            self.found("exception", f"{example!r}\n{traceback.format_exc()}")
            return
        text = err.getvalue() + out.getvalue()
        self.outcomes[f"{command} {status}"] += 1
        if "Traceback" in text:
            self.found("traceback", f"{example!r}\n{text}")
        if status not in (0, 1):
            self.found(f"status {status}", f"{example!r}\n{text}")
        if "\x1b]" in text or "\x1b[2J" in text or "\x9b" in text:
            self.found("terminal escape printed", f"{example!r}\n{text!r}")
        if status == 1 and not any(DIAGNOSTIC.match(line) for line in text.splitlines()):
            self.found("failure without a diagnostic", f"{example!r}\n{text}")
        if self.snapshot() != before:
            self.found("wrote outside the output", f"{example!r}")
        self.check_output(example, command, status, previous)

    def check_output(self, example: dict[str, object], command: str, status: int,
                     previous: bytes) -> None:
        public = self.root / "public"
        if command != "build":
            return
        if status != 0:
            if (public / "index.html").read_bytes() != previous:
                self.found("failed build changed the site", repr(example))
            return
        for path in sorted(public.rglob("*")):
            if path.is_symlink():
                self.found("symbolic link in the output", f"{example!r}\n{path}")
            elif path.is_file():
                data = path.read_bytes()
                if SECRET.encode() in data:
                    self.found("secret published", f"{example!r}\n{path}")
                if path.relative_to(public).as_posix() in ("feed.xml", "sitemap.xml"):
                    try:
                        expat.ParserCreate().Parse(data, True)
                    except expat.ExpatError as exc:
                        self.found("invalid XML", f"{example!r}\n{path}: {exc}")
                if path.suffix == ".html" and CONTROL.search(data.decode("utf-8", "replace")):
                    self.found("control character in a page", f"{example!r}\n{path}")


def fuzz(seconds: float, seed: int | None) -> Run:
    """Run examples until ``seconds`` have passed."""
    run = Run()
    deadline = time.monotonic() + seconds

    @settings(max_examples=10**9, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(example=PROJECT)
    def one(example: dict[str, object]) -> None:
        if time.monotonic() > deadline:
            raise TimeUp
        run.example(example)

    with contextlib.suppress(TimeUp):
        (one if seed is None else hypothesis.seed(seed)(one))()
    shutil.rmtree(run.folder, ignore_errors=True)
    return run


class TimeUp(Exception):
    """The time budget is spent."""


def cli() -> int:
    """Parse the arguments, fuzz, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--seed", type=int, help="the same examples again")
    args = parser.parse_args()
    started = time.monotonic()
    run = fuzz(args.seconds, args.seed)
    took = time.monotonic() - started
    print(f"{run.examples} examples in {took:.0f} s "
          f"({run.examples / max(took, 1e-9):.1f} a second)")
    for outcome, count in sorted(run.outcomes.items()):
        print(f"  explainer {outcome}: {count}")
    if not run.findings:
        print("findings: none")
    for kind, detail in sorted(run.findings.items()):
        print(f"finding: {kind}\n{detail[:4000]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(cli())
