"""site.yaml -> SiteConfig."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from urllib.parse import urlsplit

from generator.errors import Diagnostic, Location, error, shown
from generator.load.schema import load_record
from generator.load.specs import SITE
from generator.model import SiteConfig
from generator.project import Project, read_source


def load_config(
    project: Project, base_url: str | None = None
) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """Read and validate site.yaml; ``base_url`` overrides the file's value."""
    path = project.site_file
    if not path.is_file():
        return None, [error("config-missing", "no site.yaml in the project",
                            project.loc(path), "run the command in the project folder, "
                            "or pass --project DIR")]
    data, diags = read_source(project, path)
    if data is None:
        return None, diags
    checked, diags = load_record(data, SITE, project.show(path))
    if checked is None:
        return None, diags
    url = base_url or checked["base_url"]
    where = Location("--base-url") if base_url else checked.where("base_url")
    problem = base_url_problem(url)
    if problem:
        diags.append(error("base-url", f"base_url '{url}' {problem}", where,
                           "write the address the site is published at, e.g. "
                           "https://example.org/explainers/"))
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if checked["timestamps"] and (problem := epoch_problem(epoch)):
        diags.append(error("source-date-epoch", f"SOURCE_DATE_EPOCH={shown(epoch, 30)} "
                           f"{problem}", Location("SOURCE_DATE_EPOCH"),
                           f"seconds since 1970-01-01 UTC, from 0 to {LAST_EPOCH}; or unset "
                           "it to print the time of the build"))
    image = checked.get("image", "")
    if image and (image != posixpath.normpath(image) or image.startswith(("/", ".."))
                  or "://" in image):
        diags.append(error("schema-value", f"'image': '{image}' must be a path inside the "
                           "site, e.g. static/share.png", checked.where("image")))
    if diags:
        return None, diags
    return SiteConfig(
        title=checked["title"],
        description=checked["description"],
        language=checked["language"],
        base_url=url if url.endswith("/") else url + "/",
        author=checked.get("author", ""),
        link_mentions=checked["link_mentions"],
        link_cards=checked["link_cards"],
        allow_raw_html=checked["allow_raw_html"],
        output_dir=checked["output_dir"],
        snippet_chars=checked["snippet_chars"],
        location=checked.loc,
        freshness_days=checked["freshness_days"],
        timestamps=checked["timestamps"],
        image=image,
        twitter=checked.get("twitter", ""),
        per_page=checked["per_page"],
        feed_entries=checked["feed_entries"],
    ), []


def base_url_problem(url: str) -> str:
    """Why ``url`` cannot be a site's base URL, or an empty string."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "is not a URL"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "must be an absolute http:// or https:// address"
    if parts.query or parts.fragment or "#" in url or "?" in url:
        return "cannot have a ?query or #fragment"
    if any(c.isspace() for c in url):
        return "cannot contain spaces"
    return ""


LAST_EPOCH = 253_402_300_799  # 9999-12-31 23:59:59 UTC, the last time a date can show


def epoch_problem(epoch: str) -> str:
    """Why ``epoch`` (SOURCE_DATE_EPOCH) cannot be used, or an empty string (unset is fine)."""
    if not epoch:
        return ""
    if not epoch.isascii() or not epoch.isdigit():
        return "is not a whole number of seconds"
    if int(epoch) > LAST_EPOCH:
        return "is after the year 9999"
    return ""


def build_time(enabled: bool) -> dt.datetime | None:
    """The time to print as the build time: None unless asked for; SOURCE_DATE_EPOCH wins."""
    if not enabled:
        return None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch_problem(epoch) and epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
