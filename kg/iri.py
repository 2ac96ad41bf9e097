"""Every IRI kg mints, in one place, deterministically.

Entities get readable slugs from their canonical names ("person/jane-doe");
facts get keys from their article and content, so the same input always gives
the same IRIs, and any text (quotes, angle brackets, emoji, right-to-left
script) yields a valid IRI.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

DEFAULT_BASE = "https://example.org/kg/id/"
BASE = DEFAULT_BASE      # the base of this process's IRIs: see use_base
_LISTENERS: list = []    # called after the base changes (kg.export.rdf refreshes its prefixes)

KIND_PATH = {"Person": "person", "Organization": "organization", "PoliticalParty": "organization", "NewsMediaOrganization": "organization",
             "Place": "place", "Event": "event"}


def slugify(text: str, limit: int = 80) -> str:
    """ASCII slug of a name: "Dame Jane Doe" -> "dame-jane-doe"; never empty."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:limit].strip("-")
    return slug or "x" + digest(text)[:8]


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()


def entity_path(kind: str, slug: str) -> str:
    """The id of an entity: its kind's path and its slug, "person/jane-doe"."""
    return f"{KIND_PATH[kind]}/{slug}"


def entity(entity_id: str) -> str:
    return BASE + entity_id


def entity_id(iri: str) -> str:
    """The short id of an entity IRI, as facts.json uses it: "person/jane-doe"."""
    return iri[len(BASE):] if iri.startswith(BASE) else iri


def article(article_id: str) -> str:
    return f"{BASE}article/{article_id}"


def graph(article_id: str) -> str:
    """The named graph of everything extracted from one article."""
    return f"{BASE}graph/{article_id}"


ENTITIES_GRAPH = f"{BASE}graph/entities"
ONTOLOGY_GRAPH = f"{BASE}graph/ontology"


class BaseError(ValueError):
    """A base IRI kg cannot mint under; str() is one line."""


def check_base(base: str) -> str:
    """``base`` if IRIs can be minted by appending paths to it: an absolute http(s) IRI, without
    spaces, angle brackets, quotes, query or fragment, ending in "/" (one is added when missing)."""
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`?#/]+(/[^\s<>\"{}|\\^`?#]*)?", base or ""):
        raise BaseError(f"{base!r} is not a base IRI: give an absolute http(s) address such as "
                        f"https://news.example.com/kg/id/ (no spaces, query or fragment)")
    return base if base.endswith("/") else base + "/"


def use_base(base: str) -> str:
    """Mint every IRI of this process under ``base`` (checked, see check_base); returns it."""
    global BASE, ENTITIES_GRAPH, ONTOLOGY_GRAPH
    BASE = check_base(base)
    ENTITIES_GRAPH, ONTOLOGY_GRAPH = f"{BASE}graph/entities", f"{BASE}graph/ontology"
    for listener in _LISTENERS:
        listener()
    return BASE


def evidence(article_id: str, start: int, end: int) -> str:
    return f"{BASE}evidence/{article_id}-{start}-{end}"


def quote(article_id: str, start: int, end: int, kind: str) -> str:
    return f"{BASE}quote/{article_id}-{start}-{end}-{kind}"


def membership(article_id: str, *key: object) -> str:
    return f"{BASE}membership/{article_id}-{digest(*key)[:12]}"


def outcome(article_id: str, *key: object) -> str:
    return f"{BASE}outcome/{article_id}-{digest(*key)[:12]}"


def candidacy(event_id: str, person_id: str) -> str:
    return f"{BASE}candidacy/{event_id.split('/', 1)[-1]}--{person_id.split('/', 1)[-1]}"


def agent(version: str, model: str) -> str:
    return f"{BASE}agent/kg-{slugify(version)}-{slugify(model)}"
