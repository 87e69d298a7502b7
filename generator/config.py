"""site.yaml -> SiteConfig."""

from __future__ import annotations

from generator.errors import Diagnostic, error
from generator.model import SiteConfig
from generator.project import Project, read_source
from generator.schema import load_record
from generator.specs import SITE


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
    ), []
