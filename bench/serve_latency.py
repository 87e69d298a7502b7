"""Save-to-rebuilt latency of ``explainer serve``: a file is written, how long until the output is.

    python bench/serve_latency.py [--runs 9] [--articles 2000] [--cards 1000] [--seed-only]

Runs the real preview (watcher, debounce, incremental rebuild, writing) on a
copy of the seed site (this repository) and on a synthetic site made by
bench/synth.py, and times three kinds of edit, each several times on
different files: a card's summary, an article's metadata (its title), and a
template (card.html, overridden in the project's templates/). A livereload
client in a process of its own looks at the page that shows the edit (the
card's page, the article's page), as a browser does. Two latencies, from just
before the file is written: "visible", until that client is told to reload
(the preview writes the page before it tells); "all", until the whole rebuilt
output is in place. "rebuild" is the time the rebuild itself took, "first"
the part of it until the page looked at was written; the rest is the watcher
noticing the save. Prints medians.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import generate  # noqa: E402
from generator.build import Options  # noqa: E402
from generator.serve.preview import Preview  # noqa: E402
from generator.urls import article_path, card_path  # noqa: E402

THEME = ROOT / "generator" / "theme" / "templates"
# An edit: (file to change, its new text, output file to watch, text the output must hold).
Edit = tuple[Path, str, str, str]


def start(project: Path) -> tuple[Preview, threading.Thread]:
    """The preview of ``project``, running on a free port."""
    preview = Preview(Options(project), "127.0.0.1", 0)
    ready = threading.Event()
    thread = threading.Thread(target=lambda: asyncio.run(preview.serve(ready)), daemon=True)
    thread.start()
    if not ready.wait(600) or preview.errors:
        raise SystemExit(f"the preview of {project} did not start: {preview.errors}")
    return preview, thread


VIEWER = r"""
import asyncio, json, sys, time
from tornado import httpclient, websocket

