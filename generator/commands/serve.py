"""``explainer serve``: a live preview, rebuilt and reloaded on every change."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from generator.commands import add_command
from generator.console import Console

EXAMPLES = """examples:
  explainer serve                  preview at http://127.0.0.1:8000/
  explainer serve --open -p 8001   on another port, opened in the browser
  explainer serve --host 0.0.0.0   let other machines on the network see it (careful)

The preview is written to a temporary folder, never to the output folder, and
removed when the server stops (Ctrl-C, or the signal TERM or HUP to the process
id it prints).
"""


def register(commands: Any) -> None:
    """Add ``serve``."""
    parser = add_command(
        commands, "serve", "preview the site, rebuilt and reloaded on every change",
        "Build the site, serve it, and rebuild and reload the browser whenever site.yaml, "
        "content/, seeds/, templates/ or static/ change. A broken edit shows its errors "
        "in the browser until it is fixed.", EXAMPLES)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", "-p", type=int, default=8000,
                        help="port to listen on (default: 8000; 0 picks a free one)")
    parser.add_argument("--open", action="store_true", help="open the preview in a browser")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run)


def is_local(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the preview as Ctrl-C does, so that its folder is removed.

    (Their default is to end the process at once, leaving the folder behind.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; a caller there has its own
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run(args: argparse.Namespace, console: Console) -> int:
    """Serve until Ctrl-C."""
    from generator.build import Options
    from generator.serve.preview import Preview

    host = str(args.host)
    if not is_local(host):
        console.problem(f"warning: serving on {host}: other machines on the network can read "
                        "the preview")
    for noisy in ("tornado.access", "watchfiles"):  # one line per request or event
        logging.getLogger(noisy).setLevel(logging.WARNING)
    preview = Preview(Options(args.project, strict=args.strict), host, args.port)
    ready = threading.Event()

    def announce() -> None:
        if ready.wait():
            console.say(f"Serving {args.project.resolve().name} at {preview.url} "
                        f"(process {os.getpid()}; press Ctrl-C to stop)")
            console.out.flush()

    threading.Thread(target=announce, daemon=True).start()
    try:
        with _stopped_by_signals():
            asyncio.run(preview.serve(ready, open_browser=args.open))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        console.problem(f"error: cannot serve on {host}:{args.port}: {exc.strerror or exc}")
        return 1
    console.say("Stopped.")
    return 0
