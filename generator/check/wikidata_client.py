"""Wikidata's entity data, fetched over HTTP and kept on disk for a day.

The standard library's client is enough here: one GET per item, a timeout, a
User-Agent (Wikimedia asks every client for one), no session or retries to manage.
Answers are kept in the project's cache folder, one file per item with the time it was
fetched and the address it came from; a file is written whole or not at all, and the
cache is not used if its folder is a symbolic link (it could point out of the project).
Once the service cannot be reached, no other item is asked for in that run.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path

from generator import __version__
from generator.check import WIKIDATA_URL
from generator.check.wikidata_entity import Entity, EntityFormatError, parse_entity

log = logging.getLogger(__name__)

DEFAULT_URL = WIKIDATA_URL
MAX_AGE = 24 * 60 * 60  # seconds an answer is reused
MAX_BYTES = 64_000_000  # the largest items (countries) are a few megabytes
USER_AGENT = f"explainer/{__version__} (fact-card check; Python urllib)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """An item's entity, or why there is none (``offline``: the service was not reached)."""

    entity: Entity | None
    problem: str = ""
    offline: bool = False
    missing: bool = False  # the service answered that there is no such item


@dataclass(frozen=True, slots=True)
class WikidataSettings:
    """How ``explainer check --wikidata`` reaches Wikidata."""

    base_url: str = DEFAULT_URL
    refresh: bool = False  # ask again even for items fetched less than a day ago
    timeout: float = 10.0
    clock: Callable[[], float] = time.time  # seconds since the epoch; tests set the time


class EntitySource:
    """Items by id: from the disk cache while fresh, else from ``settings.base_url``."""

    def __init__(self, settings: WikidataSettings, cache: Path | None,
                 languages: tuple[str, ...] = ("en",)) -> None:
        self.settings = settings
        self.cache = cache
        self.languages = languages
        self._offline = ""
        self._lock = threading.Lock()

    def url(self, item: str) -> str:
        """Where the entity data of ``item`` is asked for."""
        base = self.settings.base_url
        return f"{base}{'' if base.endswith('/') else '/'}{item}.json"

    def get(self, item: str) -> Fetched:
        """The entity ``item``; safe to call from several threads."""
        url = self.url(item)
        cached = self._read(item, url)
        if cached is not None:
            try:
                return Fetched(parse_entity(cached, item, self.languages))
            except EntityFormatError:
                pass  # a damaged cache file: ask again
        with self._lock:
            if self._offline:
                return Fetched(None, self._offline, offline=True)
        try:
            request = urllib.request.Request(url, headers={
                "User-Agent": USER_AGENT, "Accept": "application/json"})
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
                data = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            missing = exc.code == 404
            why = (f"{url} answered {exc.code} {exc.reason}"
                   + (": there is no such item" if missing else ""))
            return Fetched(None, why, missing=missing)
        except (urllib.error.URLError, OSError, HTTPException) as exc:
            reason = getattr(exc, "reason", None) or exc
            with self._lock:
                self._offline = self._offline or f"cannot reach {url}: {reason}"
                return Fetched(None, self._offline, offline=True)
        if len(data) > MAX_BYTES:
            return Fetched(None, f"{url} answered more than {MAX_BYTES:,} bytes")
        try:
            entity = parse_entity(data, item, self.languages)
        except EntityFormatError as exc:
            return Fetched(None, f"{url} did not answer with Wikidata entity data: {exc}")
        self._write(item, url, data)
        return Fetched(entity)

    def _path(self, item: str) -> Path | None:
        return None if self.cache is None else self.cache / f"{item}.json"

    def _read(self, item: str, url: str) -> bytes | None:
        """The cached answer for ``url`` if it is fresh and the refresh was not asked for."""
        path = self._path(item)
        if path is None or self.settings.refresh:
            return None
        try:
            # O_NOFOLLOW: a cache file that is a symbolic link is never read.
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(handle, "rb") as file:
                record = json.loads(file.read())
            fetched, body = float(record["fetched"]), str(record["response"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        age = self.settings.clock() - fetched
        if record.get("url") != url or not 0 <= age < MAX_AGE:
            return None
        return body.encode()

    def _write(self, item: str, url: str, data: bytes) -> None:
        path = self._path(item)
        if path is None:
            return
        try:
            record = {"url": url, "fetched": self.settings.clock(),
                      "response": data.decode("utf-8")}
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{item}.")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    json.dump(record, file, ensure_ascii=False)
                os.replace(temporary, path)  # replaces a link itself, never its target
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError) as exc:
            log.debug("Wikidata answer for %s not cached: %s", item, exc)


def cache_folder(root: Path, cache_dir: str) -> Path | None:
    """``root/cache_dir/wikidata``, made if need be; None if either folder is a link."""
    top = root / cache_dir
    folder = top / "wikidata"
    try:
        for path in (top, folder):
            if path.is_symlink():
                log.warning("Wikidata answers are not cached: %s is a symbolic link", path)
                return None
            path.mkdir(exist_ok=True)
        ignore = top / ".gitignore"
        if not ignore.exists() and not ignore.is_symlink():
            ignore.write_text("# The build cache of explainer: safe to delete.\n*\n")
    except OSError as exc:
        log.warning("Wikidata answers are not cached: %s", exc)
        return None
    return folder
