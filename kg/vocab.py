"""Namespaces of every term kg uses, generated from ontology/kg.ttl.

Do not edit: run `python tools/gen_vocab.py` after changing the ontology.
"""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KG", "OA", "ORG", "PE", "PROV", "SCHEMA", "SKOS"]

ONTOLOGY_IRI = "https://example.org/kg/ontology"


class KG(DefinedNamespace):
    """Terms of https://example.org/kg/ontology# that kg uses."""

    _NS = Namespace("https://example.org/kg/ontology#")
    _fail = True

    ByElection: URIRef
    Candidate: URIRef
    Current: URIRef
    Deaths: URIRef
    DirectQuote: URIRef
    ExtractionGraph: URIRef
    Former: URIRef
    GainedBy: URIRef
    GeneralElection: URIRef
    HeldBy: URIRef
    IndirectQuote: URIRef
    LostBy: URIRef
    LostDeposit: URIRef
    Majority: URIRef
    MajorityShare: URIRef
    MixedQuote: URIRef
    Murder: URIRef
    Outcome: URIRef
    OutcomeScheme: URIRef
    Pandemic: URIRef
    Perpetrator: URIRef
    Quotation: URIRef
    QuoteTypeScheme: URIRef
    Referendum: URIRef
    Resignation: URIRef
    Resigned: URIRef
    Role: URIRef
    RoleAcademic: URIRef
    RoleCandidate: URIRef
    RoleChair: URIRef
    RoleCoChair: URIRef
    RoleDeputyLeader: URIRef
    RoleHeadOfGovernment: URIRef
    RoleLeader: URIRef
    RoleLegislator: URIRef
    RoleMP: URIRef
    RoleMember: URIRef
    RoleMinister: URIRef
    RoleOfficial: URIRef
    RoleScheme: URIRef
    RoleShadowMinister: URIRef
    RoleStaff: URIRef
    Swing: URIRef
    TemporalStatusScheme: URIRef
    TriggeredBy: URIRef
    Turnout: URIRef
    TurnoutShare: URIRef
    Victim: URIRef
    VoteShare: URIRef
    Votes: URIRef
    Winner: URIRef
    approximation: URIRef
    baseIRI: URIRef
    boilerplate: URIRef
    confidence: URIRef
    contentHash: URIRef
    cue: URIRef
    cueSpan: URIRef
    date: URIRef
    electionKind: URIRef
    extractor: URIRef
    fileName: URIRef
    gainedBy: URIRef
    heldBy: URIRef
    lostDeposit: URIRef
    mentionCount: URIRef
    observedAt: URIRef
    outcomeObject: URIRef
    outcomeOf: URIRef
    outcomeSubject: URIRef
    outcomeType: URIRef
    outcomeValue: URIRef
    quoteType: URIRef
    roleLabel: URIRef
    spacyModel: URIRef
    temporalStatus: URIRef
    usageNote: URIRef
    winner: URIRef


class OA(DefinedNamespace):
    """Terms of http://www.w3.org/ns/oa# that kg uses."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    end: URIRef
    exact: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    start: URIRef


class ORG(DefinedNamespace):
    """Terms of http://www.w3.org/ns/org# that kg uses."""

    _NS = Namespace("http://www.w3.org/ns/org#")
    _fail = True

    Membership: URIRef
    Role: URIRef
    member: URIRef
    memberOf: URIRef
    organization: URIRef
    role: URIRef


class PE(DefinedNamespace):
    """Terms of http://parliament.uk/ontologies/election/ that kg uses."""

    _NS = Namespace("http://parliament.uk/ontologies/election/")
    _fail = True

    Candidacy: URIRef
    CandidacyResult: URIRef
    Election: URIRef
    WinningCandidacyResult: URIRef
    hasCandidacyResult: URIRef
    hasCandidate: URIRef
    inElection: URIRef
    majority: URIRef
    resultPosition: URIRef
    voteCount: URIRef


class PROV(DefinedNamespace):
    """Terms of http://www.w3.org/ns/prov# that kg uses."""

    _NS = Namespace("http://www.w3.org/ns/prov#")
    _fail = True

    Entity: URIRef
    SoftwareAgent: URIRef
    wasAttributedTo: URIRef
    wasDerivedFrom: URIRef


class SCHEMA(DefinedNamespace):
    """Terms of https://schema.org/ that kg uses."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    Event: URIRef
    Female: URIRef
    Male: URIRef
    NewsArticle: URIRef
    NewsMediaOrganization: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    PoliticalParty: URIRef
    Quotation: URIRef
    about: URIRef
    author: URIRef
    creator: URIRef
    datePublished: URIRef
    gender: URIRef
    headline: URIRef
    identifier: URIRef
    isPartOf: URIRef
    location: URIRef
    mentions: URIRef
    name: URIRef
    publisher: URIRef
    softwareVersion: URIRef
    superEvent: URIRef
    text: URIRef
    url: URIRef


class SKOS(DefinedNamespace):
    """Terms of http://www.w3.org/2004/02/skos/core# that kg uses."""

    _NS = Namespace("http://www.w3.org/2004/02/skos/core#")
    _fail = True

    Concept: URIRef
    altLabel: URIRef
    notation: URIRef
    prefLabel: URIRef


# Concepts of each scheme by their skos:notation.
NOTATIONS = {
    "OutcomeScheme": {
        "candidate": KG.Candidate,
        "deaths": KG.Deaths,
        "gained_by": KG.GainedBy,
        "held_by": KG.HeldBy,
        "lost_by": KG.LostBy,
        "lost_deposit": KG.LostDeposit,
        "majority": KG.Majority,
        "majority_share": KG.MajorityShare,
        "perpetrator": KG.Perpetrator,
        "resigned": KG.Resigned,
        "swing": KG.Swing,
        "triggered_by": KG.TriggeredBy,
        "turnout": KG.Turnout,
        "turnout_share": KG.TurnoutShare,
        "victim": KG.Victim,
        "vote_share": KG.VoteShare,
        "votes": KG.Votes,
        "winner": KG.Winner,
    },
    "QuoteTypeScheme": {
        "direct": KG.DirectQuote,
        "indirect": KG.IndirectQuote,
        "mixed": KG.MixedQuote,
    },
    "RoleScheme": {
        "MP": KG.RoleMP,
        "academic": KG.RoleAcademic,
        "candidate": KG.RoleCandidate,
        "chair": KG.RoleChair,
        "co-chair": KG.RoleCoChair,
        "deputy leader": KG.RoleDeputyLeader,
        "head of government": KG.RoleHeadOfGovernment,
        "leader": KG.RoleLeader,
        "legislator": KG.RoleLegislator,
        "member": KG.RoleMember,
        "minister": KG.RoleMinister,
        "official": KG.RoleOfficial,
        "shadow minister": KG.RoleShadowMinister,
        "staff": KG.RoleStaff,
    },
    "TemporalStatusScheme": {
        "current": KG.Current,
        "former": KG.Former,
    },
}


PREFIXES = {
    "kg": "https://example.org/kg/ontology#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "pe": "http://parliament.uk/ontologies/election/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
