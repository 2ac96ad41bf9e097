"""The small frozen dataclasses that pass between the pipeline's stages.

ingest -> Article; extract -> ArticleFacts (facts that point at LocalEntity
keys within one article); resolve -> Resolution (LocalEntity -> Entity across
articles); graph turns both into RDF. Offsets are Python string indices into
the decoded text of the article's file, end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of entity. Event entities carry an EventInfo as well.
PERSON = "Person"
ORGANIZATION = "Organization"
PARTY = "PoliticalParty"
MEDIA = "NewsMediaOrganization"
PLACE = "Place"
EVENT = "Event"
ENTITY_KINDS = (PERSON, ORGANIZATION, PARTY, MEDIA, PLACE, EVENT)
ORG_KINDS = (ORGANIZATION, PARTY, MEDIA)
# When the evidence for two kinds is equal: the more specific kind first, the catch-all organisation last.
TIE_ORDER = (PERSON, PARTY, MEDIA, PLACE, EVENT, ORGANIZATION)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text, with its exact words."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ArticleMeta:
    """What the graph records about an article (everything but its text)."""

    id: str                  # 16 hex digits of the SHA-256 of the text
    path: str                # where it was read from: a file, "<stdin>", or a record "feed.jsonl#L12"
    name: str                # how facts.json names it: the file name (below the directory given), "feed.jsonl#L12"
    sha256: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    identifier: str | None = None   # the id a JSON record gives it
    length: int = 0
    boilerplate: tuple[tuple[int, int], ...] = ()   # page furniture, blanked before parsing


@dataclass(frozen=True)
class Article:
    """An article as read: its original text and a cleaned copy of equal length.

    ``clean`` is ``text`` with boilerplate (newsletter sign-ups, repeated
    captions ...) blanked out by spaces, so offsets into either are the same.
    """

    meta: ArticleMeta
    text: str
    clean: str


@dataclass(frozen=True)
class EventInfo:
    """What is known of an event entity: its type, date and place."""

    type: str                # ByElection, Election, Referendum, Murder, Resignation, Pandemic
    date: str | None = None  # ISO, at the precision the text allows (YYYY, YYYY-MM, YYYY-MM-DD)
    place: int | None = None  # LocalEntity key of the place
    kind: str | None = None  # an election's kind: by-election, general, council, special, mayoral, leadership ...
    part_of: int | None = None   # LocalEntity key of the event it is part of (a seat's contest in a general election)


@dataclass(frozen=True)
class LocalEntity:
    """An entity as one article names it: all its mentions, clustered."""

    key: int
    kind: str
    name: str                          # the fullest name in this article
    forms: tuple[str, ...]             # every surface form, in order of appearance
    mentions: tuple[Span, ...]
    gender: str | None = None          # "female" / "male" when the text makes it clear
    kind_votes: tuple[tuple[str, float], ...] = ()  # evidence for the kind, for corpus-wide voting
    event: EventInfo | None = None
    anonymous: bool = False            # unnamed but specific ("the far-right candidate"): never merged by name


@dataclass(frozen=True)
class Quote:
    speaker: int           # LocalEntity key
    span: Span             # the quoted words (direct) or the reported clause (indirect)
    kind: str              # "direct", "indirect" or "mixed"
    cue: str               # the speech verb or phrase as written
    cue_span: Span | None
    confidence: float
    rule: str              # which extraction rule fired


@dataclass(frozen=True)
class Membership:
    person: int            # LocalEntity key
    organization: int | None
    role: str              # as written ("national campaign coordinator")
    role_key: str          # concept of the role scheme ("official")
    current: bool
    evidence: Span
    confidence: float
    rule: str


@dataclass(frozen=True)
class Outcome:
    event: int             # LocalEntity key of the event
    predicate: str         # winner, candidate, votes, majority, held_by, vote_share, turnout ...
    subject: int | None    # LocalEntity key; None for an election-level figure (a majority) with no winner named
    value: int | float | None   # a count (votes, majority) or a percentage (vote_share, turnout_share, swing)
    evidence: Span
    confidence: float
    rule: str
    rank: int | None = None    # the candidate's place when the text states it ("came second": 2)
    other: int | None = None   # LocalEntity key of a second entity: a candidate's party, the party a seat was gained from
    approx: str | None = None  # a figure's qualifier as written ("more than", "nearly", "just under")


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article."""

    meta: ArticleMeta
    entities: tuple[LocalEntity, ...]
    quotes: tuple[Quote, ...] = ()
    memberships: tuple[Membership, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    model: str = ""          # spaCy pipeline name and version


@dataclass(frozen=True)
class Entity:
    """One real-world entity across all articles."""

    id: str                            # stable IRI key, e.g. "person/jane-doe"
    kind: str
    name: str
    aliases: tuple[str, ...]
    gender: str | None = None
    mention_count: int = 0
    event: EventInfo | None = None     # its place is the entity id in ``event_place``
    event_place: str | None = None
    event_part_of: str | None = None   # the entity id of the event it is part of


@dataclass(frozen=True)
class Resolution:
    """Entities across articles and where each article's local entities went."""

    entities: dict[str, Entity] = field(default_factory=dict)    # by entity id
    # (article id, local key) -> entity id
    assignment: dict[tuple[str, int], str] = field(default_factory=dict)
    # entity id -> what its members say, summed (kg.tally): what the entity index keeps
    tallies: dict = field(default_factory=dict)

    def id(self, article_id: str, key: int | None) -> str | None:
        if key is None:
            return None
        return self.assignment.get((article_id, key))