async def main(port):
    request = httpclient.HTTPRequest(f"ws://127.0.0.1:{port}/livereload",
                                     headers={"Origin": f"http://127.0.0.1:{port}"})
    socket = await websocket.websocket_connect(request)
    await socket.write_message(json.dumps(
        {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await socket.read_message()
    loop = asyncio.get_running_loop()

    async def orders():
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            await socket.write_message(json.dumps(
                {"command": "info", "plugins": {}, "url": line.strip()}))
            print("shown", flush=True)

    asyncio.ensure_future(orders())
    print("ready", flush=True)
    while (message := await socket.read_message()) is not None:
        if json.loads(message).get("command") == "reload":
            print("reload", time.monotonic(), flush=True)

asyncio.run(main(int(sys.argv[1])))
"""


class Viewer:
    """A livereload client in a process of its own, as a browser showing one page is: it
    notes the time each reload message comes."""

    def __init__(self, preview: Preview) -> None:
        self.base = f"http://127.0.0.1:{preview.port}/"
        self.reloads: list[float] = []
        self.process = subprocess.Popen([sys.executable, "-c", VIEWER, str(preview.port)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        self.shown = threading.Event()
        ready = threading.Event()
        threading.Thread(target=self._read, args=(ready,), daemon=True).start()
        if not ready.wait(30):
            raise SystemExit("the livereload client could not connect")

    def _read(self, ready: threading.Event) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            word, *rest = line.split()
            if word == "ready":
                ready.set()
            elif word == "shown":
                self.shown.set()
            elif word == "reload":
                self.reloads.append(float(rest[0]))

    def look_at(self, page: str) -> None:
        """Show ``page`` (an output path), as a browser that loaded it says."""
        assert self.process.stdin is not None
        self.shown.clear()
        self.process.stdin.write(self.base + page + "\n")
        self.process.stdin.flush()
        if not self.shown.wait(30):
            raise SystemExit("the livereload client did not answer")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def measure(preview: Preview, viewer: Viewer, make_edit: Callable[[int], Edit],
            runs: int) -> tuple[float, float, float, float]:
    """Median latencies until visible and until all is rebuilt, median rebuild time, and
    median time from the start of the rebuild to the page looked at written (ms), over
    ``runs`` edits."""
    visible, latencies, rebuilds, firsts = [], [], [], []
    for run in range(runs):
        source, text, output, expect = make_edit(run)
        viewer.look_at(output)
        time.sleep(0.05)  # the server has taken in which page the viewer shows
        before, told = preview.rebuilds, len(viewer.reloads)
        started = time.monotonic()
        source.write_text(text, encoding="utf-8")
        deadline = started + 120
        while preview.rebuilds == before:  # counters only: the preview runs in this process
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {output} ({preview.errors})")
            time.sleep(0.0005)
        latencies.append(time.monotonic() - started)
        if expect not in _read(preview.out / output):
            raise SystemExit(f"{output} does not hold the edit ({preview.errors})")
        while len(viewer.reloads) == told:
            if time.monotonic() > deadline:
                raise SystemExit(f"the viewer of {output} was not told to reload")
            time.sleep(0.0005)
        seen = viewer.reloads[told] - started  # when the viewer's process was told
        visible.append(seen)
        assert preview.last is not None
        rebuilds.append(preview.last.seconds)
        firsts.append(preview.last.shown_seconds or preview.last.seconds)
        time.sleep(0.1)  # let the watcher settle between edits
    return (statistics.median(visible) * 1000, statistics.median(latencies) * 1000,
            statistics.median(rebuilds) * 1000, statistics.median(firsts) * 1000)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _replace_line(path: Path, key: str, value: str) -> str:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(key + ":"))
    end = index + 1
    while end < len(lines) and lines[end].startswith((" ", "\t")):  # a folded value
        end += 1
    lines[index:end] = [f"{key}: {value}\n"]
    return "".join(lines)


def edits(
    project: Path, cards: list[Path], articles: list[Path]
) -> dict[str, Callable[[int], Edit]]:
    """The three kinds of edit, each on a different file at every run."""
    template = project / "templates" / "card.html"

    def card(run: int) -> Edit:
        path = cards[run * 7919 % len(cards)]
        words = f"Edited summary {run} of this card."
        return (path, _replace_line(path, "summary", words),
                card_path(_id(path)), words)

    def article(run: int) -> Edit:
        path = articles[run * 7919 % len(articles)]
        words = f"Edited headline {run}"
        return (path, _replace_line(path, "title", words),
                article_path(_id(path)), words)

    def theme(run: int) -> Edit:
        mark = f"<!-- edit {run} -->"
        text = (THEME / "card.html").read_text(encoding="utf-8").replace(
            "{% block main %}", "{% block main %}" + mark, 1)
        return template, text, card_path(_id(cards[0])), mark

    return {"card summary": card, "article metadata": article, "template (card.html)": theme}


def _id(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("id:"):
            return line[3:].strip()
    return path.stem


def bench(name: str, project: Path, runs: int,
          ) -> list[tuple[str, str, float, float, float, float]]:
    """Time every kind of edit on one project."""
    (project / "templates").mkdir(exist_ok=True)
    shutil.copy(THEME / "card.html", project / "templates" / "card.html")
    cards = sorted((project / "content" / "cards").rglob("*.yaml"))
    articles = sorted((project / "content" / "articles").glob("*.yaml"))
    print(f"{name}: {len(articles)} article(s), {len(cards)} card(s); starting the preview...",
          flush=True)
    preview, thread = start(project)
    viewer = Viewer(preview)
    rows = []
    try:
        for kind, make_edit in edits(project, cards, articles).items():
            seen, latency, rebuild, first = measure(preview, viewer, make_edit, runs)
            rows.append((name, kind, seen, latency, rebuild, first))
            print(f"  {kind:<22} median visible {seen:7.1f} ms, all {latency:7.1f} ms  "
                  f"(rebuild {rebuild:7.1f} ms, its page written after {first:7.1f} ms)",
                  flush=True)
    finally:
        viewer.close()
        preview.stop()
        thread.join(30)
    return rows


def main() -> None:
    """Command line: run the benchmark and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="edits of each kind (default 9)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=0,
                        help="attributed quotes per synthetic article (default 0)")
    parser.add_argument("--synthetic-only", action="store_true", help="skip the seed site")
    parser.add_argument("--seed-only", action="store_true", help="skip the synthetic site")
    parser.add_argument("--seed-project", type=Path, default=ROOT, metavar="DIR",
                        help="the seed site's project (default: this repository)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
        seed = Path(tmp) / "seed"
        shutil.copytree(args.seed_project, seed, ignore=shutil.ignore_patterns(
            ".*", "public", "tests", "bench", "generator", "*.egg-info", "docs",
            "test-artifacts"))
        rows = [] if args.synthetic_only else bench("seed site", seed, args.runs)
        if not args.seed_only:
            synthetic = generate(Path(tmp) / "synthetic", args.articles, args.cards,
                                 quotes=args.quotes)
            rows += bench(f"synthetic site ({args.articles} articles, {args.cards} cards, "
                          f"{args.quotes} quotes each)", synthetic, args.runs)
    print("\nsite | edit | median save-to-visible ms | median save-to-all-rebuilt ms | "
          "median rebuild ms | median rebuild ms until the page looked at is written")
    for name, kind, seen, latency, rebuild, first in rows:
        print(f"{name} | {kind} | {seen:.1f} | {latency:.1f} | {rebuild:.1f} | {first:.1f}")


if __name__ == "__main__":
    main()
