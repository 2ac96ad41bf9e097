"""Extraction: one parsed article in, all its facts out (pure: Doc -> ArticleFacts)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, ArticleFacts
from .events import find_events
from .memberships import find_memberships
from .names import DocNames
from .quotes import find_quotes

__all__ = ["extract_article"]


def extract_article(doc: Doc, article: Article, model: str = "") -> ArticleFacts:
    """Every fact in one article. ``doc`` is the parse of ``article.clean``."""
    names = DocNames(doc)
    quotes = find_quotes(doc, names, skip_before=title_end(article))
    memberships = find_memberships(doc, names)
    events, outcomes = find_events(doc, names, article.meta.date, memberships)
    entities = names.entities() + events   # after find_events, which may retype places
    return ArticleFacts(meta=article.meta, entities=tuple(entities), quotes=tuple(quotes),
                        memberships=tuple(memberships), outcomes=tuple(outcomes), model=model)


def title_end(article: Article) -> int:
    """Where the headline line ends (0 when the text has no headline line)."""
    title = article.meta.title
    if not title:
        return 0
    at = article.clean.find(title)
    return article.clean.find("\n", at) if 0 <= at < 400 else 0
