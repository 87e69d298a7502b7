"""explainer: turn news articles and YAML fact cards into a linked static explainer site."""

__version__ = "0.1.0"
