"""Facts and entities -> RDF quads in the ontology's terms.

Entities (and the extractor's agent node) go in the entities graph; everything
extracted from one article, the article node included, goes in that article's
own named graph, so the article can be replaced alone. Each fact is a node
with its evidence (an oa:SpecificResource with position and quote selectors),
its confidence, the rule that found it and the agent that ran the rule, plus
shortcut triples for easy queries (org:memberOf, kg:winner, pe:majority ...).
"""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Iterator

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import RDF, RDFS, XSD

from . import __version__, iri
from .model import EVENT, MEDIA, ORG_KINDS, PARTY, PERSON, ArticleFacts, Entity, Resolution, Span
from .vocab import KG, NOTATIONS, OA, ORG, PE, PROV, SCHEMA, SKOS

KIND_CLASSES = {
    PERSON: (SCHEMA.Person,),
    "Organization": (SCHEMA.Organization,),
    PARTY: (SCHEMA.PoliticalParty, SCHEMA.Organization),
    MEDIA: (SCHEMA.NewsMediaOrganization, SCHEMA.Organization),
    "Place": (SCHEMA.Place,),
}
EVENT_CLASSES = {
    "ByElection": (PE.Election, KG.ByElection),
    "Election": (PE.Election, KG.GeneralElection),
    "Referendum": (KG.Referendum,),
    "Murder": (KG.Murder,),
    "Resignation": (KG.Resignation,),
    "Pandemic": (KG.Pandemic,),
}
GENDERS = {"female": SCHEMA.Female, "male": SCHEMA.Male}


@lru_cache(maxsize=4096)
def N(term: str) -> NamedNode:
    return NamedNode(str(term))


class _Terms:
    """Vocabulary terms as pyoxigraph nodes, each looked up once: V.SCHEMA_name is N(SCHEMA.name).
    (A DefinedNamespace attribute costs two microseconds, and the graph writes hundreds of thousands.)"""

    def __getattr__(self, name: str) -> NamedNode:
        prefix, _, local = name.partition("_")
        node = N(getattr(_NAMESPACES[prefix], local))
        setattr(self, name, node)
        return node


_NAMESPACES = {"RDF": RDF, "RDFS": RDFS, "XSD": XSD, "KG": KG, "SCHEMA": SCHEMA, "ORG": ORG, "PE": PE, "PROV": PROV,
               "OA": OA, "SKOS": SKOS}
V = _Terms()


def text(value: str) -> Literal:
    return Literal(value)


def typed(value: object, datatype: NamedNode) -> Literal:
    return Literal(str(value), datatype=datatype)


def number(value: int | float) -> Literal:
    """A count as xsd:integer, a percentage as xsd:decimal in canonical form."""
    if isinstance(value, int):
        return typed(value, V.XSD_integer)
    digits = repr(float(value)).rstrip("0")
    return typed(digits + "0" if digits.endswith(".") else digits, V.XSD_decimal)


def decimal(value: float) -> str:
    """Two decimal places in canonical form ("0.8", "1.0"), as a store would give it back."""
    digits = f"{value:.2f}".rstrip("0")
    return digits + "0" if digits.endswith(".") else digits


def date_literal(value: str) -> Literal:
    kind = {4: V.XSD_gYear, 7: V.XSD_gYearMonth}.get(len(value), V.XSD_date)
    return typed(value, kind)


