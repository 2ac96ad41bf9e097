"""Extraction: one parsed article in, all its facts out (pure: Doc -> ArticleFacts)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, ArticleFacts
from .events import EventFinder
from .roles import find_memberships
from .names import DocNames
from .outcomes import find_outcomes
from .quotes import find_quotes
from .quotes.speakers import settle

__all__ = ["extract_article"]


def extract_article(doc: Doc, article: Article, model: str = "") -> ArticleFacts:
    """Every fact in one article. ``doc`` is the parse of ``article.clean``."""
    names = DocNames(doc, article.clean)
    quotes, pending = find_quotes(doc, names, skip_before=title_end(article))
    memberships = find_memberships(doc, names)
    events = EventFinder(doc, names, article.meta.date)
    events.find()
    base = len(names.groups) + 1000   # event keys follow name keys, with room for entities outcomes add
    outcomes, roles = find_outcomes(doc, names, events, memberships, base)
    memberships += roles
    quotes += settle(pending, names, memberships, outcomes)   # "the new MP said": once roles are known
    entities = names.entities() + events.entities(base)   # last: events retype places, outcomes add people
    return ArticleFacts(meta=article.meta, entities=tuple(entities), quotes=tuple(quotes),
                        memberships=tuple(memberships), outcomes=tuple(outcomes), model=model)


def title_end(article: Article) -> int:
    """Where the headline line ends (0 when the text has no headline line)."""
    title = article.meta.title
    if not title:
        return 0
    at = article.clean.find(title)
    return article.clean.find("\n", at) if 0 <= at < 400 else 0
