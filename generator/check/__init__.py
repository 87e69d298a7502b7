"""explainer check: the link checker, the editorial audits and the Wikidata comparison."""

# Here rather than in the Wikidata client, so that the command line can show it as a
# default without importing urllib for every build.
WIKIDATA_URL = "https://www.wikidata.org/wiki/Special:EntityData/"