class GraphBuilder:
    def __init__(self, resolution: Resolution, model: str):
        self.res = resolution
        self.agent = N(iri.agent(__version__, model))
        self.model = model

    # ------------------------------------------------------------------ entities

    def entity_quads(self, only: list[Entity] | None = None) -> Iterator[Quad]:
        """The entities graph: the extractor's agent and every entity (or the entities ``only``)."""
        g = N(iri.ENTITIES_GRAPH)
        yield Quad(self.agent, V.RDF_type, V.PROV_SoftwareAgent, g)
        yield Quad(self.agent, V.SCHEMA_name, text("kg"), g)
        yield Quad(self.agent, V.SCHEMA_softwareVersion, text(__version__), g)
        yield Quad(self.agent, V.KG_spacyModel, text(self.model), g)
        yield Quad(self.agent, V.KG_baseIRI, typed(iri.BASE, V.XSD_anyURI), g)
        for e in sorted(self.res.entities.values(), key=lambda e: e.id) if only is None else only:
            yield from self._entity(e, g)

    def _entity(self, e: Entity, g: NamedNode) -> Iterator[Quad]:
        s = N(iri.entity(e.id))
        classes = EVENT_CLASSES.get(e.event.type, ()) + (SCHEMA.Event,) if e.kind == EVENT and e.event \
            else KIND_CLASSES.get(e.kind, (SCHEMA.Organization,))
        for c in classes:
            yield Quad(s, V.RDF_type, N(c), g)
        yield Quad(s, V.SCHEMA_name, text(e.name), g)
        yield Quad(s, V.SKOS_prefLabel, text(e.name), g)
        yield Quad(s, V.RDFS_label, text(e.name), g)
        for alias in e.aliases:
            yield Quad(s, V.SKOS_altLabel, text(alias), g)
        if e.gender in GENDERS:
            yield Quad(s, V.SCHEMA_gender, N(GENDERS[e.gender]), g)
        yield Quad(s, V.KG_mentionCount, typed(e.mention_count, V.XSD_integer), g)
        if e.event is not None:
            if e.event.date:
                yield Quad(s, V.KG_date, date_literal(e.event.date), g)
            if e.event_place:
                yield Quad(s, V.SCHEMA_location, N(iri.entity(e.event_place)), g)
            if e.event_part_of:
                yield Quad(s, V.SCHEMA_superEvent, N(iri.entity(e.event_part_of)), g)
            if e.event.kind:
                yield Quad(s, V.KG_electionKind, text(e.event.kind), g)

    # ------------------------------------------------------------------ articles

    def article_quads(self, facts: ArticleFacts) -> Iterator[Quad]:
        meta, aid = facts.meta, facts.meta.id
        g = N(iri.graph(aid))
        art = N(iri.article(aid))
        ent = self._resolver(aid)
        yield Quad(g, V.RDF_type, V.KG_ExtractionGraph, g)
        yield Quad(g, V.PROV_wasDerivedFrom, art, g)
        yield Quad(g, V.PROV_wasAttributedTo, self.agent, g)
        yield Quad(art, V.RDF_type, V.SCHEMA_NewsArticle, g)
        yield Quad(art, V.KG_fileName, text(meta.name), g)
        yield Quad(art, V.KG_contentHash, text(meta.sha256), g)
        for prop, value in ((SCHEMA.headline, meta.title), (SCHEMA.author, meta.author),
                            (SCHEMA.publisher, meta.publisher), (SCHEMA.url, meta.url),
                            (SCHEMA.identifier, meta.identifier)):
            if value:
                yield Quad(art, N(prop), text(value), g)
        if meta.date:
            yield Quad(art, V.SCHEMA_datePublished, date_literal(meta.date), g)
        for start, end in meta.boilerplate:
            yield Quad(art, V.KG_boilerplate, N(iri.evidence(aid, start, end)), g)
            yield from self._evidence(aid, art, Span(start, end, ""), g, exact=False)
        for e in facts.entities:
            target = ent(e.key)
            if target is not None:
                yield Quad(art, V.SCHEMA_mentions, target, g)
        mentions = self._mention_index(facts)
        for q in facts.quotes:
            yield from self._quote(q, facts, art, g, ent, mentions)
        for m in facts.memberships:
            yield from self._membership(m, facts, art, g, ent)
        for o in facts.outcomes:
            yield from self._outcome(o, facts, art, g, ent)

    def _resolver(self, aid: str):
        def ent(key):
            eid = self.res.id(aid, key)
            return N(iri.entity(eid)) if eid else None
        return ent

    def _evidence(self, aid: str, art: NamedNode, span: Span, g: NamedNode, exact: bool = True) -> Iterator[Quad]:
        ev = N(iri.evidence(aid, span.start, span.end))
        pos = N(ev.value + "/position")
        yield Quad(ev, V.RDF_type, V.OA_SpecificResource, g)
        yield Quad(ev, V.OA_hasSource, art, g)
        yield Quad(ev, V.OA_hasSelector, pos, g)
        yield Quad(pos, V.RDF_type, V.OA_TextPositionSelector, g)
        yield Quad(pos, V.OA_start, typed(span.start, V.XSD_integer), g)
        yield Quad(pos, V.OA_end, typed(span.end, V.XSD_integer), g)
        if exact:
            quote = N(ev.value + "/quote")
            yield Quad(ev, V.OA_hasSelector, quote, g)
            yield Quad(quote, V.RDF_type, V.OA_TextQuoteSelector, g)
            yield Quad(quote, V.OA_exact, text(span.text), g)

    def _provenance(self, node: NamedNode, aid: str, art, span: Span, conf: float, rule: str, g) -> Iterator[Quad]:
        yield Quad(node, V.PROV_wasDerivedFrom, N(iri.evidence(aid, span.start, span.end)), g)
        yield Quad(node, V.PROV_wasAttributedTo, self.agent, g)
        yield Quad(node, V.KG_confidence, typed(decimal(conf), V.XSD_decimal), g)
        yield Quad(node, V.KG_extractor, text(rule), g)
        yield from self._evidence(aid, art, span, g)

    def _quote(self, q, facts: ArticleFacts, art, g, ent, mentions) -> Iterator[Quad]:
        aid = facts.meta.id
        speaker = ent(q.speaker)
        if speaker is None:
            return
        node = N(iri.quote(aid, q.span.start, q.span.end, q.kind))
        yield Quad(node, V.RDF_type, V.KG_Quotation, g)
        yield Quad(node, V.RDF_type, V.SCHEMA_Quotation, g)   # for tools that know schema.org and do no reasoning
        yield Quad(node, V.SCHEMA_text, text(q.span.text), g)
        yield Quad(node, V.SCHEMA_creator, speaker, g)
        yield Quad(node, V.SCHEMA_isPartOf, art, g)
        yield Quad(node, V.KG_quoteType, N(NOTATIONS["QuoteTypeScheme"][q.kind]), g)
        yield Quad(node, V.KG_cue, text(q.cue), g)
        if q.cue_span is not None:
            # The cue's words are kg:cue already: its span needs only the position selector.
            yield Quad(node, V.KG_cueSpan, N(iri.evidence(aid, q.cue_span.start, q.cue_span.end)), g)
            yield from self._evidence(aid, art, q.cue_span, g, exact=False)
        for about in self._named_within(mentions, q.span, exclude=q.speaker, ent=ent):
            yield Quad(node, V.SCHEMA_about, about, g)
        yield from self._provenance(node, aid, art, q.span, q.confidence, q.rule, g)

    @staticmethod
    def _mention_index(facts: ArticleFacts) -> tuple[list[int], list[int]]:
        """Every mention's start and entity key, sorted by start."""
        pairs = sorted((m.start, e.key) for e in facts.entities for m in e.mentions)
        return [p[0] for p in pairs], [p[1] for p in pairs]

    @staticmethod
    def _named_within(mentions: tuple[list[int], list[int]], span: Span, exclude: int, ent) -> list[NamedNode]:
        """Entities named inside a span (what a quote is about), in order of their first mention there."""
        starts, keys = mentions
        out = []
        for k in keys[bisect_left(starts, span.start):bisect_left(starts, span.end)]:
            node = ent(k) if k != exclude else None
            if node is not None and node not in out:
                out.append(node)
        return out

    def _membership(self, m, facts: ArticleFacts, art, g, ent) -> Iterator[Quad]:
        aid = facts.meta.id
        person, org = ent(m.person), ent(m.organization)
        if person is None or self._kind(facts, m.person) != PERSON:
            return   # the member turned out not to be a person once all articles were seen
        node = N(iri.membership(aid, person.value, org.value if org else "", m.role, m.current,
                                m.evidence.start, m.evidence.end))
        yield Quad(node, V.RDF_type, V.ORG_Membership, g)
        yield Quad(node, V.ORG_member, person, g)
        if org is not None:
            yield Quad(node, V.ORG_organization, org, g)
        yield Quad(node, V.ORG_role, N(NOTATIONS["RoleScheme"].get(m.role_key, KG.RoleMember)), g)
        yield Quad(node, V.KG_roleLabel, text(m.role), g)
        yield Quad(node, V.KG_temporalStatus, N(NOTATIONS["TemporalStatusScheme"]["current" if m.current else "former"]), g)
        if facts.meta.date:
            yield Quad(node, V.KG_observedAt, date_literal(facts.meta.date), g)
        if org is not None and m.current and self._kind(facts, m.organization) in ORG_KINDS:
            yield Quad(person, V.ORG_memberOf, org, g)
        yield from self._provenance(node, aid, art, m.evidence, m.confidence, m.rule, g)

    def _kind(self, facts: ArticleFacts, key: int | None) -> str | None:
        eid = self.res.id(facts.meta.id, key)
        return self.res.entities[eid].kind if eid else None

    def _outcome(self, o, facts: ArticleFacts, art, g, ent) -> Iterator[Quad]:
        aid = facts.meta.id
        event = ent(o.event)
        subject = ent(o.subject)
        if event is None or (subject is None and o.predicate != "majority"):
            return
        other = ent(o.other)
        node = N(iri.outcome(aid, event.value, o.predicate, subject.value if subject else "", o.value,
                             o.evidence.start, o.evidence.end, *([other.value] if other is not None else [])))
        yield Quad(node, V.RDF_type, V.KG_Outcome, g)
        yield Quad(node, V.KG_outcomeOf, event, g)
        yield Quad(node, V.KG_outcomeType, N(NOTATIONS["OutcomeScheme"][o.predicate]), g)
        if subject is not None:
            yield Quad(node, V.KG_outcomeSubject, subject, g)
        if o.value is not None:
            yield Quad(node, V.KG_outcomeValue, number(o.value), g)
        if other is not None:
            yield Quad(node, V.KG_outcomeObject, other, g)
        if o.approx:
            yield Quad(node, V.KG_approximation, text(o.approx), g)
        yield from self._provenance(node, aid, art, o.evidence, o.confidence, o.rule, g)
        yield from self._shortcuts(o, event, subject, g)

    def _shortcuts(self, o, event: NamedNode, subject: NamedNode | None, g) -> Iterator[Quad]:
        """The standard triples an outcome implies: kg:winner, pe:majority, pe:Candidacy ..."""
        if o.predicate == "majority":
            yield Quad(event, V.PE_majority, typed(o.value, V.XSD_integer), g)
        elif o.predicate == "winner":
            yield Quad(event, V.KG_winner, subject, g)
        elif o.predicate == "held_by":
            yield Quad(event, V.KG_heldBy, subject, g)
        elif o.predicate == "gained_by":
            yield Quad(event, V.KG_gainedBy, subject, g)
        if o.predicate in ("candidate", "votes", "lost_deposit", "winner") and subject is not None \
                and "/person/" in subject.value:
            cand = N(iri.candidacy(iri.entity_id(event.value), iri.entity_id(subject.value)))
            result = N(cand.value + "/result")
            yield Quad(cand, V.RDF_type, V.PE_Candidacy, g)
            yield Quad(cand, V.PE_hasCandidate, subject, g)
            yield Quad(cand, V.PE_inElection, event, g)
            if o.predicate == "candidate":
                return
            yield Quad(cand, V.PE_hasCandidacyResult, result, g)
            yield Quad(result, V.RDF_type, V.PE_CandidacyResult, g)
            if o.predicate == "votes":
                yield Quad(result, V.PE_voteCount, typed(o.value, V.XSD_integer), g)
                if o.rank is not None:
                    yield Quad(result, V.PE_resultPosition, typed(o.rank, V.XSD_integer), g)
            elif o.predicate == "lost_deposit":
                yield Quad(result, V.KG_lostDeposit, typed("true", V.XSD_boolean), g)
            elif o.predicate == "winner":
                yield Quad(result, V.RDF_type, V.PE_WinningCandidacyResult, g)
                yield Quad(result, V.PE_resultPosition, typed(1, V.XSD_integer), g)


def build_graphs(articles: list[ArticleFacts], resolution: Resolution, model: str) -> Iterator[list[Quad]]:
    """The quads graph by graph: the entities graph, then each article's graph, each quad once."""
    builder = GraphBuilder(resolution, model)
    yield list(builder.entity_quads())
    for facts in articles:
        yield list(dict.fromkeys(builder.article_quads(facts)))   # a span shared by two facts is one evidence node


def build_quads(articles: list[ArticleFacts], resolution: Resolution, model: str) -> Iterator[Quad]:
    for quads in build_graphs(articles, resolution, model):
        yield from quads
