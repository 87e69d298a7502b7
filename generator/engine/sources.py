"""What the live preview keeps of each source file between rebuilds, until it changes.

Each card and article file as loaded (with the stamp of the file, and of the article's
seed), the listings of the content folders, and every article at once while only cards
change. ``forget`` is told which files changed (or that anything may have: every file's
stamp is looked at again).
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from generator.engine.graph import Graph
from generator.engine.pictures import PictureStore
from generator.engine.pipeline import Reuse
from generator.errors import Diagnostic, has_errors
from generator.load.articles import article_files, load_article, load_articles
from generator.load.cards import card_files, load_card
from generator.model import Article, Card
from generator.project import Project

FileStamp = tuple[int, int, int, int]


def signature(path: Path) -> FileStamp | None:
    """What tells whether a file changed without reading it; None if it is gone."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


class SourceFiles:
    """The loaded cards and articles of one project, each kept until its file changes."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._cards: dict[Path, tuple[FileStamp | None, Card | None, list[Diagnostic]]] = {}
        self._articles: dict[Path, tuple[FileStamp | None, Path, FileStamp | None,
                                          Article | None, list[Diagnostic]]] = {}
        self._seed_of: dict[Path, set[Path]] = {}  # seed file -> article files using it
        # Every article as the last rebuild loaded them (allow_raw_html, articles, problems),
        # until a file that is not a card changes.
        self._article_list: tuple[bool, tuple[Article, ...], list[Diagnostic]] | None = None
        self._listings: dict[str, tuple[list[Path], list[Diagnostic]]] = {}
        self._verify = True

    def reuse(self, graph: Graph, pictures: PictureStore) -> Reuse:
        """What ``load_site`` reuses of these files, the graph and the pictures."""
        return Reuse(self._listing("cards"), self.load_card, self._listing("articles"),
                     self.load_article, graph, pictures=pictures, articles=self.load_articles)

    def forget(self, changed: Collection[Path] | None) -> None:
        """Mark files as changed; None means anything may have changed (check every file)."""
        self._verify = changed is None
        if changed is None:
            self._listings.clear()
            self._article_list = None
            return
        content = self.project.root / "content"
        cards = Path(os.path.realpath(self.project.cards_dir))
        for path in changed:
            path = Path(os.path.realpath(path.parent)) / path.name  # as list_files names it
            if not path.is_relative_to(cards):
                self._article_list = None  # an article, a seed, the settings...
            known = self._cards.pop(path, None) or self._articles.pop(path, None)
            if (known is None or not path.is_file()) and path.is_relative_to(content):
                self._listings.clear()  # added, removed or a folder: list again
            if known is None and path not in self._seed_of and not path.is_file():
                # A folder (or one removed, or replaced by another): any file under it
                # may have changed, unseen; look at each file's signature.
                self._verify = True
                self._listings.clear()
            for meta in self._seed_of.pop(path, ()):  # articles whose text this is
                self._articles.pop(meta, None)

    def _listing(self, kind: str) -> tuple[list[Path], list[Diagnostic]]:
        if kind not in self._listings:
            lister = card_files if kind == "cards" else article_files
            self._listings[kind] = lister(self.project)
        return self._listings[kind]

    def load_card(self, project: Project, path: Path) -> tuple[Card | None, list[Diagnostic]]:
        sig = signature(path) if self._verify else None
        entry = self._cards.get(path)
        if entry is not None and (not self._verify or entry[0] == sig):
            return entry[1], entry[2]
        card, diags = load_card(project, path, drafts=True)  # shown, marked as drafts
        if not has_errors(diags):
            self._cards[path] = (sig or signature(path), card, diags)
        return card, diags

    def load_article(self, project: Project, path: Path, md: Any,
                      allow_html: bool) -> tuple[Article | None, list[Diagnostic]]:
        entry = self._articles.get(path)
        if entry is not None and (not self._verify or (
                entry[0] == signature(path) and entry[2] == signature(entry[1]))):
            return entry[3], entry[4]
        article, diags = load_article(project, path, md, allow_html)
        if article is not None and not has_errors(diags):
            seed = project.root / article.seed
            self._articles[path] = (signature(path), seed, signature(seed), article, diags)
            self._seed_of.setdefault(seed, set()).add(path)
        return article, diags

    def load_articles(self, project: Project, md: Any, allow_html: bool,
                       ) -> tuple[tuple[Article, ...], list[Diagnostic]]:
        kept = self._article_list
        if kept is None or kept[0] != allow_html or self._verify:
            articles, diags = load_articles(project, md, allow_html, self._listing("articles"),
                                            self.load_article)
            if has_errors(diags):
                return articles, diags
            kept = self._article_list = (allow_html, articles, diags)
        return kept[1], list(kept[2])
